def slugify(value):
    return value.lower()
