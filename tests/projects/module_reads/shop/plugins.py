"""Its import of `register` was deleted; the decorator still reads it."""


@register
class Plugin:
    pass
