"""A plain module whose `__getattr__` forwards every name to another package, `__path__` too:
`import app.forward.model_selection` asks it for `__path__` and finds the submodule there (dask's
`dask.ml` and `dask.distributed`)."""


def __getattr__(value):
    import app.real

    return getattr(app.real, value)
