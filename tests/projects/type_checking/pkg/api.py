import typing
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pkg.models import Model
    from pkg.models import Model as Both
    OnlyForTypes = int
else:
    Both = object

if typing.TYPE_CHECKING:
    from pkg.models import Model as AlsoTyping

if not TYPE_CHECKING:
    RuntimeOnly = 1
else:
    from pkg.models import Model as NotAtRuntime

if False:
    Never = 1

Later = 1
if TYPE_CHECKING:
    Later = 2
