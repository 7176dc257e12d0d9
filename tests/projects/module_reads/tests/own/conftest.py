import builtins

builtins.SHOP_FIXTURE = "set by the conftest before any test module is imported"
