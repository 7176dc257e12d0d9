for _name in ("Alpha", "Beta"):
    globals()[_name] = _name
