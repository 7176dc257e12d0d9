from tools.registry import REGISTRY
