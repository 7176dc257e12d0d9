def fast_sum(values):
    return sum(values)
