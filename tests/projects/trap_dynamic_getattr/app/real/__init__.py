"""The package app.forward hands every name to (dask.ml and dask_ml)."""
