"""Stale patch targets and module attributes that `importguard --fix` repairs with certainty."""
from unittest.mock import patch

from app.db import models_agent
from app.models import user
from app.services.billing import Invoice


@patch("app.db.postgres.get_replica_db")  # IMG401 "'get_replica_db' is defined in 'app.db.replicas'"
def test_moved(get_replica_db):
    assert get_replica_db is not None


@patch('app.services.billing.chrage')  # IMG401 "did you mean 'charge'?"
def test_renamed(charge):
    assert charge is not None


def test_object():
    with patch.object(Invoice, "sned") as send:  # IMG401 "did you mean 'send'?"
        assert Invoice().send() is send.return_value


def test_attributes():
    assert user.UserSession is user.UserSession  # IMG103 IMG103 "did you mean 'Session'?"
    assert user.Thread is models_agent.Thread  # IMG103 "'Thread' is defined in 'app.db.models_agent'"
