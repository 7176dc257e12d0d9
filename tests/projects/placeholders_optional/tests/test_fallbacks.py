"""IMG204 of an import that may fail elsewhere (app.errors imports ssl, which some builds lack;
app.storage.s3 needs an SDK that is not installed): a `None` fallback is an honest optional
dependency, a placeholder fallback runs the tests against a placeholder wherever it fails."""
import enum
import types
import unittest
from unittest import mock
from unittest.mock import MagicMock, Mock

try:
    from app.errors import ClickError  # IMG204 "ImportError of first-party 'app.errors' is swallowed; its fallback 'ClickError' is a mock: wherever the import fails"
except ImportError:
    ClickError = Mock

try:
    from app.errors import ClickError as Clicked  # IMG204 "its fallback 'Clicked' is a mock"
except ImportError:
    Clicked = MagicMock()

try:
    from app.errors import PlanKind  # IMG204 "its fallback 'PlanKind' is a type invented in the test"
except ImportError:
    PlanKind = type("PlanKind", (), {"FREE": "free"})

try:
    from app.errors import PlanKind as Plan  # IMG204 "its fallback 'Plan' is a type invented in the test"
except ModuleNotFoundError:
    Plan = enum.Enum("Plan", "FREE PAID")

try:
    from app.errors import FlowBase  # IMG204 "its fallback 'FlowBase' aliases a generic object"
except ImportError:
    FlowBase = unittest.TestCase

try:
    from app.errors import assert_clicked  # IMG204 "its fallback 'assert_clicked' is a mock"
except ImportError:
    assert_clicked = mock.Mock

try:
    from app.errors import render_error, ClickError as Failure  # IMG204 "its fallback 'render_error' aliases"
except ImportError:
    Failure = None
    render_error = lambda *args, **kwargs: None  # noqa: E731

try:
    from app.storage.s3 import S3Store as Store  # unknown: the SDK is not installed # IMG204 "'Store' is a mock"
except ImportError:
    Store = MagicMock

try:
    from app.errors import ClickError as Namespaced  # IMG204 "its fallback 'Namespaced' is a type invented"
except ImportError:
    Namespaced = types.SimpleNamespace()


# Silent twins: `None`, a skip, a hand-written fake, another import, a mock of something else.
try:
    from app.errors import ClickError as Optional
except ImportError:
    Optional = None

try:
    from app.errors import PlanKind as Skipped
except ImportError:
    Skipped = None
    MockPlan = Mock

try:
    from app.storage.s3 import S3Store  # unknown: the SDK is not installed
except ImportError:
    S3Store = None

try:
    from app.errors import FlowBase as Base
except ImportError:
    class Base:
        pass

try:
    from app.errors import render_error as render
except ImportError:
    from app.speed import total as render

try:
    from app.errors import assert_clicked as clicked
except ImportError:
    clicked = print

try:  # read only so that the module loads (Django's test migrations): no test runs against it
    from app.errors import PlanKind as MigrationPlan
except ImportError:
    MigrationPlan = mock.Mock()


class Migration:
    operations = [MigrationPlan()]


try:
    import not_installed_numpy_lib  # unknown: third-party, not installed here
except ImportError:
    not_installed_numpy_lib = MagicMock()


def test_uses():
    assert ClickError and Clicked and PlanKind and Plan and FlowBase and assert_clicked and Failure and render_error
    assert Store and Namespaced and Optional and Skipped and S3Store and Base and render and clicked
