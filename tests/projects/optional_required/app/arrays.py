import not_installed_numpy_lib


def to_array(values):
    return not_installed_numpy_lib.array(values)
