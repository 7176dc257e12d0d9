"""A test helper whose import of the base was deleted."""


class PluginCase(PluginBase):
    pass
