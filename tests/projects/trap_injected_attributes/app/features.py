"""Feature flags: names computed at runtime and set on another module."""
import app.flags as flags

for _name in ("dark_mode", "beta"):
    setattr(flags, _name.upper(), False)
