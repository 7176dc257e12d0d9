import os

POOL = {"size": 1}


def connect():
    return os.environ.get("DATABASE_URL")
