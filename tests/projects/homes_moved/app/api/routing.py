class Router:
    pass
