REGISTRY = {}
from tools import plugins
