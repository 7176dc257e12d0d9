"""Defined nowhere: nothing to import; `importguard --stub` writes failing stubs where the test expects them."""
from app.billing.plans import UserPlan  # IMG101 "'UserPlan' is defined nowhere in the project"
from app.models.user import make_admin, AuditLog  # IMG102 IMG102


def test_plans():
    assert UserPlan.FREE == "free"
    assert UserPlan.PRO != UserPlan.FREE


def test_admin():
    admin = make_admin("ann", email="ann@example.org")
    log = AuditLog(admin)
    log.record("created")
    assert log.entries == []
