from .deeper import *

__all__ = ["Exported", "Hidden"] + ["Chained"]
__all__ += ["Added"]
__all__.append("Appended")
__all__.extend(["Extended"])


class Exported: pass
class Hidden: pass
class NotExported: pass
Added = Appended = Extended = 1
