class Base:
    retries = 3

    def save(self):
        return True

    @property
    def label(self):
        return "base"

    @staticmethod
    def build():
        return Base()

    @classmethod
    def configure(cls):
        cls.configured = True


class Registry:
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.registered = True


class Error(Exception):
    code = 1
