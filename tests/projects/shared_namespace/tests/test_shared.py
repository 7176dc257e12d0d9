from poetry.factory import Factory
from poetry.factory import Fabric  # IMG102
from poetry.core.packages.package import Package  # unknown: poetry-core adds to the poetry namespace
import poetry.console.gone  # IMG101
