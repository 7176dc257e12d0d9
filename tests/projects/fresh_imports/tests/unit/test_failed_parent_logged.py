from app.logged.loaded import Thing  # IMG106 "importing 'app.logged.loaded' fails unless another test has already imported 'app.logged.loaded': app/logged/__init__.py:5 imports 'app.logged.missing_module', which does not exist"
from app.logged.later import Later  # IMG105 "app/logged/__init__.py:5 imports 'app.logged.missing_module'"
import app.logged.loaded  # works here: line 1 left it loaded, and "app" too


def test_parent():
    return Thing, Later
