from app.matched import Alpha, Beta
from app.matched import Gamma  # IMG102 "'Gamma' is not defined in 'app.matched'"
from app.negative import OldClient, Client
from app.negative import NewClient  # IMG102
from app.either import first, second
from app.either import third  # IMG102
from app.mutated import Alpha as A2, Gamma as G2
from app.mutated import Delta  # unknown: the table is changed at runtime
from app.computed import Alpha as A3
from app.computed import Delta as D3  # unknown: the table is computed
from app.falloff import Alpha as A4, Anything
from app.delegate import Alpha as A5
from app.delegate import Gamma as G5  # unknown: delegated to another module
from app.twice import Anything as Any6
from app.spelling import GetIt
from app.spelling import other  # unknown: the test is on the name's spelling
from app.factory import Alpha as A7, __version__
from app.factory import Gamma as G7  # IMG102 "'Gamma' is not defined in 'app.factory'"
from app.factory_open import Gamma as G8  # unknown: the factory may return either of two functions
from app.factory_proxy import upper
from app.factory_proxy import Gamma as G9  # unknown: the function the factory makes delegates
from app.factory_elsewhere import __version__ as V10
from app.factory_elsewhere import Gamma as G10  # unknown: the factory is another module's
from app.local_table import __description__
from app.local_table import BoundLogger  # IMG102 "'BoundLogger' is not defined in 'app.local_table'"
from app.local_shadow import Beta  # served: the function's own SERVED hides the module's
from app.local_changed import Beta as B11  # served: the function changes its table
