from app.db.sessions import Sesion


def endpoint():
    return 1
