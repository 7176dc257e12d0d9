def __getattr__(name):
    match name:
        case "Alpha" | "Beta":
            return name
        case _:
            raise AttributeError(name)
