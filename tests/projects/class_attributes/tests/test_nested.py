"""A class inside a class whose machinery may set on it (a base's `__init_subclass__`, a
metaclass, an installed base): silent. Inside a plain class, a missing name stays a finding."""
from app.documents import Plain, QuestionDocument

ALIAS = QuestionDocument.Index.read_alias
NAME = Plain.Index.NAME
GONE = Plain.Index.read_alias  # IMG104


def test_aliases():
    assert ALIAS and NAME and GONE
