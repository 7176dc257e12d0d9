def __getattr__(name):
    raise AttributeError(name)


exec("import sys")  # could as well register `pkg.lazyexec.gone` in sys.modules
