from app.db.replicas import get_primary_db


def list_users():
    return get_primary_db()
