from tools.plugins import REGISTRY
from tools import registry


def test_registry():
    return REGISTRY, registry
