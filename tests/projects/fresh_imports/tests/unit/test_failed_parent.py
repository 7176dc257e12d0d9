from app.broken.loaded import Thing  # IMG106 "importing 'app.broken.loaded' fails unless another test has already imported 'app.broken.loaded': app/broken/__init__.py:3 imports 'app.broken.missing_module', which does not exist"
from app.broken.later import Later  # IMG105 "app/broken/__init__.py:3 imports 'app.broken.missing_module'"
import app.broken.loaded  # works here: line 1 left it loaded, and "app" too


def test_parent():
    return Thing, Later
