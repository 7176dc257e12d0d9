def __getattr__(name):
    if name == "old_report":
        return lambda: "report"
    raise AttributeError(name)
