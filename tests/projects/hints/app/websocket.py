"""Once held WebSocketConnectionManager and broadcast_messages; both were renamed and moved."""
TIMEOUT = 5
