import app.settings


def pytest_configure(config):
    app.settings.CONFIGURED = True  # pytest calls this before it collects any test module


def pytest_collection_modifyitems(items):
    app.settings.AFTER_COLLECTION = True  # a hook of conftest.py: counted, as every line of it
