"""IMG204: an ImportError of first-party code swallowed, with silent twins."""
from typing import TYPE_CHECKING

import pytest

try:
    from app.storage.clickhouse import ClickHouseManager  # IMG102 IMG204 "ImportError of first-party 'app.storage.clickhouse' is swallowed; 'ClickHouseManager' is defined in 'app.storage.managers'"
except ImportError:
    from unittest.mock import Mock

    ClickHouseManager = Mock

try:
    from app.billing import Invoice  # IMG204 "ImportError of first-party 'app.billing' is swallowed"
except ImportError:
    Invoice = None

try:
    from app.billing import Refund  # IMG102 IMG204 "'Refund' is defined nowhere in the project"
except (ImportError, AttributeError):
    pass

try:
    import app.reports  # IMG101 IMG204
except ModuleNotFoundError:
    pytest.skip("reports are not written yet", allow_module_level=True)

try:
    from app.storage import clickhouse  # IMG204 "first-party 'app.storage.clickhouse' is swallowed"
    HAVE_CLICKHOUSE = True
except ImportError:
    HAVE_CLICKHOUSE = False


def test_inside_a_test():
    try:
        from app.billing import Invoice as Bill  # IMG204
    except ImportError:
        pytest.skip("no billing")
    assert Bill


try:
    from app.steady import where  # IMG204 "ImportError of first-party 'app.steady' is swallowed"
except ImportError:  # os.path, sys.argv and time.sleep are everywhere
    where = None


# Silent twins.
try:
    from app.storage.s3 import S3Store  # unknown: its third-party SDK is not installed: an honest optional dependency
except ImportError:
    S3Store = None

try:
    from app.integrations.numpy_support import to_array  # unknown: needs numpy through a first-party module
except ImportError:
    to_array = None

try:
    from app.green import zmq  # unknown: imports its third-party module by __import__ (eventlet)
except ImportError:
    zmq = {}

try:
    from app import _udf as cython_udf  # unknown: a .pyx, built where the extension is (peewee's playhouse)
except ImportError:
    cython_udf = None

try:
    import not_installed_numpy_lib  # unknown: third-party, not installed here
except ImportError:
    not_installed_numpy_lib = None

try:
    from app.billing import Invoice as Checked
except ImportError:
    raise RuntimeError("install the project first")

try:
    from .helpers import make_invoice
except ImportError:
    from tests.helpers import make_invoice

try:
    from app.billing import Invoice as Kept
except ValueError:
    Kept = None

try:
    from app.billing import Invoice as Guarded
finally:
    pass

try:
    import ssl
    from app.storage import clickhouse as clickhouse_over_ssl
except ImportError:  # the error may be ssl's: some Python builds lack it
    ssl = None

try:
    from app.secure import make_context  # imports ssl, which some builds lack
except ImportError:
    make_context = None

try:
    from app.cycle_b import second  # unknown: through app.cycle_a (a cycle), which needs numpy
except ImportError:
    second = None

try:
    from app.passing import fd_space  # imports socket names that only some platforms have
except ImportError:
    fd_space = None

try:
    from app.speed import fast_total  # unknown: bound only where the compiled module was built
except ImportError:
    fast_total = None

if TYPE_CHECKING:  # never runs
    try:
        from app.billing import Invoice as Typed
    except ImportError:
        Typed = None


def test_the_import_fails_on_purpose():
    try:
        from app.billing import Invoice as Missing
    except ImportError:
        pass
    else:
        pytest.fail(f"{Missing} should not import without the plugin")


def test_silent():
    assert Checked and make_invoice and Kept and Guarded and S3Store and to_array and clickhouse
