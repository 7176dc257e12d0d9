"""An alias of locals() handed to a function, which may change it."""


def _fill(namespace):
    namespace["FILLED"] = True


_namespace = locals()
_fill(_namespace)
