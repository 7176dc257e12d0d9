"""IMG201: mocks standing in for first-party classes and functions, with silent twins."""
import sys
import typing
import unittest
from unittest import mock
from unittest.mock import AsyncMock, MagicMock, Mock, create_autospec, patch

from app.db.models_agent import Message as RealMessage

Thread = Mock  # IMG201 "'Thread' is a mock standing in for first-party code; 'Thread' is defined in 'app.db.models_agent'"
Message = MagicMock  # IMG201
Agent = AsyncMock()  # IMG201 "'Agent' is defined in 'app.agents.runs'"
Team = Mock(spec=RealMessage)  # IMG201 "'Team' is defined in 'app.teams' or 'app.legacy.teams'"
assert_successful_registration = Mock  # IMG201 "'assert_successful_registration' is defined in 'tests.helpers.flows'"
Workspace = create_autospec(object)  # IMG201 "'Workspace' is defined nowhere in the project"
Ticket = mock.MagicMock()  # IMG201
Comment: type = mock.Mock  # IMG201
Board, Column = Mock(), Mock()  # IMG201 IMG201
send_email = Mock  # IMG201 "'send_email' is defined in 'app.config'"

# Silent twins: ordinary mocks, named as what they are or bound where tests bind them.
mock_repo = MagicMock()
repo = MagicMock()
MockThread = Mock
FakeAgent = MagicMock()
DummyTeam = create_autospec(object)
DEFAULT_TIMEOUT = Mock()
settings = MagicMock()  # a first-party variable: mocked for good reasons
logger = Mock  # a first-party variable, not a class or function
make_widget = Mock  # lower-case and unknown to the project
notify = Mock()  # an instance under a lower-case name
__getattr__ = Mock

if sys.version_info >= (3, 8):
    Widget = Mock  # conditional and unknown to the project
if typing.TYPE_CHECKING:
    Thread = Mock  # never runs
Gadget = Mock()
Gadget = RealMessage  # bound twice: not a stand-in for anything


class FakeThread:
    """A hand-written fake."""

    title = ""


class Thread2(RealMessage):
    pass


class TestThreads(unittest.TestCase):
    Message = MagicMock  # IMG201
    client = Mock()
    repo = MagicMock()

    def test_local(self):
        client = Mock()
        Thread = Mock
        Agent = AsyncMock()
        team = Mock(spec=RealMessage)
        self.assertTrue(client and Thread and Agent and team)


@patch("app.db.models_agent.Thread")
def test_patched(thread_cls):
    assert thread_cls is not None


def test_mocker(mocker):
    mocker.patch("app.db.models_agent.Message")
    message = mocker.MagicMock(spec=RealMessage)
    assert message


def test_builder():
    def make():
        Team = Mock(spec=RealMessage)
        return Team

    assert make()


class Client(RealMessage):
    """A hand-written fake that configures its parent's class attributes."""

    Curl = Mock(name="Curl")
    Thread = Mock


class test_CurlClient:
    class Client(RealMessage):
        Curl = Mock(name="Curl")

    Invoice = Mock()  # IMG201

    def test_client(self):
        assert self.Client.Curl and Client.Thread
