"""The differential test's engine: the tool against the interpreter, import by import.

Projects come from tests/generated.py. For every import statement of a project's test module
the tool's verdict (flake8_importguard's findings, and the resolver's EXISTS/MISSING/UNKNOWN)
is compared with what CPython does when a subprocess executes exactly that statement
(tests/expectations.py); for every patch target and module attribute read, IMG401 / IMG103 and
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
import os
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from expectations import import_cases, interpreter_verdicts  # noqa: E402
from generated import Project, generate  # noqa: E402
from runtime_cases import runtime_cases, runtime_verdicts  # noqa: E402
from flake8_importguard.context import Context  # noqa: E402
from flake8_importguard.model import ObjectKind  # noqa: E402
from flake8_importguard.objects import Chain  # noqa: E402
from flake8_importguard.patchcalls import patch_targets  # noqa: E402
from flake8_importguard.rules.attributes import module_read  # noqa: E402
from flake8_importguard.rules.patches import judged  # noqa: E402
from flake8_importguard.session import Session  # noqa: E402
from support import check, write_tree  # noqa: E402
from flake8_importguard.config import Settings  # noqa: E402
from flake8_importguard.model import Verdict  # noqa: E402
from flake8_importguard.finder import LocKind  # noqa: E402
from flake8_importguard.syntax import absolute_module  # noqa: E402


MAY_BIND = "bound only where CPython does not go (branch, loop, uncalled function, star cycle)"
RUNTIME_CODES = {"call": "IMG401", "attribute": "IMG103"}


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


def tool_verdict(project, path: str, statement: str) -> tuple[Verdict, str, tuple[str, str]]:
    """What the resolver says about one import statement, why when it will not say, and the
    (absolute module, name) it was asked about."""
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
    found = resolver.resolve_module(module, search)
    if found.verdict is Verdict.EXISTS and name:
        found = resolver.resolve_name(module, name, search)
    reason = _why_unknown(project, module, name, search) if found.verdict is Verdict.UNKNOWN else found.reason
    return found.verdict, reason, (module, name)


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
        if summary.registers_modules:
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
    with tempfile.TemporaryDirectory(prefix="importguard-diff-") as tmp:
        work = keep or tmp
        cases, tool, runs, lines = [], {}, [], {}
        for project in projects:
            root = write_tree(os.path.join(work, f"seed{project.seed}"), project.files)
            path = os.path.join(root, project.test_file)
            session = Session()
            checked = session.project_for(path, Settings())
            with open(path, "rb") as f:
                findings = check(f.read(), path, session=session)
            for case in import_cases(path, checked.layout):
                case["root"] = root
                cases.append(case)
                flagged = any(_flags(x, case) for x in findings)
                tool[id(case)] = (project, flagged, *tool_verdict(checked, path, case["statement"]))
            runs += runtime_cases(path, checked.layout, root)
            lines[path] = (project, findings, runtime_verdict(checked, path))
        verdicts = interpreter_verdicts(work, cases)
        run_verdicts = runtime_verdicts(runs, work)
    tally.examples += len(projects)
    for case, verdict in zip(cases, verdicts):
        _count(tally, case, verdict, *tool[id(case)])
    by_line: dict[tuple[str, str, int], list[str]] = {}
    for case, verdict in zip(runs, run_verdicts):
        by_line.setdefault((case["file"], case["kind"], case["span"][0]), []).append(verdict)
    for (path, kind, line), outcomes in sorted(by_line.items()):
        project, findings, answers = lines[path]
        flagged = any(f.line == line and f.code == RUNTIME_CODES[kind] for f in findings)
        _count_runtime(tally, project, line, outcomes, flagged, answers.get((kind, line)))


def _flags(finding, case: dict) -> bool:
    """Does this finding speak about this case (one module or one name of a statement)?"""
    if finding.line != case["line"] or finding.code not in ("IMG101", "IMG102"):
        return False
    node = ast.parse(case["statement"]).body[0]
    if isinstance(node, ast.Import):
        return finding.module == node.names[0].name
    return finding.code == "IMG101" or finding.name == node.names[0].name


def _count(tally: Tally, case: dict, verdict: str, project: Project, flagged: bool, decided: Verdict,
           reason: str, target: tuple[str, str]) -> None:
    where = f"seed {project.seed}, line {case['line']}: {case['statement']!r}"
    tally.imports += 1
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
                found.append(("attribute", look.verdict, _why_silent(project, ctx, chain, (owner.module, node.attr))))
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
    fails = "fails" in outcomes
    tally.runtime += 1
    tally.runtime_failing += fails
    tally.runtime_flagged += flagged
    tally.runtime_agreements += fails == flagged
    errors = [o for o in outcomes if o.startswith("error")]
    problem = _problem(errors[0] if errors else "", flagged, verdict, fails, f"the tool's objects say {verdict.name}")
    if problem:
        tally.problems.append(f"{where}: {problem}")
    elif fails and not flagged:
        if verdict is Verdict.UNKNOWN or why != MAY_BIND or _may_bind(project, line):
            tally.runtime_unknown[why] += 1
        else:
            tally.problems.append(f"{where}: MISSED: CPython fails, the tool says {verdict.name}")


def _may_bind(project: Project, line: int) -> bool:
    """Does the line read a name the generator knows the tool sees bound, though CPython does not bind it?"""
    statement = project.lines.get(line, "")
    return any(module in statement and re.search(rf"\.{re.escape(name)}\b", statement) for module, name in project.may)


def run(count: int, start: int = 0, batch: int = 25, keep: str = "") -> Tally:
    tally = Tally()
    for first in range(start, start + count, batch):
        seeds = range(first, min(first + batch, start + count))
        judge([generate(seed) for seed in seeds], tally, keep)
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
