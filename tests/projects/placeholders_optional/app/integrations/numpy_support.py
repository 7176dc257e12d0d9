from app.integrations import arrays


def to_array(values):
    return arrays.convert(values)
