try:
    import not_installed_fast_json as json
except ImportError:
    import json

import not_installed_numpy_lib


def convert(values):
    return not_installed_numpy_lib.array(json.loads(values))
