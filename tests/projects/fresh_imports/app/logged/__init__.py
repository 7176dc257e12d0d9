import logging

from app.logged import loaded
from app.logged.loaded import Thing
from app.logged.missing_module import Gone

log = logging.getLogger(__name__)  # hands its name to the standard library: no module is replaced
