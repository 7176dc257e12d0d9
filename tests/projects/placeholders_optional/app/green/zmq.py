"""eventlet's green modules: the third-party module is imported by a call, not a statement."""
__zmq__ = __import__("not_installed_zmq_lib")

Context = __zmq__.Context
