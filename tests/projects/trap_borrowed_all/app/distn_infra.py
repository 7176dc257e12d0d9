def distribution_names(pairs, base):
    """scipy.stats' get_distribution_names: the names are appended as the loop finds them."""
    names, generators = [], []
    for name, value in pairs:
        if name.startswith("_"):
            continue
        if isinstance(value, base):
            names.append(name)
        elif isinstance(value, type) and issubclass(value, base):
            generators.append(name)
    return names, generators
