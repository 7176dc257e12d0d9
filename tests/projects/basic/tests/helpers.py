def make_user():
    from app.models import User

    return User()
