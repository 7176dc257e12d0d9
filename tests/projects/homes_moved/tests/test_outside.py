from app.legacy import SIGINT  # IMG102 "'SIGINT' is defined in 'app.signals'"
from app.legacy import timezone  # IMG102 "'timezone' is not the project's: its code imports it from 'datetime'"


def test_outside():
    assert SIGINT and timezone
