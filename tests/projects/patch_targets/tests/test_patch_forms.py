"""Every way a test names a patch target; a silent twin beside each finding."""
import unittest
import unittest.mock
from unittest import mock
from unittest.mock import patch
from unittest.mock import patch as replace

from app.services import billing
from app.services.billing import Invoice

MODULE = "app.services.billing"


@patch("app.services.billing.charge")
@patch("app.services.billing.charge_card")  # IMG401 "did you mean 'charge'?"
def test_decorators(charge_card, charge):
    assert charge is not charge_card


@mock.patch("app.db.postgres.get_replica_db")  # IMG401 "'get_replica_db' is defined in 'app.db.replicas'"
@mock.patch("app.db.replicas.get_replica_db")
def test_moved(replica, stale):
    assert replica is not stale


@unittest.mock.patch.object(Invoice, "send")
@unittest.mock.patch.object(Invoice, "sned")  # IMG401 "did you mean 'send'?"
@patch.object(billing, "charge")
@patch.object(billing, "refund")  # IMG401 "'refund' is defined nowhere in the project"
def test_objects(*mocks):
    assert mocks


def test_context_managers():
    with patch("app.services.billing.RATES"), replace("app.services.billing.Invoice.currency"):
        pass
    with replace("app.services.billing.Invoice.total"):  # IMG401 "'total' is not defined in 'app.services.billing.Invoice'"
        pass
    with patch("app.services.billing.Invoice.lines"):  # IMG401 "set on instances only (in '__init__')"
        pass


def test_started_patchers():
    patcher = patch("app.db.postgres.connect")
    patcher.start()
    patcher.stop()
    patch("app.db.postgres.disconnect").start()  # IMG401
    patch.stopall()


def test_dict_and_multiple():
    with patch.dict("app.db.postgres.POOL", {"size": 2}), patch.dict("app.db.postgres.POOLS", {}):  # IMG401
        pass
    with patch.multiple("app.services.billing", charge=mock.DEFAULT, RATES={}):
        pass
    with patch.multiple("app.services.billing", charge=mock.DEFAULT, refund=mock.DEFAULT):  # IMG401
        pass
    with patch.multiple(billing, charge=mock.DEFAULT, refunds=mock.DEFAULT):  # IMG401
        pass


def test_missing_modules():
    with patch("app.db.mysql.connect"):  # IMG401 "'mysql' is not defined in 'app.db'"
        pass
    with patch("app.api.users.get_primary_db"), patch("app.api.users.get_replica_db"):  # IMG401
        pass
    with patch("app.api.users.replicas"):
        pass


def test_builtin_names():
    with patch("app.db.postgres.open"), patch.object(billing, "print"):  # mock creates a builtin name on a module
        pass
    with patch("app.db.mysql.open"):  # IMG401 "'mysql' is not defined in 'app.db'"
        pass
    with patch.object(Invoice, "open"):  # IMG401 "'open' is not defined in 'app.services.billing.Invoice'"
        pass


def test_silent_twins():
    with patch("app.services.billing.refund", create=True), patch.object(billing, "refund", create=True):
        pass
    with patch("app.db.postgres.open"), patch("app.db.postgres.print"):  # mock creates builtins
        pass
    with patch("os.path.exists"), patch("json.missing_function", create=True):
        pass
    with patch(MODULE + ".charge"), patch(MODULE):
        pass
    with patch(f"{MODULE}.missing"):  # unknown
        pass
    with patch("app.legacy.old_report"), patch("app.settings.anything_at_all"):  # module __getattr__s
        pass
    with patch("app.legacy.anything_else"):  # IMG401 "'anything_else' is not defined in 'app.legacy'"
        pass
    with patch("app.legacy.exports"):  # unknown
        pass
    with patch("app.services.billing.Invoice._Invoice__render"):  # a private method, by its mangled name
        pass
    with patch("app.services.billing.Invoice._Invoice__gone"):  # IMG401 "'_Invoice__gone' is not defined"
        pass
