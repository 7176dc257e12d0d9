class Table:
    pass
