from app.starred.computed import *
from app.starred.lazy import *
from app.starred.cond import *
from app.starred.subpkg import *
