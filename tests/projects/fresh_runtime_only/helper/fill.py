def fill(namespace):
    namespace["FILLED"] = True
