from app.models import UserSession


def test_session():
    assert UserSession(1).user_id == 1
