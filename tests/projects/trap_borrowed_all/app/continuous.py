"""scipy.stats._continuous_distns: `__all__` sums lists a function returned."""
from app.distn_infra import distribution_names


class rv_continuous:
    pass


class norm_gen(rv_continuous):
    pass


norm = norm_gen()
_distn_names, _distn_gen_names = distribution_names(list(globals().items()), rv_continuous)
__all__ = _distn_names + _distn_gen_names + ["rv_histogram"]


def rv_histogram():
    return None
