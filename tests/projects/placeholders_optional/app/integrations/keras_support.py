"""Needs keras, or tensorflow's: each import is under a `try`, but the handler raises again
(tqdm.keras)."""
try:
    import not_installed_keras as keras
except ImportError as e:
    try:
        from not_installed_tensorflow import keras
    except ImportError:
        raise e


Callback = keras.callbacks.Callback
