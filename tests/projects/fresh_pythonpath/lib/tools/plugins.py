from tools.registry import REGISTRY

REGISTRY["plugin"] = object()
