"""No __all__ bound, but __getattr__ answers one."""


def __getattr__(name):
    if name == "__all__":
        return ["Made"]
    if name == "Made":
        return 1
    raise AttributeError(name)
