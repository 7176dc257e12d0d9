from app.clients.http import HttpClient

__all__ = ["HttpClient"]
