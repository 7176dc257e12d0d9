class Widget:
    def __getattr__(self, name):  # a class's __getattr__ serves instances, not the module
        return name
