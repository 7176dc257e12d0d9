NAMES = ["Gamma"]


def _more():
    NAMES.extend(["Delta"])


_more()
