import not_installed_numpy_lib

import app.cycle_b


def first():
    return not_installed_numpy_lib, app.cycle_b
