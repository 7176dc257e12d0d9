from helpers.core import setup
from helpers.missing import teardown
