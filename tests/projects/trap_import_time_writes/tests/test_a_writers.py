"""Sets names on app.settings: some when pytest imports it, some only when a test runs."""
import app.settings

app.settings.AT_IMPORT = 1


def _install():
    app.settings.BY_HELPER = 1


_install()


class TestThings:
    app.settings.IN_CLASS_BODY = 1

    def test_it(self):
        app.settings.IN_A_METHOD = 1


def test_something():
    app.settings.IN_A_TEST = 1
    setattr(app.settings, "SET_IN_A_TEST", 1)


def _register(func):
    func()
    return func


@_register
def _configure():
    app.settings.BY_DECORATOR = 1


def helper_never_called():
    app.settings.NEVER = 1
