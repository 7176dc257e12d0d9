"""falcon's tests/asgi: pyximport compiles the .pyx beside it when it is imported."""
try:
    import pyximport  # unknown: third-party, not installed here

    pyximport.install()
except ImportError:
    pyximport = None

if pyximport:
    from . import _cythonized  # unknown: pyximport builds it from _cythonized.pyx
    from pkg import _cythonized as _built  # unknown: built from pkg/_cythonized.pyx

    CALLS = [_cythonized.nop_method, _built.nop]
