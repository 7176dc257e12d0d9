def nop():
    pass
