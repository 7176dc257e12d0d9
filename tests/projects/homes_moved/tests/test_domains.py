from app.domains.c import _id_prefix  # IMG102 "'_id_prefix' is defined in 'app.domains.c._ids' or 'app.domains.cpp._ids'"
from app.domains.legacy import _id_prefix as legacy_prefix  # IMG102 "defined in 'app.domains.cpp._ids' or 'app.domains.c._ids'"
from app.domains.cpp._ids import _id_prefix as cpp_prefix
from app.assertrewrite import rewrite_asserts  # IMG101 "'rewrite_asserts' is defined in 'app.assertion.rewrite'"
from app.legacy import dumps  # IMG102 "'dumps' is defined in 'app.compat'"


def test_domains():
    assert _id_prefix and legacy_prefix and cpp_prefix and rewrite_asserts and dumps
