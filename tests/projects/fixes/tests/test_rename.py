"""Renamed in the same module: the fixer imports the real name under the old one."""
from app.websocket.connection_manager import WebSocketConnectionManager  # IMG102 "did you mean 'ConnectionManager'?"
from app.models.user import Usr as U  # IMG102 "did you mean 'User'?"


def test_connect():
    assert WebSocketConnectionManager().active == []
    assert isinstance(U(), U)
