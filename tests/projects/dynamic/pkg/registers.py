import sys
import types

sys.modules["pkg.registers.virtual"] = types.ModuleType("pkg.registers.virtual")
