try:
    from app._speedups import fast_total
except ImportError:
    pass


def total(values):
    return sum(values)
