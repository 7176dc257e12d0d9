from pkg.lazy import Computed
from pkg.lazy import Whatever  # IMG102
from pkg.attached import Anything
from pkg.viaglobals import Alpha, Beta
from pkg.viaglobals import Zeta  # unknown: globals() written
from pkg.readsglobals import Present
from pkg.readsglobals import Absent  # IMG102
from pkg.updated import Gamma
from pkg.executed import Delta
from pkg.generated_pb2 import Request
from pkg.replaced import Epsilon
from pkg.extended import elsewhere  # unknown: __path__ extended
import pkg.extended.elsewhere  # unknown: __path__ extended
import pkg.lazypkg.gone  # IMG101
from pkg.lazypkg.gone import Something  # IMG101
from pkg.lazypkg import gone  # IMG102
import pkg.lazyexec.gone  # unknown: the package runs exec(), which may register submodules
