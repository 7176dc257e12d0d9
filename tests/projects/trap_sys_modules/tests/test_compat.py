from app.compat import moves
import app.compat.moves
from app.compat.moves import urljoin
from app.compat import PY3
from app.compat import PY2  # unknown: the module writes sys.modules, the tool cannot list what it adds
from app.vendor import yaml
import app.vendor.yaml
from app.vendor.yaml import safe_load
from app.vendor import yaml_impl
import app.missing_module  # IMG101
