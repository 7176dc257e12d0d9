"""A star import copies a module's namespace: without __all__ it asks a module __getattr__ for
'__all__' only (never for the name); with __all__ it fetches each listed name with getattr."""
# No __all__, an unbounded __getattr__ that refuses '__all__': only the namespace is copied.
from app.plain import Real, NewClient
from app.plain import OldClient  # IMG102 "'OldClient' is not defined in 'app.plain'"
from app.plain.m0 import OldClient as Served  # the module itself serves it
from app.plain import m0

# __all__ lists a name only __getattr__ serves: fetched with getattr, it is there.
from app.listed import Real as ListedReal, Served as ListedServed
from app.listed import Other  # IMG102
from app.listed.m0 import Other as Direct

# __getattr__ answers '__all__' (by delegation, or by name): the star import copies what it lists.
from app.delegating import Alpha, Beta
from app.delegating import Gamma  # unknown: what a delegated __all__ lists is not followed
from app.answering import Made

# A guard refuses dunder names, then any name is served: not through a star import.
from app.dunder_guard import Real as Guarded
from app.dunder_guard import Widgets  # IMG102
from app.dunder_guard.m0 import widgets

# A bounded shim: 'Lazy' is served by the module, not copied by a star import.
from app.bounded import Eager
from app.bounded import Lazy  # IMG102 "'Lazy' is not defined in 'app.bounded'"
from app.bounded.m0 import Lazy as Shimmed

# Two star imports deep.
from app.chained import Own, Real as ChainedReal
from app.chained import NewClient as Chained
from app.chained import OldServer  # IMG102

# A computed table: the tool cannot tell whether it answers '__all__'.
from app.computed.m0 import Alpha as Computed
from app.computed import Alpha  # unknown: the table is computed
