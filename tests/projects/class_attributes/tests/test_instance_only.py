from app.plans import Account

OWNER = Account.owner  # IMG104 "it is set on instances only (in '__init__'): read it on an instance, not the class"


def test_owner():
    assert OWNER
