"""Generate a deterministic, realistic large project for the benchmark.

    python bench/genproject.py DEST [--size 1.0] [--seed 7]

At --size 1: 3,000 first-party modules in nested packages (acme.<domain>.<layer>.<module>)
with re-exports, star imports, `__all__` (literal, and computed from another module's),
conditional and try/except definitions, TYPE_CHECKING imports; and 1,500 test files that
import them (module-level and inside functions, absolute and through package re-exports),
about 3% of them with one broken import of four kinds: a renamed name, a moved name, a
missing module, a name that never existed. The broken imports are listed in
DEST/bench_expected.json as [file, line] pairs. Every file gets the same fixed mtime.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil

NOUNS = ("account", "order", "invoice", "ledger", "payment", "customer", "session", "thread", "message",
         "agent", "report", "quota", "plan", "token", "webhook", "event", "channel", "profile", "asset",
         "tenant", "policy", "schedule", "batch", "export", "import", "metric", "alert", "rule", "bundle",
         "cart", "coupon", "refund", "shipment", "vendor", "catalog", "review", "ticket", "workflow")
KINDS = ("Manager", "Service", "Repository", "Model", "Serializer", "Handler", "Builder", "Config",
         "Client", "Error", "State", "Record", "Factory", "Policy", "View", "Schema")
VERBS = ("get", "create", "update", "delete", "sync", "compute", "validate", "render", "load", "store",
         "publish", "refresh", "merge", "split", "resolve", "normalize", "format", "parse", "archive")
DOMAINS = ("billing", "accounts", "orders", "messaging", "agents", "reports", "catalog", "shipping",
           "support", "identity", "analytics", "payments", "search", "storage", "notifications",
           "scheduling", "inventory", "pricing", "webhooks", "exports", "compliance", "tenancy",
           "workflows", "feeds", "media")
LAYERS = ("models", "services", "api", "tasks", "utils", "schemas")
MODULES_PER_LAYER = 25
TESTS_PER_SIZE = 1500
BROKEN_RATE = 0.03
MTIME = 1_700_000_000  # 2023-11-14: fixed, so a fresh project is as cacheable as an old one


def camel(*words: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in words)


class Module:
    def __init__(self, dotted: str, path: str) -> None:
        self.dotted, self.path = dotted, path
        self.classes: list[str] = []
        self.functions: list[str] = []
        self.all: list[str] | None = None  # __all__, when the module has one
        self.imported: set[str] = set()
        self.lines: list[str] = []

    @property
    def public(self) -> list[str]:
        return self.all if self.all is not None else self.classes + self.functions


class Generator:
    def __init__(self, dest: str, size: float, seed: int) -> None:
        self.dest, self.rng = dest, random.Random(seed)
        n_domains = max(1, round(20 * size))
        self.domains = [DOMAINS[i % len(DOMAINS)] + ("" if i < len(DOMAINS) else str(i)) for i in range(n_domains)]
        self.n_tests = max(10, round(TESTS_PER_SIZE * size))
        self.used: set[str] = set()
        self.modules: list[Module] = []
        self.exports: dict[str, dict[str, Module]] = {}  # package -> name -> defining module
        self.star_exports: dict[str, list[str]] = {}  # package -> what `from package import *` binds
        self.expected: list[list] = []

    # -- names ----------------------------------------------------------------------------
    def unique(self, make) -> str:
        for _ in range(1000):
            name = make()
            if name not in self.used:
                self.used.add(name)
                return name
        raise RuntimeError("ran out of names")

    def class_name(self) -> str:
        r = self.rng
        return self.unique(lambda: camel(r.choice(NOUNS), r.choice(NOUNS), r.choice(KINDS)))

    def function_name(self) -> str:
        r = self.rng
        return self.unique(lambda: f"{r.choice(VERBS)}_{r.choice(NOUNS)}_{r.choice(NOUNS)}")

    # -- source modules -----------------------------------------------------------------------
    def write(self, rel: str, lines: list[str]) -> None:
        path = os.path.join(self.dest, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        os.utime(path, (MTIME, MTIME))

    def class_body(self, name: str, bases: str = "") -> list[str]:
        r = self.rng
        out = ["", "", f"class {name}{bases}:", f'    """{name}: generated for the benchmark."""', ""]
        out.append(f"    kind = {name.lower()!r}")
        for _ in range(r.randint(3, 7)):
            method = f"{r.choice(VERBS)}_{r.choice(NOUNS)}"
            out += ["", f"    def {method}(self, value: int = 0, *, strict: bool = False) -> dict:",
                    f'        """{method.replace("_", " ").capitalize()}."""',
                    "        result = {'value': value, 'kind': self.kind}"]
            for k in range(r.randint(2, 7)):
                out.append(f"        if strict and value > {k}:\n            result['step_{k}'] = value * {k + 1}")
            out.append("        return result")
        return out

    def function_body(self, name: str) -> list[str]:
        r = self.rng
        out = ["", "", f"def {name}(items: list, limit: int = {r.randint(1, 99)}) -> list:",
               f'    """{name.replace("_", " ").capitalize()} for a list of items."""', "    out = []",
               "    for index, item in enumerate(items):"]
        for k in range(r.randint(2, 6)):
            out.append(f"        if index % {k + 2} == 0 and len(out) < limit:\n            out.append((item, {k}))")
        return out + ["    return out"]

    def source_module(self, domain: str, layer: str, index: int, siblings: list[Module]) -> Module:
        r = self.rng
        stem = f"{r.choice(NOUNS)}_{layer}_{index:02}"
        dotted = f"acme.{domain}.{layer}.{stem}"
        mod = Module(dotted, f"acme/{domain}/{layer}/{stem}.py")
        lines = [f'"""{dotted}: {layer} for {domain}."""', "from __future__ import annotations", "",
                 "import logging", "import sys", "from dataclasses import dataclass, field",
                 "from typing import TYPE_CHECKING, Any", ""]
        for other in r.sample(siblings, min(len(siblings), r.randint(0, 3))):
            if other.public:
                name = r.choice(other.public)
                mod.imported.add(name)
                if r.random() < 0.5:
                    lines.append(f"from {other.dotted} import {name}")
                else:
                    lines.append(f"from .{other.dotted.rpartition('.')[2]} import {name}")
        if siblings and r.random() < 0.3:
            other = r.choice(siblings)
            lines += ["", "if TYPE_CHECKING:", f"    from {other.dotted} import *  # noqa: F401,F403"]
        lines += ["", "log = logging.getLogger(__name__)", f"DEFAULT_LIMIT = {r.randint(10, 500)}"]
        for _ in range(r.randint(3, 6)):
            name = self.class_name()
            mod.classes.append(name)
            lines += (["", "", "@dataclass", f"class {name}:", "    id: int = 0", "    name: str = ''",
                       "    tags: list = field(default_factory=list)"] if r.random() < 0.3
                      else self.class_body(name))
        for _ in range(r.randint(3, 8)):
            name = self.function_name()
            mod.functions.append(name)
            lines += self.function_body(name)
        roll = r.random()
        if roll < 0.1:  # defined in both branches of a version test
            name = self.function_name()
            mod.functions.append(name)
            lines += ["", "", "if sys.version_info >= (3, 8):", f"    def {name}(x):", "        return x",
                      "else:  # pragma: no cover", f"    def {name}(x):", "        return [x]"]
        elif roll < 0.2:  # defined in try and in except
            name = self.function_name()
            mod.functions.append(name)
            lines += ["", "", "try:", f"    from json import dumps as {name}",
                      "except ImportError:  # pragma: no cover", f"    def {name}(obj):", "        return repr(obj)"]
        if r.random() < 0.3:
            mod.all = sorted(r.sample(mod.classes + mod.functions, max(1, len(mod.classes))))
            lines += ["", "", "__all__ = [" + ", ".join(repr(n) for n in mod.all) + "]"]
        mod.lines = lines
        return mod

    def package_init(self, package: str, members: list[Module]) -> list[str]:
        """Re-exports by name, star re-exports, and sometimes an __all__ computed from a
        star-exported module's __all__ (astroid has to infer it)."""
        r = self.rng
        exports = self.exports.setdefault(package, {})
        lines = [f'"""{package}."""']
        for mod in r.sample(members, min(len(members), 8)):
            stem = mod.dotted.rpartition(".")[2]
            names = r.sample(mod.public, min(len(mod.public), 2))
            lines.append(f"from .{stem} import {', '.join(names)}")
            exports.update({n: mod for n in names})
        starred = [m for m in r.sample(members, 2) if m.all is not None]
        for mod in starred:
            lines.append(f"from .{mod.dotted.rpartition('.')[2]} import *  # noqa: F401,F403")
            exports.update({n: mod for n in mod.all or ()})
        if starred and r.random() < 0.3:
            stem = starred[0].dotted.rpartition(".")[2]
            listed = sorted(n for n, m in exports.items() if m is not starred[0])
            lines += [f"from . import {stem} as _starred", "",
                      f"__all__ = _starred.__all__ + {listed!r}"]
            self.star_exports[package] = (starred[0].all or []) + listed
        else:
            self.star_exports[package] = sorted(exports)
        return lines

    def source(self) -> None:
        self.write("pyproject.toml", ["[project]", "name = 'acme'", "version = '1.0'", "",
                                      "[tool.pytest.ini_options]", "testpaths = ['tests']"])
        self.write("acme/__init__.py", ['"""acme: a generated backend."""', "__version__ = '1.0'"])
        for domain in self.domains:
            self.write(f"acme/{domain}/__init__.py", [f'"""acme.{domain}."""',
                                                      "from .models import *  # noqa: F401,F403"])
            for layer in LAYERS:
                members: list[Module] = []
                for i in range(MODULES_PER_LAYER):
                    members.append(self.source_module(domain, layer, i, members))
                for mod in members:
                    self.write(mod.path, mod.lines)
                self.modules += members
                package = f"acme.{domain}.{layer}"
                self.write(f"acme/{domain}/{layer}/__init__.py", self.package_init(package, members))

    # -- test files ---------------------------------------------------------------------------
    def broken_import(self, mod: Module) -> str:
        r = self.rng
        kind = r.choice(("renamed", "moved", "missing-module", "never"))
        if kind == "renamed" and mod.classes:
            real = r.choice(mod.classes)
            return f"from {mod.dotted} import {real[:-2] if len(real) > 8 else 'Legacy' + real}"
        if kind == "moved":
            other = r.choice([m for m in self.modules if m.dotted.split(".")[1] == mod.dotted.split(".")[1]])
            moved = [c for c in other.classes if c not in mod.imported]
            if other is not mod and moved:
                return f"from {mod.dotted} import {r.choice(moved)}"
        if kind == "missing-module":
            return f"from {mod.dotted.rpartition('.')[0]}.legacy_{r.choice(NOUNS)} import {r.choice(mod.public)}"
        return f"from {mod.dotted} import {camel(r.choice(NOUNS), 'Plan', 'Enum')}"

    def test_file(self, n: int, domain: str) -> None:
        r = self.rng
        pool = [m for m in self.modules if m.dotted.split(".")[1] == domain]
        lines = [f'"""Tests for acme.{domain} ({n})."""', "from unittest import mock", "",
                 "import pytest", ""]
        used: list[str] = []
        for mod in r.sample(pool, r.randint(2, 4)):
            names = r.sample(mod.public, min(len(mod.public), r.randint(1, 3)))
            if r.random() < 0.15:
                lines.append(f"import {mod.dotted} as mod_{len(used)}")
                used.append(f"mod_{len(used)}")
            else:
                lines.append(f"from {mod.dotted} import {', '.join(names)}")
                used += names
        package = r.choice(sorted({m.dotted.rpartition(".")[0] for m in pool}))
        reexported = sorted(self.exports.get(package, {}))
        if reexported:
            names = r.sample(reexported, min(len(reexported), 2))
            lines.append(f"from {package} import {', '.join(names)}")
            used += names
        through_star = self.star_exports.get(f"acme.{domain}.models", [])
        if through_star and r.random() < 0.3:  # via `from .models import *` in acme/<domain>/__init__
            name = r.choice(through_star)
            lines.append(f"from acme.{domain} import {name}")
            used.append(name)
        lines.append("from tests.helpers.factories import make_payload")
        if r.random() < BROKEN_RATE / 0.9:
            lines.append(self.broken_import(r.choice(pool)))
            self.expected.append([f"tests/{domain}/test_{domain}_{n:04}.py", len(lines)])
        for t in range(r.randint(5, 12)):
            lines += self.test_function(t, r.choice(used), pool, in_class=t % 3 == 2)
        self.write(f"tests/{domain}/test_{domain}_{n:04}.py", lines)

    def test_function(self, t: int, name: str, pool: list[Module], in_class: bool) -> list[str]:
        """A test as they come: parametrized, mocking, building payloads, asserting."""
        r = self.rng
        pad = "    " if in_class else ""
        out = ["", ""] + ([f"class Test{camel(r.choice(NOUNS))}{t}:"] if in_class else [])
        if r.random() < 0.3:
            out.append(f"{pad}@pytest.mark.parametrize('value, expected', [" +
                       ", ".join(f"({k}, {k * r.randint(2, 9)})" for k in range(r.randint(2, 5))) + "])")
            params = "value, expected"
        else:
            params = "payload"
        self_arg = "self, " if in_class else ""
        out.append(f"{pad}def test_{name.lower()}_{t}({self_arg}{params}):")
        body = []
        if r.random() < 0.2:
            mod = r.choice(pool)
            body.append(f"from {mod.dotted} import {r.choice(mod.public)}  # noqa: F401")
        body += [f"data = make_payload({t})",
                 f"options = {{'name': {r.choice(NOUNS)!r}, 'limit': {r.randint(1, 500)}, 'tags': ['a', 'b'],"
                 f" 'strict': {r.random() < 0.5}}}",
                 f"subject = mock.Mock(wraps={name}, name=f'{{data[\"n\"]}}-{t}')"]
        for k in range(r.randint(1, 3)):
            body += [f"with mock.patch.object(subject, 'method_{k}', "
                     f"return_value={{'ok': True, 'step': {k}}}) as patched:",
                     f"    result = patched(options, index={k})",
                     f"    assert result['ok'] is True, f'step {k} failed for {{options[\"name\"]}}'",
                     f"    assert [x for x in range({k + 2}) if x % 2 == 0], options"]
        body += ["assert subject is not None", "assert data['n'] >= 0",
                 "with pytest.raises(ZeroDivisionError):", "    data['n'] / 0"]
        return out + [f"{pad}    {line}" for line in body]

    def tests(self) -> None:
        self.write("tests/__init__.py", [])
        self.write("tests/conftest.py", ["import pytest", "", "", "@pytest.fixture", "def payload():",
                                         "    return {'n': 1}"])
        self.write("tests/helpers/__init__.py", [])
        self.write("tests/helpers/factories.py", ["def make_payload(n):", "    return {'n': n}"])
        for domain in self.domains:
            self.write(f"tests/{domain}/__init__.py", [])
        for n in range(self.n_tests):
            self.test_file(n, self.domains[n % len(self.domains)])

    def run(self) -> None:
        self.source()
        self.tests()
        with open(os.path.join(self.dest, "bench_expected.json"), "w", encoding="utf-8") as f:
            json.dump(sorted(self.expected), f, indent=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest")
    parser.add_argument("--size", type=float, default=1.0, help="1.0: 3,000 modules, 1,500 tests")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if os.path.exists(args.dest):
        shutil.rmtree(args.dest)
    gen = Generator(args.dest, args.size, args.seed)
    gen.run()
    print(f"{args.dest}: {len(gen.modules)} modules, {gen.n_tests} test files, {len(gen.expected)} broken imports")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
