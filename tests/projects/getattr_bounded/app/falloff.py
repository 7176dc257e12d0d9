def __getattr__(name):
    if name == "Alpha":
        return 1
