from pkg import Exported, Hidden, Chained, Added, Appended, Extended
from pkg import NotExported  # IMG102
from pkg.base import NotExported, PublicButNotInAll, Chained
from pkg.base import Missing  # IMG102
from pkg import PublicButNotInAll  # IMG102
from pkg.deeper import _Private
from pkg import _Private  # IMG102
from pkg import InA, InB
from pkg.cycle_a import InB, InA
from pkg import _private_b  # IMG102
from pkg.cycle_b import Nothing  # IMG102
from pkg import Own, PartOne, PartTwo
from pkg import PartThree  # IMG102
from pkg.computed import PartThree  # IMG102
from pkg.third import dumps, AnythingAtAll  # unknown: a third-party star import is not followed
from pkg.nosuch_star import PartOne
from pkg.nosuch_star import PartThree  # IMG102
from pkg.runtime_all import PartThree
from pkg.uses_runtime import Anything  # unknown: __all__ computed at runtime
from pkg.uses_computed2 import Own2, PartOne
from pkg.uses_computed2 import PartThree  # IMG102
