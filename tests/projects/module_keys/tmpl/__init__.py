"""jinja2's shape: the package imports a name its loaders module no longer defines; the loaders
write sys.modules only under keys made for them, which name no module of the project."""
from tmpl.loaders import ChoiceLoader, Loader
