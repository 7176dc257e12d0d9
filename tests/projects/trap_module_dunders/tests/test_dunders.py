"""What the import system sets on every module object, imported by name (jedi's test_classes,
`from jedi import __doc__`; setuptools', `from setuptools.tests import __path__`)."""
from app import __builtins__ as package_builtins
from app import __cached__, __doc__, __file__, __loader__, __name__, __package__, __path__, __spec__
from app import __annotations__ as package_annotations
from app import __dict__ as package_dict
from app.ns import __doc__ as namespace_doc
from app.ns import __file__ as namespace_file
from app.ns import __path__ as namespace_path
from app.plain import __class__ as plain_class
from app.plain import __doc__ as plain_doc
from app.plain import __file__ as plain_file
from app.plain import partner_name
from app.plain import __path__ as plain_path  # IMG102 "'__path__' is not defined in 'app.plain'"
from app.plain import __version__  # IMG102 "'__version__' is not defined in 'app.plain'"


def test_dunders():
    assert partner_name == "app.plain" and __name__ == "app" and __path__ and namespace_path
    assert plain_file.endswith("plain.py") and __file__.endswith("__init__.py") and namespace_file is None
    assert plain_doc and __doc__ and namespace_doc is None and package_dict and plain_class
    assert package_builtins and __cached__ and __loader__ and __package__ == "app" and __spec__
    assert package_annotations == {}
    assert plain_path and __version__


def test_cycle():
    from app.loop_a import A  # IMG105 "app/loop_b.py:2 imports 'A' from 'app.loop_a', which is only partly initialised"

    assert A
