from app.models import Account


def test_account():
    assert Account.plan == "free"
