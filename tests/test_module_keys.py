"""What a module writes into sys.modules, and whether its exec() can bind its names: the keys a
summary keeps (runtime.registers_modules) and the exec() it forgives (runtime.dynamic_reason),
read from real source; tests/projects/module_keys holds the projects CPython judges."""
from __future__ import annotations

import ast

import pytest

from flake8_importguard.index.runtime import dynamic_reason, registers_modules

KEYS = {  # source -> (some key may be any name, what the other keys start with)
    'sys.modules["a.b"] = m': (False, ["a.b"]),
    "sys.modules[__name__] = m": (True, []),
    "sys.modules[__name__ + '.moves'] = m": (True, []),
    'def f(x):\n    sys.modules[f"_t_{x}"] = m': (False, ["_t_"]),
    'sys.modules.setdefault("mock", m)': (False, ["mock"]),
    'sys.modules["%s.x" % y] = m': (True, []),
    'sys.modules["p.{}".format(y)] = m': (False, ["p."]),
    "sys.modules.update({})": (True, []),
    "f = sys.modules.setdefault": (True, []),  # the method handed on
    "sys.modules[m] = m": (True, []),  # a name the module never binds
    # jinja2: a local bound once to a made-up key, and a parameter of that name in another function
    'class P:\n    def __init__(self, package_name):\n        pass\n'
    'class L:\n    def __init__(self):\n        package_name = f"_t_{id(self)}"\n        sys.modules[package_name] = m':
        (False, ["_t_"]),
    'def f(n):\n    sys.modules[n] = m\nn = "x"': (True, []),  # a parameter
    'n = "x"\ndef outer(n):\n    def inner():\n        sys.modules[n] = m': (True, []),  # an enclosing parameter
    'PREFIX = "pkg.virtual"\ndef f():\n    sys.modules[PREFIX] = m': (False, ["pkg.virtual"]),
    'def f(x):\n    n = "a."\n    if x:\n        n = x\n    sys.modules[n] = m': (True, ["a."]),
    'def f():\n    n = "a"\n    n += g()\n    sys.modules[n] = m': (True, []),
    "def f():\n    for n in g():\n        sys.modules[n] = m": (True, []),
    'n = "a"\ndef f():\n    global n\n    sys.modules[n] = m': (True, []),
    'n = "q"\nf = lambda n: sys.modules.setdefault(n, m)': (True, []),
    'def f():\n    n = "a"\n    [sys.modules.setdefault(n, m) for n in g()]': (True, []),  # a comprehension's n
    'from x import *\nn = "a"\nsys.modules[n] = m': (True, []),
    "x = 1": (False, []),
}


@pytest.mark.parametrize("source", KEYS)
def test_the_keys_a_module_writes_sys_modules_with(source):
    assert registers_modules(ast.parse(f"import sys\n{source}\n")) == KEYS[source]


EXEC = {  # source -> why the module may bind names its statements do not show
    'def f(code, env):\n    namespace = {"environment": env}\n    exec(code, namespace)': "",  # jinja2
    "exec(c, {})": "",
    "exec(c, dict(a=1))": "",
    "NS = {}\nexec(c, NS)": "",
    'exec("x = 1")': "exec()",
    "def f(c):\n    exec(c)": "exec()",
    "def f(c):\n    exec(c, globals())": "exec()",
    "def f(c, ns):\n    exec(c, ns)": "exec()",
    "def f(c):\n    exec(c, {}, locals())": "exec()",
    "def f(c):\n    exec(c, namespace=c)": "exec()",
    "NS = {}\nNS = globals()\nexec(c, NS)": "globals() is changed",
}


@pytest.mark.parametrize("source", EXEC)
def test_exec_into_a_dict_made_for_it_binds_nothing_in_the_module(source):
    assert dynamic_reason(ast.parse(source)) == EXEC[source]
