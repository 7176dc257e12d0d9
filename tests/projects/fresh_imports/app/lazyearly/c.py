def __getattr__(name):
    if name == "LAZY":
        return 1
    raise AttributeError(name)


from app.lazyearly import d
