from app.reexports_module import *
