try:
    from app.lint import version  # IMG204 "ImportError of first-party 'app.lint' is swallowed"
except ImportError:
    version = None

try:
    from app.config import load  # IMG204
except ImportError:
    load = None

try:
    import yaml
    from app.config import load as load2  # IMG204
except ImportError:
    load2 = None

try:
    from app.colors import red  # unknown: a requirement only on Windows
except ImportError:
    red = None

try:
    from app.arrays import to_array  # unknown: an optional extra, not installed here
except ImportError:
    to_array = None

try:
    from app.undeclared import thing  # unknown: an undeclared package, not installed here
except ImportError:
    thing = None
