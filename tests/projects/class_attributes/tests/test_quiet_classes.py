"""Class attributes that exist, or that nobody can be sure of: silent, and the file collects."""
from app.plans import Anything, Codes, Limits, Plan, Point, Registry, Seats, Team

VALUES = [Plan.BASIC.value, Plan.PRO.name, Seats.MANY, Plan.__members__, Plan._member_map_]
INHERITED = [Team.MAX, Team.Roles.OWNER, Limits.EXTRA, Limits.configure, Registry.fromkeys, Seats.from_bytes]
DYNAMIC = [Point.x, Anything.whatever, Codes.ok]
GUARDED = hasattr(Plan, "FREE") and Plan.FREE


def test_values():
    Limits.configure()
    assert VALUES and INHERITED and DYNAMIC and Limits.CONFIGURED and not GUARDED
