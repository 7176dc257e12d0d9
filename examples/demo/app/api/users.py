from app.db import replicas
from app.db.replicas import get_primary_db


def list_users():
    return replicas.get_replica_db(), get_primary_db()
