"""A name defined nowhere that was renamed and moved at once: the project's classes and functions
that read as a rename of it are offered, never as a certain fix."""
from app.websocket import WebSocketConnectionManager  # IMG102 "'WebSocketConnectionManager' is defined nowhere in the project; did you mean 'ConnectionManager' in 'app.ws.manager'?"
from app.websocket import broadcast_messages  # IMG102 "did you mean 'broadcast_message' in 'app.ws.manager'?"
from app.websocket import ConnectionLimits  # IMG102 "'ConnectionLimits' is defined nowhere in the project"
from app.websocket import SocketPool  # IMG102 "'SocketPool' is defined nowhere in the project"
from app.websocket import Connection  # IMG102 "'Connection' is defined nowhere in the project"
from app.websocket import Manager  # IMG102 "'Manager' is defined nowhere in the project"
