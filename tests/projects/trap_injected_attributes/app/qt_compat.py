"""matplotlib's qt_compat: a function declares the names global, then imports them."""


def _setup():
    global QtCore, json_module
    import json as json_module
    from collections import OrderedDict as QtCore


_setup()
