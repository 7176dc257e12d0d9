import enum
import ssl


class ClickError(Exception):
    context = ssl.PROTOCOL_TLS_CLIENT


class PlanKind(enum.Enum):
    FREE = "free"


class FlowBase:
    pass


def assert_clicked(result):
    assert result


def render_error(error):
    return str(error)
