"""An import that fails comes before the read: the import is what fails."""
from shop.registry import unregister

VALUE = missing_value
