from app.models import Account


def test_more():
    assert Account()
