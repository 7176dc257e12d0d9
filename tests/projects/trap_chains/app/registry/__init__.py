import sys
import types

sys.modules["app.registry.virtual"] = types.ModuleType("app.registry.virtual")
import app.registry.virtual

thing = 1
