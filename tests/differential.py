"""The differential test's engine: the tool against the interpreter, import by import.

Projects come from tests/generated.py. For every import statement of a project's test module
the tool's verdict (flake8_importguard's findings, the resolver's EXISTS/MISSING/UNKNOWN and the
simulation of a fresh interpreter) is compared with what CPython does when a subprocess imports
the file's conftests, packages and the imports above it, as `pytest FILE` does, then executes
exactly that statement (tests/expectations.py); an IMG105 or IMG106 that the simulation gives is
judged a second time in a whole-suite run (the statement attempted once before: IMG106 passes
then, IMG105 does not); for every patch target and module attribute read, IMG401 / IMG103 and
the tool's objects are compared with CPython starting the patch or reading the attribute
(tests/runtime_cases.py). A false alarm, a missed failure the tool did not declare UNKNOWN, a
finding the resolver does not back, and a generated project that does not even run are problems;
the failures the tool leaves alone are counted by reason.

    python tests/differential.py 2000            # a large run, figures on stdout
    python tests/differential.py 1 --start 97 --keep /tmp/x   # one seed, written out to read
"""
from __future__ import annotations

import argparse
import ast
import contextlib
import os
import re
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from expectations import import_cases, interpreter_verdicts  # noqa: E402
from generated import Project, generate  # noqa: E402
from runtime_cases import runtime_cases, runtime_verdicts  # noqa: E402
from flake8_importguard.lint.context import Context  # noqa: E402
from flake8_importguard.base.model import ObjectKind  # noqa: E402
from flake8_importguard.analysis.objects import Chain  # noqa: E402
from flake8_importguard.lint.patchcalls import patch_targets  # noqa: E402
from flake8_importguard.lint.rules.attributes import module_read  # noqa: E402
from flake8_importguard.lint.rules.patches import judged  # noqa: E402
from flake8_importguard.run.session import Session  # noqa: E402
from support import check, write_tree  # noqa: E402
from flake8_importguard.base.config import Settings  # noqa: E402
from flake8_importguard.base.model import Verdict  # noqa: E402
from flake8_importguard.index.finder import LocKind  # noqa: E402
from flake8_importguard.base.syntax import absolute_module  # noqa: E402


MAY_BIND = "bound only where CPython does not go (branch, loop, uncalled function, star cycle)"
RUNTIME_CODES = {"call": "IMG401", "attribute": "IMG103"}
CHAIN = "a first-party import on the way fails (IMG105)"
FRESH = "fails when pytest imports the file alone, after its conftests (IMG105, IMG106)"
ORDER = "a break on the way that a fresh interpreter may not reach (the simulation could not decide)"
LINK = "an import on the way that the tool cannot judge (see the other reasons)"
UNDECIDED = "the fresh-interpreter simulation stops before it (dynamic code, an import that may or may not run)"
ORPHAN = "KeyError: a namespace package whose parent failed earlier in the file (CPython cannot search it)"
LATE = "an import in a function that the module calls when it runs (not followed)"
IMPORTED = "a module the test module imports (IMG101 reports the import)"


@dataclass
class Tally:
    examples: int = 0
    imports: int = 0  # import statements tried (one module or one name each)
    agreements: int = 0  # flagged exactly when CPython fails
    failing: int = 0  # CPython raises ImportError
    flagged: int = 0  # IMG101/IMG102 on the line
    unknown: Counter = field(default_factory=Counter)  # failing first-party imports left alone, by why
    out_of_scope: int = 0  # failing imports of modules that are not first-party: never judged
    problems: list[str] = field(default_factory=list)
    # patch targets and module attribute reads (IMG401, IMG103), one per line of the test module
    runtime: int = 0
    runtime_agreements: int = 0
    runtime_failing: int = 0
    runtime_flagged: int = 0
    runtime_unknown: Counter = field(default_factory=Counter)

    def figures(self) -> str:
        unknown = sum(self.unknown.values())
        lines = [
            f"examples {self.examples}, imports tried {self.imports}, agreements {self.agreements}, "
            f"CPython failures {self.failing}, flagged {self.flagged}, unknown {unknown}, "
            f"not first-party {self.out_of_scope}, problems {len(self.problems)}",
        ]
        lines += [f"  unknown: {reason}: {count}" for reason, count in self.unknown.most_common()]
        lines.append(f"patch targets and attribute reads tried {self.runtime}, agreements {self.runtime_agreements}, "
                     f"CPython failures {self.runtime_failing}, flagged {self.runtime_flagged}, "
                     f"unknown {sum(self.runtime_unknown.values())}")
        lines += [f"  unknown: {reason}: {count}" for reason, count in self.runtime_unknown.most_common()]
        return "\n".join(lines)


def fresh_failures(project, path: str) -> dict:
    """line -> how the simulation of a fresh `pytest FILE` says the import there fails (through
    first-party code: the test's own missing names are IMG101/IMG102's)."""
    with open(path, "rb") as f:
        ctx = Context(path, ast.parse(f.read()), project)
    fresh = getattr(ctx, "fresh", None)  # None: a version of the tool without it (a "before" run)
    if fresh is None:
        return {}
    own = project.layout.relative(path)
    return {line: failed for line, failed in fresh.items() if failed is None or failed.cause.file != own}


def _speaks(module: str, case: dict) -> bool:
    """Is `module` (a finding's or a failure's) what this case imports: its module, or the submodule it names?"""
    node = ast.parse(case["statement"]).body[0]
    if isinstance(node, ast.Import):
        return module == node.names[0].name or node.names[0].name.startswith(module + ".")
    base = absolute_module(case["package"], node.level, node.module)
    return module in (base, f"{base}.{node.names[0].name}")


def tool_verdict(project, path: str, statement: str, failed=None,
                 undecided: bool = False) -> tuple[Verdict, str, tuple[str, str]]:
    """What the resolver says about one import statement, why when it will not say, and the
    (absolute module, name) it was asked about; `failed`: how the fresh simulation says the
    statement's line fails, when it speaks for this statement; `undecided`: the simulation could
    not say what the line does."""
    node = ast.parse(statement).body[0]
    resolver = project.resolver
    search = project.layout.search_path(path)
    if isinstance(node, ast.Import):
        module, name = node.names[0].name, ""
    else:
        assert isinstance(node, ast.ImportFrom)
        module, name = absolute_module(project.layout.module_name(path)[1], node.level, node.module), node.names[0].name
    if not module:
        return Verdict.UNKNOWN, "relative import beyond the top-level package", (module, name)
    if not project.finder.is_first_party(module.split(".")[0], search):
        return Verdict.UNKNOWN, "not first-party", (module, name)
    if failed is not None:  # a package on the way fails first, whatever the module itself does
        return Verdict.MISSING, FRESH, (module, name)
    found = resolver.resolve_module(module, search)
    if found.verdict is Verdict.EXISTS and _chain_breaks(project, module, name, search):
        return Verdict.MISSING, CHAIN, (module, name)
    if found.verdict is Verdict.EXISTS and name:
        found = resolver.resolve_name(module, name, search)
    reason = _why_unknown(project, module, name, search) if found.verdict is Verdict.UNKNOWN else found.reason
    why = _any_break(project, module, name, search) if found.verdict is Verdict.EXISTS else ""
    if found.verdict is Verdict.EXISTS and undecided:
        why = UNDECIDED  # what came before (the conftests, an earlier line) cannot be followed
    if why:
        return Verdict.UNKNOWN, why, (module, name)  # a break the tool may not claim: see chains.py
    return found.verdict, reason, (module, name)


def prefixes(dotted: str) -> list[str]:
    parts = dotted.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _chain_breaks(project, module: str, name: str, search: tuple[str, ...]) -> bool:
    """Does IMG105 speak for this import (the module, or the submodule it names, fails through a chain)?"""
    modules = [module] + ([f"{module}.{name}"] if name and project.finder.find_module(f"{module}.{name}", search)
                          else [])
    chains = getattr(project, "chains", None)  # None: a version of the tool without IMG105 (a "before" run)
    return chains is not None and any(chains.cause(m, search) is not None for m in modules)


def _any_break(project, module: str, name: str, search: tuple[str, ...]) -> str:
    """Why the tool may be silent on an import that fails through a chain, for the report: ORDER
    when some import on the way surely fails (IMG105 leaves it alone because an import cycle, or
    an earlier import, decides), LINK when an import on the way is one the resolver cannot judge."""
    finder, resolver = project.finder, project.resolver
    todo = [f"{module}.{name}" if name and finder.find_module(f"{module}.{name}", search) else module]
    seen: set[str] = set()
    why = ""
    while todo:
        for prefix in prefixes(todo.pop()):
            loc = finder.find_module(prefix, search)
            if prefix in seen or loc is None or not loc.file:
                continue
            seen.add(prefix)
            if _imports_late(loc.file):
                why = why or LATE
            summary = project.store.summary(loc)
            for target, names, _, always in summary.imports:
                if not (always and target and finder.is_first_party(target.split(".")[0], search)):
                    continue
                verdicts = [resolver.resolve_module(p, search).verdict for p in prefixes(target)]
                if Verdict.EXISTS in verdicts[-1:]:
                    verdicts += [resolver.resolve_name(target, n, search).verdict for n in names]
                if Verdict.MISSING in verdicts:
                    return ORDER
                why = why or (LINK if Verdict.UNKNOWN in verdicts else "")
                todo += [target] + [f"{target}.{n}" for n in names]
                if target in summary.stars:  # `__all__` may list submodules: the star imports them
                    star = finder.find_module(target, search)
                    todo += [f"{target}.{n}" for n in (resolver.all_names(star) if star else None) or ()]
    return why


def _imports_late(path: str) -> bool:
    """Does the module call, at module level, a function of its own that imports something?"""
    with open(path, "rb") as f:
        tree = ast.parse(f.read())
    importing = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)
                 and any(isinstance(sub, (ast.Import, ast.ImportFrom)) for sub in ast.walk(node))}
    return any(isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
               and node.value.func.id in importing for node in tree.body)


def _why_unknown(project, module: str, name: str, search: tuple[str, ...]) -> str:
    """A label for the report: the first thing along the module or its star imports that a static
    reader cannot follow."""
    resolver, finder, store = project.resolver, project.finder, project.store
    if name and store.written_into(module, name):
        return "another module sets it when it runs"
    seen: set[str] = set()
    parts = module.split(".")
    todo = [".".join(parts[:i]) for i in range(len(parts), 0, -1)]
    while todo:
        current = todo.pop(0)
        if not current or current in seen:
            continue
        seen.add(current)
        if not finder.is_first_party(current.split(".")[0], search):
            return "star import of a module that is not first-party"
        loc = finder.find_module(current, search)
        if loc is None:
            continue
        if loc.kind is LocKind.EXTENSION:
            return "compiled extension"
        if loc.kind is LocKind.NAMESPACE or not loc.file:
            return f"{loc.kind.value} without source of its own"
        summary = store.summary(loc)
        if summary.dynamic:
            return f"dynamic module ({summary.dynamic})"
        if summary.registers_modules or summary.registered:
            return "module writes sys.modules"
        if summary.path_dynamic:
            return "package changes __path__"
        if summary.all_names is not None and resolver.all_names(loc) is None:
            return "__all__ cannot be inferred"
        if loc.stub:
            return "a .pyi stub lists names the source does not show"
        todo += summary.stars
    return "other"


def judge(projects: list[Project], tally: Tally, keep: str = "") -> None:
    """Write the projects, ask the tool and (in one subprocess each) CPython about every test
    import, patch target and module attribute read."""
    with tempfile.TemporaryDirectory(prefix="importguard-diff-") as tmp, ThreadPoolExecutor(4) as pool:
        judge_started(projects, keep or tmp, pool)(tally)


def judge_started(projects: list[Project], work: str, pool: ThreadPoolExecutor) -> Callable[[Tally], None]:
    """judge's work on `projects`, written under `work`: the tool asked here, the interpreters
    started in `pool` (one subprocess each, reading the projects only, judging at the same time);
    the function returned waits for them and counts every verdict in a tally. What the tool does
    on the next projects can overlap the interpreters' work on these."""
    cases, tool, runs, lines, codes, own = [], {}, [], {}, {}, {}
    for project in projects:
        root = write_tree(os.path.join(work, f"seed{project.seed}"), project.files)
        path = os.path.join(root, project.test_file)
        session = Session()
        checked = session.project_for(path, Settings())
        with open(path, "rb") as f:
            findings = check(f.read(), path, session=session)
        fresh = fresh_failures(checked, path)
        for case in import_cases(path, checked.layout):
            case["root"] = root
            cases.append(case)
            flagged = any(_flags(x, case) for x in findings)
            own[id(case)] = any(_flags(x, case) for x in findings if x.code in ("IMG101", "IMG102"))
            failed = fresh.get(case["line"])
            undecided = case["line"] in fresh and failed is None
            failed = failed if failed is not None and _speaks(failed.module, case) else None
            tool[id(case)] = (project, flagged, *tool_verdict(checked, path, case["statement"], failed, undecided))
            if failed is not None:
                codes[id(case)] = "IMG106" if failed.rescue else "IMG105"
        runs += runtime_cases(path, checked.layout, root)
        lines[path] = (project, findings, runtime_verdict(checked, path))
    flagged = [case for case in cases if tool[id(case)][1] and tool[id(case)][3] == CHAIN]
    warm = [{**case, "warm": _modules(tool[id(case)][0])} for case in flagged]
    # the second judge, a whole-suite run: the statement attempted once before in the same process;
    # an IMG106 ("fails unless another test has already imported X") passes then, an IMG105 does not
    fresh = [case for case in cases if tool[id(case)][1] and tool[id(case)][3] == FRESH
             and not (codes[id(case)] == "IMG106" and own[id(case)])]  # the test's own missing name fails again
    again = [{**case, "retry": True} for case in fresh]
    started = [pool.submit(interpreter_verdicts, work, cases), pool.submit(runtime_verdicts, runs, work),
               pool.submit(interpreter_verdicts, work, warm), pool.submit(interpreter_verdicts, work, again)]

    def count(tally: Tally) -> None:
        verdicts, run_verdicts, warm_verdicts, again_verdicts = [future.result() for future in started]
        for case, verdict in zip(flagged, warm_verdicts):
            if verdict == "ok":  # IMG105 must hold whatever was imported before (pytest's order)
                tally.problems.append(f"seed {tool[id(case)][0].seed}, line {case['line']}: {case['statement']!r}: "
                                      f"FALSE ALARM after importing every module first: {verdict}")
        for case, verdict in zip(fresh, again_verdicts):
            if (verdict == "ok") != (codes[id(case)] == "IMG106"):
                tally.problems.append(f"seed {tool[id(case)][0].seed}, line {case['line']}: {case['statement']!r}: "
                                      f"{codes[id(case)]}, but attempted a second time: {verdict}")
        tally.examples += len(projects)
        for case, verdict in zip(cases, verdicts):
            _count(tally, case, verdict, *tool[id(case)])
        by_line: dict[tuple[str, str, int], list[str]] = {}
        for case, verdict in zip(runs, run_verdicts):
            by_line.setdefault((case["file"], case["kind"], case["span"][0]), []).append(verdict)
        for (path, kind, line), outcomes in sorted(by_line.items()):
            project, findings, answers = lines[path]
            shown = any(f.line == line and f.code == RUNTIME_CODES[kind] for f in findings)
            _count_runtime(tally, project, line, outcomes, shown, answers.get((kind, line)))
    return count


def _modules(project: Project) -> list[str]:
    """Every module of a generated project, by name (a source file's path under its root)."""
    names = []
    for rel in sorted(project.files):
        if rel.endswith(".py") and not rel.startswith("tests/"):
            parts = rel.removeprefix("src/")[:-3].split("/")
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    tests = [rel for rel in project.files if rel.startswith("tests/") and rel.endswith(".py")]
    package = "tests/__init__.py" in project.files
    return names + [("tests." if package else "") + rel[6:-3] for rel in tests if "/" not in rel[6:]]


def _flags(finding, case: dict) -> bool:
    """Does this finding speak about this case (one module or one name of a statement)? An IMG105
    speaks for its statement's module, or for the submodule of it that the case imports."""
    if finding.line != case["line"] or finding.code not in ("IMG101", "IMG102", "IMG105", "IMG106"):
        return False
    node = ast.parse(case["statement"]).body[0]
    if finding.code in ("IMG105", "IMG106"):
        return _speaks(finding.module, case)
    if isinstance(node, ast.Import):
        return finding.module == node.names[0].name
    return finding.code == "IMG101" or finding.name == node.names[0].name


def _count(tally: Tally, case: dict, verdict: str, project: Project, flagged: bool, decided: Verdict,
           reason: str, target: tuple[str, str]) -> None:
    where = f"seed {project.seed}, line {case['line']}: {case['statement']!r}"
    tally.imports += 1
    if verdict == "orphan":  # fails, after an earlier line of the file failed (it is reported)
        tally.failing += 1
        tally.flagged += flagged
        tally.agreements += flagged
        if not flagged:
            tally.unknown[ORPHAN] += 1
        return
    fails = verdict == "fails"
    tally.failing += fails
    tally.flagged += flagged
    tally.agreements += fails == flagged
    problem = _problem(verdict if verdict.startswith("error") else "", flagged, decided, fails,
                       f"the resolver says {decided.name} {reason}")
    if problem:
        tally.problems.append(f"{where}: {problem}")
    elif fails and not flagged:
        if reason == "not first-party":
            tally.out_of_scope += 1
        elif decided is Verdict.UNKNOWN:
            tally.unknown[reason] += 1
        elif target in project.may:
            tally.unknown[MAY_BIND] += 1
        else:
            tally.problems.append(f"{where}: MISSED: CPython fails, the tool says {decided.name}")


def _problem(error: str, flagged: bool, decided: Verdict, fails: bool, says: str) -> str:
    """What is wrong with one verdict ("" when nothing, or when only a miss may be: the caller's)."""
    if error:
        return f"the generated project is broken ({error})"
    if flagged != (decided is Verdict.MISSING):
        return f"flagged={flagged} but {says}"
    return f"FALSE ALARM: CPython runs it, {says}" if flagged and not fails else ""


def runtime_verdict(project, path: str) -> dict[tuple[str, int], tuple[Verdict, str]]:
    """What the tool says about each patch call and module attribute read of the test module, by
    (kind, line): MISSING on any of the line's reads first, then UNKNOWN (with why), else EXISTS."""
    with open(path, "rb") as f:
        ctx = Context(path, ast.parse(f.read()), project)
    answers: dict[tuple[str, int], tuple[Verdict, str]] = {}
    order = {Verdict.EXISTS: 0, Verdict.UNKNOWN: 1, Verdict.MISSING: 2}
    for node in ast.walk(ctx.tree):
        found: list[tuple[str, Verdict, str]] = []
        if isinstance(node, ast.Call):
            for target in patch_targets(ctx, node):
                if target.start is not None or ctx.is_first_party(target.parts[0]):
                    chain = judged(ctx, target)
                    found.append(("call", chain.verdict, _why_silent(project, ctx, chain, target.parts)))
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            owner = module_read(ctx, node.value)
            if owner is not None:
                look = ctx.objects.attribute(owner, node.attr)
                chain = Chain(look.verdict, owner, 1, look)
                if f"{owner.module}.{node.attr}" in ctx.imported_modules:
                    found.append(("attribute", Verdict.UNKNOWN, IMPORTED))
                else:
                    why = _why_silent(project, ctx, chain, (owner.module, node.attr))
                    found.append(("attribute", look.verdict, why))
            elif isinstance(node.value, ast.Name) and node.value.id in ctx.imported_names:
                binding = ctx.import_binding(node.value)
                why = "a name the test module binds to more than one thing" if binding is None else _why_unknown(
                    project, binding.module, binding.name, ctx.search)
                found.append(("attribute", Verdict.UNKNOWN, why))
        for kind, verdict, why in found:
            key = (kind, node.lineno)
            if key not in answers or order[verdict] > order[answers[key][0]]:
                answers[key] = (verdict, why)
    return answers


def _why_silent(project, ctx, chain: Chain, parts: tuple[str, ...]) -> str:
    """Why the tool says nothing about a path CPython may fail on: the step it does not follow,
    or what it sees bound that CPython need not bind."""
    owner = chain.owner
    if chain.verdict is Verdict.UNKNOWN:
        if owner is None:
            return "a path through something not followed (a value, a function, a third-party object)"
        if owner.kind is ObjectKind.CLASS:
            return "class attributes not followed (a decorator, a metaclass, a base not read)"
        return _why_unknown(project, owner.module, parts[chain.index], ctx.search)
    if chain.verdict is Verdict.EXISTS and ctx.finder.find_module(".".join(parts), ctx.search) is not None:
        return "a submodule: a module attribute only once something imports it"
    return MAY_BIND


def _count_runtime(tally: Tally, project: Project, line: int, outcomes: list[str], flagged: bool,
                   decided: tuple[Verdict, str] | None) -> None:
    where = f"seed {project.seed}, line {line}: {project.lines.get(line, '')!r}"
    verdict, why = decided or (Verdict.UNKNOWN, "not read by the tool")
    outcomes = [outcome for outcome in outcomes if outcome != "unreachable"]
    if not outcomes:
        return  # the line needs a module-level import that fails: judged as an import
    chain = "chain" in outcomes and "fails" not in outcomes  # an import on the way fails (IMG105's)
    fails = "fails" in outcomes or chain
    tally.runtime += 1
    tally.runtime_failing += fails
    tally.runtime_flagged += flagged
    tally.runtime_agreements += fails == flagged
    errors = [o for o in outcomes if o.startswith("error")]
    problem = _problem(errors[0] if errors else "", flagged, verdict, fails, f"the tool's objects say {verdict.name}")
    if problem:
        tally.problems.append(f"{where}: {problem}")
    elif fails and not flagged:
        if chain:
            tally.runtime_unknown[CHAIN] += 1
        elif verdict is Verdict.UNKNOWN or why != MAY_BIND or _may_bind(project, line):
            tally.runtime_unknown[why] += 1
        else:
            tally.problems.append(f"{where}: MISSED: CPython fails, the tool says {verdict.name}")


def _may_bind(project: Project, line: int) -> bool:
    """Does the line read a name the generator knows the tool sees bound, though CPython does not bind it?"""
    statement = project.lines.get(line, "")
    return any(module in statement and re.search(rf"\.{re.escape(name)}\b", statement) for module, name in project.may)


def run(count: int, start: int = 0, batch: int = 25, keep: str = "") -> Tally:
    """Judge `count` generated projects from seed `start`, `batch` at a time: the tool asks about a
    batch while the interpreters judge the one before (judge_started)."""
    tally = Tally()
    with ThreadPoolExecutor(4) as pool, contextlib.ExitStack() as stack:
        waiting: list[Callable[[Tally], None]] = []
        for first in range(start, start + count, batch):
            seeds = range(first, min(first + batch, start + count))
            work = keep or stack.enter_context(tempfile.TemporaryDirectory(prefix="importguard-diff-"))
            waiting.append(judge_started([generate(seed) for seed in seeds], work, pool))
            if len(waiting) > 1:
                waiting.pop(0)(tally)
        for count_verdicts in waiting:
            count_verdicts(tally)
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="differential run: the tool against CPython")
    parser.add_argument("count", type=int, nargs="?", default=int(os.environ.get("IMPORTGUARD_DIFF_EXAMPLES", 200)))
    parser.add_argument("--start", type=int, default=0, help="first seed")
    parser.add_argument("--keep", default="", help="write the projects here (for a failing seed)")
    args = parser.parse_args(argv)
    tally = run(args.count, args.start, keep=args.keep)
    print(tally.figures())
    for problem in tally.problems:
        print(problem)
    return 1 if tally.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
