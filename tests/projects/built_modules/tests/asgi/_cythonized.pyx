def nop_method():
    pass
