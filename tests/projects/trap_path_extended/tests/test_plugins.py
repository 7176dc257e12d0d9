import app.plugins.slack
from app.plugins import slack
from app.plugins.slack import SlackPlugin
from app.plugins.csv_plugin import CsvPlugin
from app.plugins import BUILTIN
import app.plugins.nowhere  # unknown: __path__ is changed, the tool cannot list every place
import app.extended.extra
from app.extended.extra import EXTRA
import app.reassigned.extra
from app.reassigned import extra
