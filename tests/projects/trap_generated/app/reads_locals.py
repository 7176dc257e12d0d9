"""httpx's `__init__`: the namespace read through an alias of locals(), never changed."""
__all__ = ["Client"]


class Client:
    pass


__locals = locals()
for __name in __all__:
    if not __name.startswith("__") and "Client" in __locals:
        setattr(__locals[__name], "__module__", "app")
__key = None  # bound before the loop: iterating adds no name to the namespace it walks
for __key in __locals:
    pass
