def install(namespace):
    namespace["Declared"] = type("Declared", (), {})
