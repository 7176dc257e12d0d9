"""No single convincing candidate: the fixer leaves every one of these alone and says why."""
from app.dup import Duplicate  # IMG102 "'Duplicate' is defined in 'app.dup.first' or 'app.dup.second'"
from app.models.user import UserAccountSetings  # IMG102 "'UserAccountSettings' or 'UserAccountSetting'"
from app.config.settings import Configs  # IMG102 "did you mean 'Config'?"
from app.websocket.connection_manager import WebSocketConnectionManager  # IMG102
from app.config.settings import load_config  # IMG102 "did you mean 'make_config'?"
from app.reports import ReportContext  # IMG102 "did you mean 'ReportContextBuilder'?"


class ConnectionManager:
    """A hand-written fake: the rename would collide with it."""


def test_nothing():
    assert Duplicate and UserAccountSetings and Configs and WebSocketConnectionManager and load_config
    assert ReportContext()
