def export():
    return "csv"
