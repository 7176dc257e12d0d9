import app.fastpkg  # unknown: a package whose __init__ is compiled cannot be read
from app.fastpkg import anything  # unknown: a package whose __init__ is compiled cannot be read
import app.fastpkg.sub  # unknown: a package whose __init__ is compiled cannot be read
from app._accel import accelerate  # unknown: a compiled extension cannot be read
import app.legacy  # unknown: bytecode without source cannot be read
from app.legacy import old  # unknown: bytecode without source cannot be read
import app.typed_only
from app.typed_only import Thing  # unknown: a directory with only a stub may be filled at build time
from app.declared import Declared, install
from app.declared import Undeclared  # unknown: globals() is handed to a function
from app.plain import REAL
from app.plain import STUB_ONLY  # IMG102 "'STUB_ONLY' is not defined in 'app.plain'"
from app.plain import NEITHER  # IMG102
