from shop.models import User  # IMG105 "importing 'shop.models' fails: shop/models.py:8 reads 'Base', which 'shop.models' does not bind when it runs (NameError); did you mean 'BaseModel'?"
from shop.plugins import Plugin  # IMG105 "shop/plugins.py:4 reads 'register', which 'shop.plugins' does not bind when it runs (NameError)" "'register' is defined in 'shop.registry'"
from shop.first_import import VALUE  # IMG105 "shop/first_import.py:2 imports 'unregister' from 'shop.registry', which does not define it"
from shop.first_read import VALUE as READ  # IMG105 "shop/first_read.py:2 reads 'missing_value'"
from shop.through import PLUGINS  # IMG105 "shop/plugins.py:4 reads 'register'"
from shop.cycle_a import A  # IMG105 "shop/cycle_b.py:4 reads 'later_name'"
from shop.pkg import SUB, HELPER
from shop.quiet import GREETING, SEEN, LATE, Rules, Own
from shop.typed import COUNT  # IMG105 "shop/typed.py:7 reads 'REGISTERED'"


def test_nothing():
    assert (User, Plugin, VALUE, READ, PLUGINS, A, SUB, HELPER, GREETING, SEEN, LATE, Rules, Own, COUNT)
