"""Stale patch targets and attributes whose repair is not certain: reported, explained, not rewritten."""
from unittest.mock import patch

from app.models import user


def test_looked_up_elsewhere():
    with patch("app.db.postgres.get_primary_db"):  # IMG401 "imported by 'app.api.users'"
        pass


def test_two_homes():
    with patch("app.db.postgres.render"):  # IMG401 "'render' is defined in 'app.reports.daily' or 'app.reports.weekly'"
        pass


def test_module_not_imported():
    assert user.get_replica_db  # IMG103 "'get_replica_db' is defined in 'app.db.replicas'"


def test_distant_names():
    with patch("app.services.billing.charge_card"):  # IMG401 "did you mean 'charge'?"
        pass
    assert user.remake_user  # IMG103 "did you mean 'make_user'?"
