"""A vendored package registered under a second, shorter name."""
import sys

from app.vendor import yaml_impl

sys.modules.setdefault(__name__ + ".yaml", yaml_impl)
