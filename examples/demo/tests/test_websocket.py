from app.websocket.connection_manager import WebSocketConnectionManager


def test_connect():
    manager = WebSocketConnectionManager()
    assert manager.active == []
