def place():
    return "placed"
