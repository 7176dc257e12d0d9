import app.config as config

config.DATABASE_URL = "sqlite://"


def load():
    from app import config as settings

    settings.LOADED = True


load()
