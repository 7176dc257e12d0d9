"""`Base` was renamed to `BaseModel`; a class below still names it."""


class BaseModel:
    pass


class User(Base):
    pass
