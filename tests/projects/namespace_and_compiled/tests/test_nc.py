from ns.inner.mod import VALUE
from ns.inner import mod
from ns import top, inner
import ns.inner.mod
import ns.inner.gone  # IMG101
from ns import absent  # IMG102
from ns.inner import missing  # IMG102
from container.sub.leaf import LEAF
from container import other  # unknown: a bare namespace container may be shared with other distributions
import container.sub.other  # IMG101
from native import _speedups  # unknown: a compiled extension cannot be read
from native._speedups import anything  # unknown: a compiled extension cannot be read
from native._fast import fast  # unknown: a compiled extension cannot be read
from native.generated import Built  # unknown: a stub without source is built at install time
from native.partly import Real
from native.partly import Declared  # IMG102 "'Declared' is not defined in 'native.partly'"
from native.partly import Undeclared  # IMG102
import fixtures.users  # unknown: a data directory is no package of ours; an installed 'fixtures' would win
