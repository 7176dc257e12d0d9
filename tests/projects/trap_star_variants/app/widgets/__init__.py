__all__ = ["buttons", "sliders", "Widget"]  # submodules listed: a star import imports them


class Widget:
    pass
