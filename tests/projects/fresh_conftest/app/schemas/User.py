from app.schemas.base import Model


class User(Model):
    pass
