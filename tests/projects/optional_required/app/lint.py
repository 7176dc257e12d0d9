import flake8


def version():
    return flake8.__version__
