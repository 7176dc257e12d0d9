"""Class attributes through bases, with every way a class may gain attributes unseen (silent)."""
from unittest.mock import patch

import app.setup_hooks
from app.models import Admin, User


def test_own_and_inherited():
    with patch("app.models.User.table"), patch("app.models.User.delete"), patch("app.models.User.Meta.ordering"):
        pass
    with patch("app.models.Admin.promote"), patch("app.models.Admin.save"), patch("app.models.Admin.retries"):
        pass
    with patch("app.models.Admin.label"), patch("app.models.Admin.build"), patch("app.models.Admin.configure"):
        pass
    with patch("app.models.User.name"), patch("app.models.User.email"):  # __slots__ descriptors
        pass
    with patch("app.models.Team.save"), patch("app.base.Error.code"), patch("app.base.Error.args"):
        pass
    with patch("app.models.Admin.mro"), patch("app.models.User.__doc__"):
        pass


def test_missing():
    with patch("app.models.Admin.demote"):  # IMG401 "'demote' is not defined in 'app.models.Admin'"
        pass
    with patch("app.models.User.tabel"):  # IMG401 "did you mean 'label' or 'table'?"
        pass
    with patch("app.models.User.Meta.order"):  # IMG401 "not defined in 'app.models.User.Meta'"
        pass
    with patch("app.models.Team.saved"):  # IMG401
        pass
    with patch("app.base.Error.message"):  # IMG401
        pass
    with patch("app.models.Admin.session"):  # IMG401 "set on instances only (in '__init__')"
        pass
    with patch("app.models.Lazy.anything"):  # IMG401
        pass
    with patch.object(User, "remove"), patch.object(Admin, "promote"):  # IMG401 "'app.models.User.remove'"
        pass


def test_instances():
    with patch.object(Admin("root"), "session"), patch.object(User("x"), "name"):  # set in __init__: instances have them
        pass


def test_attributes_set_unseen():
    with patch("app.models.User.deleted", 1), patch("app.base.Base.configured", 1):  # unknown
        pass
    with patch("app.models.Point.y"), patch("app.models.Plugin.registered"):  # unknown
        pass
    with patch("app.models.Plan.PAID"):  # IMG401 "'PAID' is not defined in 'app.models.Plan'"
        pass
    with patch("app.models.Tagged.tag"), patch("app.models.Dynamic.alpha"), patch("app.models.Registered.hook"):  # unknown
        pass
    with patch("app.models.Patched.extra"), patch("app.models.Admin.injected"):
        pass
    with patch("app.models.Twice.one"), patch("app.models.Twice.three"):  # unknown
        pass
    with patch("app.models.admin.name"), patch("app.models.admin.anything"):  # unknown
        pass
