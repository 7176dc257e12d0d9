"""Test functions run after pytest imported every test module: what they set cannot be imported."""
from app.settings import ENV
from app.settings import CONFIGURED  # unknown: conftest.py's pytest_configure sets it first
from app.settings import AFTER_COLLECTION  # unknown: conftest.py is read whole
from app.settings import AT_IMPORT  # unknown: set when pytest imports test_a_writers first
from app.settings import BY_HELPER  # unknown: a function test_a_writers calls when imported
from app.settings import IN_CLASS_BODY  # unknown: a class body runs at import
from app.settings import BY_DECORATOR  # unknown: its own decorator may call it
from app.settings import IN_A_METHOD  # IMG102
from app.settings import IN_A_TEST  # IMG102
from app.settings import SET_IN_A_TEST  # IMG102
from app.settings import NEVER  # IMG102
