class Core:
    pass
