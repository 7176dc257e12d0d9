"""anyio's lazy importer: a function that writes its caller's module globals (a module
`__getattr__`), found through the caller's frame, so the caller's source never binds it."""
import sys
from importlib import import_module


def install_lazy_importer(mapping):
    module_globals = sys._getframe(1).f_globals

    def __getattr__(name):
        if name not in mapping:
            raise AttributeError(name)
        module, attribute = mapping[name].rsplit(".", 1)
        value = module_globals[name] = getattr(import_module(module), attribute)
        return value

    module_globals["__getattr__"] = __getattr__
    return True


def caller_name():
    """Reads its caller's globals; writes nothing there."""
    return sys._getframe(1).f_globals["__name__"]


def inject(**names):
    """Binds names in its caller's module, which reads them next."""
    sys._getframe(1).f_globals.update(names)


def option(**kwargs):
    """click's `version_option`: reads its caller's globals, changes a mapping of its own."""
    frame = sys._getframe(1)
    caller = frame.f_globals if frame is not None else None
    kwargs.setdefault("package", caller.get("__name__") if caller is not None else None)
    kwargs["seen"] = True
    return kwargs


def relocated(new_name):
    """pyomo's `relocated_module`: puts another module in its caller's place in sys.modules, under
    the name it reads from the caller's globals."""
    new_module = import_module(new_name)
    sys.modules[sys._getframe(1).f_globals["__name__"]] = new_module


def name_of_caller_registered():
    """Reads its caller's name and stores into a dictionary of its own: no writer."""
    seen = {}
    seen[sys._getframe(1).f_globals["__name__"]] = True
    return seen
