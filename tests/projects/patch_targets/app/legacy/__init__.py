def __getattr__(name):
    """Only the names it lists are served: any other name is missing."""
    if name == "old_report":
        return lambda: "report"
    raise AttributeError(name)
