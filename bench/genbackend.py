"""Generate a deterministic project shaped like a large backend, for the benchmark.

    python bench/genbackend.py DEST [--size 1.0] [--seed 11] [--verify]

At --size 1: six top-level services (`billing`, `identity`, ...) of six domains each, every
domain with six layers of three group packages (`billing.ledger.models.core.invoice_models_02`:
five levels deep), 3,888 leaf modules and 906 package `__init__`s that re-export by name and by
star import (one `__all__` in ten computed from a submodule's); a shared library `common`; a
shared test framework package `testkit` (bases, factories per service, journeys); and 1,620 test
files under `tests/<service>/<domain>/{unit,integration}/` with conftest.py files (one sets a
flag on an app module at import time, as real conftests do) and test helper packages.

About one first-party import statement in eight (12%) in the test files is broken, of eight kinds: a
renamed name, a moved name (app code and test helpers), a missing module, a name that never
existed, a name a package does not re-export, a name bound only under TYPE_CHECKING, a module
imported as a package. They are listed in DEST/bench_expected.json as [file, line]; `--verify`
checks that list against CPython, which imports every test file's import statements in one
process after the conftests, as pytest would (it runs the generated code: never do that to a
project you did not write). Every file gets the same fixed mtime.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys

SERVICES = ("billing", "identity", "messaging", "catalog", "fulfillment", "insights", "gateway", "compliance")
DOMAINS = ("ledger", "accounts", "threads", "agents", "reports", "orders", "plans", "tokens", "events",
           "alerts", "exports", "sessions")
LAYERS = ("models", "services", "api", "tasks", "repositories", "schemas")
GROUPS = ("core", "extra", "legacy", "v2")
NOUNS = ("account", "order", "invoice", "ledger", "payment", "customer", "session", "thread", "message",
         "agent", "report", "quota", "plan", "token", "webhook", "event", "channel", "profile", "asset",
         "tenant", "policy", "schedule", "batch", "export", "metric", "alert", "rule", "bundle", "cart",
         "coupon", "refund", "shipment", "vendor", "catalog", "review", "ticket", "workflow", "journey")
KINDS = ("Manager", "Service", "Repository", "Model", "Serializer", "Handler", "Builder", "Config",
         "Client", "Error", "State", "Record", "Factory", "Policy", "View", "Schema")
VERBS = ("get", "create", "update", "delete", "sync", "compute", "validate", "render", "load", "store",
         "publish", "refresh", "merge", "split", "resolve", "normalize", "format", "parse", "archive")
BROKEN_RATE = 0.15  # of the first-party import statements in test files
MTIME = 1_700_000_000


def services_for(size: float) -> list[str]:
    """round(6 x size) top-level services: the first of SERVICES, then numbered copies of them
    (`billing2`, ...) for a project many times the size of the first (--size 10: 60 services,
    about 45,000 modules and 16,200 test files)."""
    count = max(1, round(6 * size))
    return [SERVICES[i % len(SERVICES)] + (str(i // len(SERVICES) + 1) if i >= len(SERVICES) else "")
            for i in range(count)]


def camel(*words: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in words)


class Broken(str):
    """A line of a test file that CPython cannot import: its line number goes into the truth."""


class Module:
    def __init__(self, dotted: str) -> None:
        self.dotted = dotted
        self.classes: list[str] = []
        self.functions: list[str] = []
        self.runtime: set[str] = set()  # names it imports at runtime
        self.type_only: list[str] = []  # names it imports under TYPE_CHECKING only
        self.all: list[str] | None = None

    @property
    def public(self) -> list[str]:
        return self.all if self.all is not None else self.classes + self.functions

    @property
    def path(self) -> str:
        return self.dotted.replace(".", "/") + ".py"


class Backend:
    def __init__(self, dest: str, size: float, seed: int) -> None:
        self.dest, self.rng = dest, random.Random(seed)
        self.services = services_for(size)
        self.domains = DOMAINS[:6]
        self.groups = GROUPS[:3]
        self.modules_per_group = 6 if size >= 1 else max(2, round(6 * size))
        self.tests_per_domain = max(2, round(45 * min(size, 1.0)))  # above 1, more services
        self.tries = 1000 if size <= 1 else 20  # above 1, names run out: a numbered one after 20 tries
        self.used: set[str] = set()
        self.modules: list[Module] = []
        self.by_domain: dict[tuple[str, str], list[Module]] = {}
        self.exports: dict[str, list[str]] = {}  # package -> names its __init__ re-exports
        self.helpers: list[Module] = []  # testkit and tests/helpers modules
        self.expected: list[list] = []
        self.n_imports = 0

    # -- writing ------------------------------------------------------------------------------
    def write(self, rel: str, lines: list[str]) -> None:
        path = os.path.join(self.dest, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.expected += [[rel, n] for n, line in enumerate(lines, 1) if isinstance(line, Broken)]
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        os.utime(path, (MTIME, MTIME))

    def unique(self, make) -> str:
        for _ in range(self.tries):
            name = make()
            if name not in self.used:
                self.used.add(name)
                return name
        if self.tries >= 1000:
            raise RuntimeError("ran out of names")
        name = f"{make()}{len(self.used)}"
        self.used.add(name)
        return name

    def class_name(self) -> str:
        r = self.rng
        return self.unique(lambda: camel(r.choice(NOUNS), r.choice(NOUNS), r.choice(KINDS)))

    def function_name(self) -> str:
        r = self.rng
        return self.unique(lambda: f"{r.choice(VERBS)}_{r.choice(NOUNS)}_{r.choice(NOUNS)}")

    # -- app modules --------------------------------------------------------------------------
    def class_body(self, name: str) -> list[str]:
        r = self.rng
        out = ["", "", f"class {name}:", f'    """{name}: generated for the benchmark."""', "",
               f"    kind = {name.lower()!r}", "", "    def __init__(self, repo=None, **options):",
               "        self.repo = repo", "        self.options = dict(options)"]
        for _ in range(r.randint(2, 5)):
            method = f"{r.choice(VERBS)}_{r.choice(NOUNS)}"
            out += ["", f"    def {method}(self, value: int = 0, *, strict: bool = False) -> dict:",
                    "        result = {'value': value, 'kind': self.kind}"]
            for k in range(r.randint(1, 5)):
                out += [f"        if strict and value > {k}:", f"            result['step_{k}'] = value * {k + 1}"]
            out.append("        return result")
        return out

    def function_body(self, name: str) -> list[str]:
        r = self.rng
        out = ["", "", f"def {name}(items: list, limit: int = {r.randint(1, 99)}) -> list:", "    out = []",
               "    for index, item in enumerate(items):"]
        for k in range(r.randint(1, 4)):
            out += [f"        if index % {k + 2} == 0 and len(out) < limit:", f"            out.append((item, {k}))"]
        return out + ["    return out"]

    def leaf(self, package: str, index: int, siblings: list[Module]) -> list[str]:
        r = self.rng
        layer = package.split(".")[2]
        mod = Module(f"{package}.{r.choice(NOUNS)}_{layer}_{index:02}")
        lines = [f'"""{mod.dotted}."""', "from __future__ import annotations", "", "import logging",
                 "from typing import TYPE_CHECKING", "", "from common.core.base import BaseEntity"]
        for other in r.sample(siblings, min(len(siblings), r.randint(0, 2))):
            name = r.choice(other.public)
            mod.runtime.add(name)
            lines.append(f"from .{other.dotted.rpartition('.')[2]} import {name}")
        if siblings and r.random() < 0.25:
            other = r.choice(siblings)
            mod.type_only = [c for c in other.classes[:1] if c not in mod.runtime]
        if mod.type_only:
            lines += ["", "if TYPE_CHECKING:", f"    from {other.dotted} import {', '.join(mod.type_only)}"]
        lines += ["", "log = logging.getLogger(__name__)", f"DEFAULT_LIMIT = {r.randint(10, 500)}"]
        for _ in range(r.randint(2, 4)):
            mod.classes.append(self.class_name())
            lines += self.class_body(mod.classes[-1])
        for _ in range(r.randint(2, 5)):
            mod.functions.append(self.function_name())
            lines += self.function_body(mod.functions[-1])
        if r.random() < 0.15:
            name = self.function_name()
            mod.functions.append(name)
            lines += ["", "", "try:", f"    from json import dumps as {name}", "except ImportError:",
                      f"    def {name}(obj):", "        return repr(obj)"]
        if r.random() < 0.3:
            mod.all = sorted(r.sample(mod.classes + mod.functions, len(mod.classes)))
            lines += ["", "", "__all__ = [" + ", ".join(repr(n) for n in mod.all) + "]"]
        self.write(mod.path, lines)
        self.modules.append(mod)
        siblings.append(mod)
        return lines

    def package(self, package: str, members: list[Module], star_of: Module | None = None) -> None:
        """An `__init__` that re-exports some names, star-imports one or two members and, one time
        in ten, computes its `__all__` from a member's."""
        r = self.rng
        lines, names = [f'"""{package}."""'], []
        for mod in r.sample(members, min(len(members), 3)):
            picked = r.sample(mod.public, min(len(mod.public), 2))
            lines.append(f"from .{mod.dotted.rpartition('.')[2]} import {', '.join(picked)}")
            names += picked
        starred = [m for m in members if m.all is not None][:1]
        for mod in starred:
            lines.append(f"from .{mod.dotted.rpartition('.')[2]} import *  # noqa: F401,F403")
            names += mod.all or []
        if starred and r.random() < 0.1:
            stem = starred[0].dotted.rpartition(".")[2]
            own = sorted(set(names) - set(starred[0].all or []))
            lines += [f"from . import {stem} as _starred", f"__all__ = _starred.__all__ + {own!r}"]
        self.exports[package] = sorted(set(names))
        self.write(package.replace(".", "/") + "/__init__.py", lines)

    def service(self, svc: str) -> None:
        self.write(f"{svc}/__init__.py", [f'"""{svc} service."""', "__version__ = '1.0'"])
        self.write(f"{svc}/config/__init__.py", [])
        self.write(f"{svc}/config/flags.py", ["ENABLE_AUDIT = False", "ENABLE_EXPORTS = True"])
        for domain in self.domains:
            pool: list[Module] = []
            for layer in LAYERS:
                layer_members: list[Module] = []
                for group in self.groups:
                    members: list[Module] = []
                    for i in range(self.modules_per_group):
                        self.leaf(f"{svc}.{domain}.{layer}.{group}", i, members)
                    self.package(f"{svc}.{domain}.{layer}.{group}", members)
                    layer_members += members
                self.write(f"{svc}/{domain}/{layer}/__init__.py",
                           [f'"""{svc}.{domain}.{layer}."""', "from .core import *  # noqa: F401,F403"])
                pool += layer_members
            self.write(f"{svc}/{domain}/__init__.py", [f'"""{svc}.{domain}."""'])
            self.by_domain[(svc, domain)] = pool

    def common(self) -> None:
        self.write("pyproject.toml", ["[project]", "name = 'backend'", "version = '1.0'", "",
                                      "[tool.pytest.ini_options]", "testpaths = ['tests']"])
        self.write("common/__init__.py", [])
        self.write("common/core/__init__.py", ["from .base import BaseEntity"])
        self.write("common/core/base.py", ["class BaseEntity:", "    id = 0"])
        for area in ("db", "cache", "http", "queue", "auth"):
            members: list[Module] = []
            for i in range(8):
                self.leaf(f"common.{area}.impl", i, members)
            self.package(f"common.{area}.impl", members)
            self.write(f"common/{area}/__init__.py", [])

    # -- the test framework and helpers -------------------------------------------------------
    def helper(self, dotted: str) -> Module:
        r = self.rng
        mod = Module(dotted)
        lines = [f'"""{dotted}: shared test code."""', "import unittest", ""]
        for _ in range(r.randint(2, 4)):
            mod.classes.append(camel(r.choice(NOUNS), "Flow", "TestBase") if r.random() < 0.5 else self.class_name())
            self.used.add(mod.classes[-1])
            lines += ["", f"class {mod.classes[-1]}(unittest.TestCase):", "    maxDiff = None", ""]
        for _ in range(r.randint(3, 6)):
            mod.functions.append(self.unique(lambda: f"make_{r.choice(NOUNS)}_{r.choice(NOUNS)}"))
            lines += ["", f"def {mod.functions[-1]}(**overrides):", "    return dict(overrides)", ""]
        self.write(mod.path, lines)
        self.helpers.append(mod)
        return mod

    def framework(self) -> None:
        self.write("testkit/__init__.py", ['"""The shared test framework."""', "from .base import *  # noqa"])
        self.helper("testkit.base")
        self.write("testkit/factories/__init__.py", [])
        self.write("testkit/journeys/__init__.py", [])
        for svc in self.services:
            self.helper(f"testkit.factories.{svc}")
            self.helper(f"testkit.journeys.{svc}")
        self.write("tests/__init__.py", [])
        self.write("tests/helpers/__init__.py", [])
        for name in ("flows", "data", "assertions"):
            self.helper(f"tests.helpers.{name}")
        conftest = ["import pytest", "", "from testkit.base import *  # noqa", "", "",
                    "@pytest.fixture", "def payload():", "    return {'n': 1}"]
        self.write("tests/conftest.py", conftest)
        for svc in self.services:
            self.write(f"tests/{svc}/__init__.py", [])
            flag = [f"import {svc}.config.flags", "", f"{svc}.config.flags.ENABLE_STRICT_MODE = True"]
            self.write(f"tests/{svc}/conftest.py", ["import pytest", "", *flag])
            for domain in self.domains:
                for kind in ("unit", "integration"):
                    self.write(f"tests/{svc}/{domain}/{kind}/__init__.py", [])
                self.write(f"tests/{svc}/{domain}/__init__.py", [])

    # -- test files ---------------------------------------------------------------------------
    def broken(self, svc: str, domain: str, mod: Module) -> Broken:
        """One broken import statement, of one of eight kinds."""
        r = self.rng
        kind, package = r.randrange(8), mod.dotted.rpartition(".")[0]
        if kind == 0 and mod.classes:  # renamed in its module
            real = r.choice(mod.classes)
            return Broken(f"from {mod.dotted} import {real[:-2]}")
        if kind == 1:  # moved to another module of the domain
            other = r.choice(self.by_domain[(svc, domain)])
            moved = [c for c in other.classes if other is not mod and c not in mod.runtime]
            if moved:
                return Broken(f"from {mod.dotted} import {r.choice(moved)}")
        if kind == 2:  # the module is gone
            return Broken(f"from {package}.legacy_{r.choice(NOUNS)} import {r.choice(mod.public)}")
        if kind == 3 and mod.type_only:  # imported there for type checkers only
            return Broken(f"from {mod.dotted} import {mod.type_only[0]}")
        if kind == 4:  # the package does not re-export it
            hidden = [n for n in mod.classes if n not in self.exports.get(package, [])]
            if hidden:
                return Broken(f"from {package} import {hidden[0]}")
        if kind == 5:  # a test helper moved to another helper module
            helper, other = r.sample(self.helpers, 2)
            return Broken(f"from {helper.dotted} import {r.choice(other.functions)}")
        if kind == 6:  # a module imported as a package
            return Broken(f"import {mod.dotted}.{r.choice(NOUNS)}")
        return Broken(f"from {mod.dotted} import {camel(r.choice(NOUNS), 'Plan', 'Enum')}")  # never existed

    def import_line(self, svc: str, domain: str, used: list[str]) -> str:
        """A first-party import statement of a test, broken one time in seven (the helpers' imports never are)."""
        r = self.rng
        self.n_imports += 1
        mod = r.choice(self.by_domain[(svc, domain)])
        if r.random() < BROKEN_RATE:
            return self.broken(svc, domain, mod)
        roll, package = r.random(), mod.dotted.rpartition(".")[0]
        if roll < 0.15 and self.exports.get(package):
            names = r.sample(self.exports[package], min(2, len(self.exports[package])))
            line = f"from {package} import {', '.join(names)}"
        elif roll < 0.25:
            names = [f"mod_{len(used)}"]
            line = f"import {mod.dotted} as {names[0]}"
        else:
            names = r.sample(mod.public, min(len(mod.public), r.randint(1, 3)))
            line = f"from {mod.dotted} import {', '.join(names)}"
        used += names
        return line

    def test_file(self, svc: str, domain: str, n: int) -> None:
        r = self.rng
        kind = "integration" if n % 3 == 0 else "unit"
        lines = [f'"""Tests for {svc}.{domain} ({n})."""', "from unittest import mock", "", "import pytest", ""]
        used: list[str] = []
        lines += [self.import_line(svc, domain, used) for _ in range(r.randint(3, 6))]
        helper = r.choice([h for h in self.helpers if h.classes])
        base = r.choice(helper.classes)
        lines.append(f"from {helper.dotted} import {base}")
        self.n_imports += 1
        if r.random() < 0.03:  # set by tests/<svc>/conftest.py when it is imported
            lines.append(f"from {svc}.config.flags import ENABLE_STRICT_MODE")
        if r.random() < 0.04:  # a placeholder for a class that exists elsewhere (IMG201, not an import)
            lines += ["", f"{r.choice(self.by_domain[(svc, domain)]).classes[0]} = mock.Mock", ""]
        for t in range(r.randint(4, 9)):
            lines += self.test_function(svc, domain, t, r.choice(used or ["mock"]), base)
        self.write(f"tests/{svc}/{domain}/{kind}/test_{domain}_{n:03}.py", lines)

    def test_function(self, svc: str, domain: str, t: int, name: str, base: str) -> list[str]:
        r = self.rng
        pad = "    " if t % 3 == 2 else ""
        out = ["", ""] + ([f"class Test{camel(r.choice(NOUNS))}{t}({base}):"] if pad else [])
        out.append(f"{pad}def test_{name.lower()}_{t}({'self' if pad else 'payload'}):")
        body = [self.import_line(svc, domain, [])] if r.random() < 0.15 else []
        body += [f"subject = mock.Mock(wraps={name}, name='{name}-{t}')",
                 f"options = {{'limit': {r.randint(1, 500)}, 'strict': {r.random() < 0.5}}}"]
        for k in range(r.randint(1, 3)):
            body += [f"with mock.patch.object(subject, 'method_{k}', return_value={{'step': {k}}}) as patched:",
                     f"    assert patched(options)['step'] == {k}"]
        return out + [(Broken if isinstance(line, Broken) else str)(f"{pad}    {line}") for line in body]

    def run(self) -> None:
        self.common()
        for svc in self.services:
            self.service(svc)
        self.framework()
        for svc in self.services:
            for domain in self.domains:
                for n in range(self.tests_per_domain):
                    self.test_file(svc, domain, n)
        with open(os.path.join(self.dest, "bench_expected.json"), "w", encoding="utf-8") as f:
            json.dump(sorted(self.expected), f, indent=0)


VERIFY = r"""
import ast, json, sys
root, files = sys.argv[1], sys.stdin.read().split()
sys.path.insert(0, root)
import importlib
for conftest in ["tests.conftest"] + sorted({"tests.%s.conftest" % f.split("/")[1] for f in files}):
    importlib.import_module(conftest)
failed = []
for rel in files:
    tree = ast.parse(open(rel, "rb").read())
    package = rel[:-3].replace("/", ".").rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            code = compile(ast.Module([node], []), rel, "exec")
            try:
                exec(code, {"__name__": package + ".t", "__package__": package})
            except ImportError:
                failed.append([rel, node.lineno])
print(json.dumps(sorted(failed)))
"""


def verify(dest: str, expected: list[list]) -> bool:
    """Does CPython fail on exactly the expected imports?"""
    files = sorted(os.path.relpath(os.path.join(d, f), dest) for d, _, names in os.walk(os.path.join(dest, "tests"))
                   for f in names if f.startswith("test_") and f.endswith(".py"))
    proc = subprocess.run([sys.executable, "-c", VERIFY, dest], cwd=dest, input="\n".join(files), text=True,
                          capture_output=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    if proc.returncode:
        print(proc.stderr[-3000:])
        return False
    failed = {tuple(x) for x in json.loads(proc.stdout)}
    truth = {tuple(x) for x in expected}
    print(f"CPython: {len(failed)} imports fail; expected {len(truth)}; "
          f"missing {sorted(truth - failed)[:5]}, extra {sorted(failed - truth)[:5]}")
    return failed == truth


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest")
    parser.add_argument("--size", type=float, default=1.0,
                        help="1.0: 3,888 leaf modules, 1,620 test files; 10: about 45,000 modules, 16,200 test files")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--verify", action="store_true", help="check the truth against CPython (runs the code)")
    args = parser.parse_args(argv)
    if os.path.exists(args.dest):
        shutil.rmtree(args.dest)
    gen = Backend(args.dest, args.size, args.seed)
    gen.run()
    n_tests = len(gen.services) * len(gen.domains) * gen.tests_per_domain
    print(f"{args.dest}: {len(gen.modules)} leaf modules, {n_tests} test files, {gen.n_imports} first-party "
          f"imports in tests, {len(gen.expected)} broken ({len(gen.expected) / max(1, gen.n_imports):.0%})")
    return 0 if not args.verify or verify(args.dest, gen.expected) else 1


if __name__ == "__main__":
    raise SystemExit(main())
