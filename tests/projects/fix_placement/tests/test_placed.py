"""Placeholders after code, an import of the same module, a long path."""
import os
from unittest.mock import Mock

from app.db.models_agent import Message

TIMEOUT = int(os.environ.get("TIMEOUT", "3"))

Thread = Mock  # the model "does not exist"  # IMG201
AccountSettingsRepository = Mock  # IMG201


def test_thread():
    assert Thread("t").title == "t" and Message and TIMEOUT


def test_settings():
    assert AccountSettingsRepository().load() is not None
