"""Where a broken name lives now: the hint scored against real fix commits of public projects.

Each case is a commit C of a public repository in which a test file's `from OLD import NAME`
became `from NEW import NAME` (or `NEW_NAME as NAME`) because the project's code had moved or
renamed it, and OLD no longer offers NAME at C. The break is rebuilt exactly: the tree of C
(`git archive`), with the test file as it was at C^. `importguard --no-cache --isolated
--format json FILE` is run on it, and its finding for NAME is scored:

* right: the first home the hint names is NEW (the module of the import the fix commit wrote);
* named: NEW is among the homes named, but not first;
* other: the hint names homes, none of them NEW;
* none: no home (a near name, "defined nowhere", no finding).

No third-party code is kept: the repositories are read at run time from bare git mirrors
(`--mirrors DIR/<owner>+<name>/repo`, as a snapshot of github:<owner>/<name> is stored) and
extracted under `--workdir`. `mine` lists the candidate cases of one mirror (how CASES was
built); `run` (the default) scores CASES.

    python bench/homes.py run [--mirrors /work/.mirror] [--workdir /tmp/importguard-homes] [-v]
    python bench/homes.py mine OWNER/NAME TOP[,TOP...]
"""
from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from typing import Iterator, NamedTuple


class Case(NamedTuple):
    repo: str  # owner/name
    commit: str  # the fix commit C
    path: str  # the test file, as at C^ in the break
    name: str  # the name the old import asked for
    old: str  # the module it asked it from
    new: str  # the module the fix commit imports it from


def _cases(repo: str, rows: str) -> list[Case]:
    """Cases of one repository: five words each (commit, path, name, old, new), a case may wrap."""
    words = rows.split()
    return [Case(repo, *words[i:i + 5]) for i in range(0, len(words), 5)]


CASES: list[Case] = []  # by repository; at most 8 of one commit (`mine`, deduplicated)
CASES += _cases("PyCQA/flake8", """
5dc7440a2ba2 tests/unit/test_notifier.py notifier flake8 flake8.plugins
5dc7440a2ba2 tests/unit/test_trie.py _trie flake8 flake8.plugins
""")
CASES += _cases("encode/httpx", """
1a6e254f72d9 tests/test_exceptions.py HTTPCORE_EXC_MAP httpx._exceptions httpx._transports.default
354c4cac1f17 tests/test_multipart.py encode_request httpx._content_streams httpx._content
82dc6f32f864 tests/client/test_auth.py CertTypes httpx.config httpx._config
82dc6f32f864 tests/client/test_auth.py TimeoutTypes httpx.config httpx._config
82dc6f32f864 tests/client/test_auth.py VerifyTypes httpx.config httpx._config
82dc6f32f864 tests/client/test_auth.py AsyncDispatcher httpx.dispatch.base httpx._dispatch.base
82dc6f32f864 tests/client/test_redirects.py AsyncIteratorStream httpx.content_streams httpx._content_streams
82dc6f32f864 tests/dispatch/test_connection_pools.py ConnectionPool
    httpx.dispatch.connection_pool httpx._dispatch.connection_pool
82dc6f32f864 tests/dispatch/test_connections.py SSLConfig httpx.config httpx._config
82dc6f32f864 tests/dispatch/test_connections.py HTTPConnection httpx.dispatch.connection httpx._dispatch.connection
2b92a78c4154 tests/models/test_url.py Origin httpx httpx.models
e34df7a7a19b tests/concurrency.py AsyncioBackend httpx.concurrency.asyncio httpx.backends.asyncio
e34df7a7a19b tests/concurrency.py AutoBackend httpx.concurrency.auto httpx.backends.auto
e34df7a7a19b tests/concurrency.py TrioBackend httpx.concurrency.trio httpx.backends.trio
e34df7a7a19b tests/conftest.py lookup_backend httpx.concurrency.base httpx.backends.base
e34df7a7a19b tests/dispatch/utils.py BaseSocketStream httpx.concurrency.base httpx.backends.base
d15dc0b1f8e7 tests/client/test_auth.py CertTypes httpx httpx.config
d15dc0b1f8e7 tests/client/test_auth.py Dispatcher httpx httpx.dispatch.base
d15dc0b1f8e7 tests/client/test_auth.py TimeoutTypes httpx httpx.config
d15dc0b1f8e7 tests/client/test_auth.py VerifyTypes httpx httpx.config
d15dc0b1f8e7 tests/concurrency.py AsyncioBackend httpx httpx.concurrency.asyncio
d15dc0b1f8e7 tests/dispatch/test_connections.py HTTPConnection httpx httpx.dispatch.connection
d15dc0b1f8e7 tests/test_concurrency.py SSLConfig httpx httpx.config
""")
CASES += _cases("encode/starlette", """
f4fe0ec312e3 tests/test_app.py JSONResponse starlette.response starlette.responses
f4fe0ec312e3 tests/test_app.py PlainTextResponse starlette.response starlette.responses
f4fe0ec312e3 tests/test_debug.py Response starlette starlette.responses
f4fe0ec312e3 tests/test_debug.py TestClient starlette starlette.testclient
f4fe0ec312e3 tests/test_request.py JSONResponse starlette starlette.responses
f4fe0ec312e3 tests/test_request.py Request starlette starlette.requests
f4fe0ec312e3 tests/test_request.py ClientDisconnect starlette.request starlette.requests
f4fe0ec312e3 tests/test_response.py FileResponse starlette.response starlette.responses
43ed5327288e tests/test_routing.py Path starlette starlette.routing
43ed5327288e tests/test_routing.py PathPrefix starlette starlette.routing
43ed5327288e tests/test_routing.py Router starlette starlette.routing
""")
CASES += _cases("marshmallow-code/marshmallow", """
2c76be650697 tests/test_fields.py missing marshmallow.marshalling marshmallow
4f85582f3443 tests/test_options.py OrderedDict marshmallow.compat collections
""")
CASES += _cases("pallets/flask", """
662c245795c7 tests/test_logging.py StringIO flask._compat io
""")
CASES += _cases("pallets/jinja", """
1932ce3dc44e tests/test_async.py auto_aiter jinja2.asyncsupport jinja2.async_utils
148a19138c19 tests/test_ext.py BytesIO jinja2._compat io
1167525b7386 examples/basic/test_filter_and_linestatements.py Environment jinja2 jinja
1167525b7386 tests/conftest.py loaders jinja2 jinja
1167525b7386 tests/conftest.py have_async_gen jinja2.utils jinja.utils
1167525b7386 tests/test_api.py ChainableUndefined jinja2 jinja
1167525b7386 tests/test_api.py DebugUndefined jinja2 jinja
1167525b7386 tests/test_api.py DictLoader jinja2 jinja
1167525b7386 tests/test_api.py StrictUndefined jinja2 jinja
1167525b7386 tests/test_api.py Template jinja2 jinja
""")
CASES += _cases("pallets/werkzeug", """
f6fc8d44708c tests/test_test.py get_host werkzeug.utils werkzeug.wsgi
""")
CASES += _cases("pytest-dev/pytest", """
03da9f0ccb88 testing/test_reports.py approx _pytest.python_api _pytest.approx
""")
CASES += _cases("python-poetry/poetry-core", """
9a67537fae72 tests/packages/test_dependency.py ParseConstraintError
    poetry.core.semver.exceptions poetry.core.constraints.version.exceptions
9a67537fae72 tests/packages/test_main.py Version poetry.core.semver.version poetry.core.constraints.version
9a67537fae72 tests/packages/utils/test_utils.py parse_constraint
    poetry.core.semver.helpers poetry.core.constraints.version
1fd6088be908 tests/packages/utils/test_utils.py parse_constraint
    poetry.core.packages.constraints poetry.core.constraints.generic
b103125e4591 tests/conftest.py Path poetry.core.utils._compat pathlib
b103125e4591 tests/masonry/builders/test_complete.py Builder poetry.core.masonry poetry.core.masonry.builder
b103125e4591 tests/masonry/builders/test_sdist.py Package poetry.core.packages poetry.core.packages.package
b103125e4591 tests/packages/test_dependency.py Dependency poetry.core.packages poetry.core.packages.dependency
b103125e4591 tests/packages/test_file_dependency.py FileDependency
    poetry.core.packages poetry.core.packages.file_dependency
b103125e4591 tests/packages/test_url_dependency.py URLDependency
    poetry.core.packages poetry.core.packages.url_dependency
b103125e4591 tests/packages/utils/test_utils.py parse_constraint poetry.core.semver poetry.core.semver.helpers
b103125e4591 tests/packages/utils/test_utils_link.py Link poetry.core.packages poetry.core.packages.utils.link
e831e54f92cb tests/packages/utils/test_utils_urls.py pathname2url
    poetry.core._vendor.six.moves.urllib.request six.moves.urllib.request
""")
CASES += _cases("sqlalchemy/alembic", """
e532a7e39cb6 tests/test_postgresql.py _compare_server_default
    alembic.autogenerate.compare alembic.autogenerate.compare.server_defaults
e532a7e39cb6 tests/test_postgresql.py _compare_tables alembic.autogenerate.compare alembic.autogenerate.compare.tables
e532a7e39cb6 tests/test_postgresql.py _render_server_default_for_compare
    alembic.autogenerate.compare alembic.autogenerate.compare.server_defaults
0e43247da4cf tests/test_autogen_render.py compat alembic alembic.util
0e43247da4cf tests/test_batch.py ApplyBatchImpl alembic.batch alembic.operations.batch
0e43247da4cf tests/test_batch.py MigrationContext alembic.migration alembic.runtime.migration
0e43247da4cf tests/test_revision.py MultipleHeads alembic.revision alembic.script.revision
0e43247da4cf tests/test_revision.py Revision alembic.revision alembic.script.revision
0e43247da4cf tests/test_revision.py RevisionError alembic.revision alembic.script.revision
0e43247da4cf tests/test_revision.py RevisionMap alembic.revision alembic.script.revision
adc081312ea9 tests/conftest.py * alembic.testing.plugin.pytestplugin pytestplugin
""")
CASES += _cases("tiangolo/fastapi", """
ad268bb80e91 tests/main.py Body fastapi.applications fastapi
ad268bb80e91 tests/main.py Cookie fastapi.applications fastapi
ad268bb80e91 tests/main.py Depends fastapi.applications fastapi
ad268bb80e91 tests/main.py File fastapi.applications fastapi
ad268bb80e91 tests/main.py Form fastapi.applications fastapi
ad268bb80e91 tests/main.py Header fastapi.applications fastapi
ad268bb80e91 tests/main.py Path fastapi.applications fastapi
ad268bb80e91 tests/main.py Query fastapi.applications fastapi
""")
CASES += _cases("tox-dev/tox", """
cea105b70070 tests/config/loader/ini/replace/test_replace_tox_env.py MAX_REPLACE_DEPTH
    tox.config.loader.ini.replace tox.config.loader.replacer
6f4cf48185f5 tests/test_provision.py Index tox.pytest devpi_process
0ee8853249ee tests/tox_env/python/virtual_env/test_setuptools.py Pep517VirtualEnvPackager
    tox.tox_env.python.virtual_env.package.pep517 tox.tox_env.python.virtual_env.package.pyproject
c88d497c535f tests/config/cli/test_cli_env_var.py CliEnv tox.session.common tox.session.env_select
84acf045fb39 tests/tox_env/python/virtual_env/package/test_python_package_util.py SubprocessFrontend
    tox.util.pep517.via_fresh_subprocess pyproject_api
9cee893e6a67 tests/test_version.py __version__ tox.version tox
22972ff24b20 tests/execute/local_subprocess/test_local_subprocess.py SIGINT tox.execute.api tox.util.signal
575f648bec47 tests/config/cli/test_cli_env_var.py Override tox.config.override tox.config.loader.api
575f648bec47 tests/config/ini/test_factor.py filter_for_env tox.config.source.ini tox.config.loader.ini.factor
575f648bec47 tests/config/ini/test_factor.py find_envs tox.config.source.ini tox.config.loader.ini.factor
575f648bec47 tests/config/ini/test_values.py Command tox.config.source.api tox.config.types
""")


def git(mirror: str, *args: str, text: bool = True) -> str:
    return subprocess.run(["git", "--git-dir", mirror, *args], check=True, capture_output=True,
                          text=text).stdout


def mirror_of(mirrors: str, repo: str) -> str:
    return os.path.join(mirrors, repo.replace("/", "+"), "repo")


# -- mining ---------------------------------------------------------------------------------------
def _froms(source: str) -> dict[tuple[str, str, str], int]:
    """(module, name, bound as) -> line, for every absolute `from m import n` of a file."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return {}
    return {(node.module, alias.name, alias.asname or alias.name): node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module for alias in node.names}


def _offers(mirror: str, commit: str, module: str, name: str) -> bool:
    """Does `module`'s file at `commit` (under the root or src/) exist and mention `name`?"""
    stem = module.replace(".", "/")
    for root in ("", "src/", "lib/"):
        for path in (f"{root}{stem}.py", f"{root}{stem}/__init__.py"):
            try:
                text = git(mirror, "show", f"{commit}:{path}")
            except subprocess.CalledProcessError:
                continue
            return re.search(rf"\b{re.escape(name)}\b", text) is not None
        if any(git(mirror, "ls-tree", "--name-only", commit, f"{root}{stem}/").split()):
            return True  # a namespace package: the name may be a submodule; not a clear break
    return False


def mine(mirror: str, tops: set[str]) -> Iterator[Case]:
    """Pairs (old import removed, new import of the same name or binding added) in one commit's test
    file, where the old module no longer mentions the name at that commit."""
    commits = git(mirror, "log", "--format=%H", "-G^(from|import) ", "--", "tests", "testing", "test").split()
    for commit in commits:
        try:
            changed = git(mirror, "diff-tree", "--no-commit-id", "-r", "--name-status", f"{commit}^", commit)
        except subprocess.CalledProcessError:
            continue
        for line in changed.splitlines():
            status, _, path = line.partition("\t")
            if status != "M" or not path.endswith(".py") or "test" not in path:
                continue
            before = _froms(git(mirror, "show", f"{commit}^:{path}"))
            after = _froms(git(mirror, "show", f"{commit}:{path}"))
            for module, name, bound in sorted(set(before) - set(after)):
                if module.split(".")[0] not in tops or any(k[0] == module and k[2] == bound for k in after):
                    continue
                new = sorted({m for m, n, b in set(after) - set(before) if m != module and (n == name or b == bound)})
                if len(new) == 1 and not _offers(mirror, commit, module, name):
                    yield Case("", commit, path, name, module, new[0])


# -- scoring --------------------------------------------------------------------------------------
def rebuild(mirror: str, case: Case, workdir: str) -> str:
    """The tree of the fix commit with the test file as it was before it: the break."""
    root = os.path.join(workdir, f"{case.repo.replace('/', '+')}-{case.commit[:10]}")
    if os.path.isdir(root):
        shutil.rmtree(root)
    os.makedirs(root)
    archive = git(mirror, "archive", "--format=tar", case.commit, text=False)
    subprocess.run(["tar", "-x", "-C", root], input=archive, check=True)
    with open(os.path.join(root, case.path), "wb") as file:
        file.write(git(mirror, "show", f"{case.commit}^:{case.path}", text=False))
    return root


_QUOTED = re.compile(r"'([^']+)'")


def homes_named(finding: dict[str, object], name: str) -> list[str]:
    """The homes a finding's hint names for `name`, in its order ("'X' is defined in 'a', 'b'")."""
    message = str(finding["message"])
    for part in message.split("; ")[1:]:
        if part.startswith(f"'{name}' is defined in ") or part.startswith(f"'{name}' is not the project's"):
            return _QUOTED.findall(part.split(" in ", 1)[1] if "defined in" in part else part.split("from ", 1)[1])
        if " are defined in " in part and f"'{name}'" in part.split(" are defined in ")[0]:
            return _QUOTED.findall(part.split(" are defined in ")[1])
        if "did you mean" in part and " in '" in part:  # renamed elsewhere: 'New' in 'module'
            return re.findall(r"' in '([^']+)'", part)
    return []


def score(case: Case, findings: list[dict[str, object]]) -> tuple[str, list[str]]:
    mine_ = [f for f in findings if f["module"] == case.old and f["name"] in (case.name, "")]
    mine_ = mine_ or [f for f in findings if f["module"] == case.old]
    if not mine_:
        return "no-finding", []
    homes = homes_named(mine_[0], case.name)
    if not homes:
        return "none", []
    return ("right" if homes[0] == case.new else "named" if case.new in homes else "other"), homes


def ours(root: str, module: str) -> bool:
    """Is `module` the project's own (its top-level package or module is in the tree)?"""
    top = module.split(".")[0]
    return any(os.path.exists(os.path.join(root, where, top + ext))
               for where in ("", "src", "lib") for ext in ("", ".py"))


def run(args: argparse.Namespace) -> int:
    os.makedirs(args.workdir, exist_ok=True)
    tally: Counter[str] = Counter()
    at_home: Counter[str] = Counter()  # the cases flagged whose new home is the project's own
    groups: dict[tuple[str, str, str], list[Case]] = {}
    for case in CASES:
        if args.repo and case.repo not in args.repo.split(","):
            continue
        groups.setdefault((case.repo, case.commit, case.path), []).append(case)
    for (repo, commit, path), cases in groups.items():
        mirror = mirror_of(args.mirrors, repo)
        root = rebuild(mirror, cases[0], args.workdir)
        proc = subprocess.run([args.importguard, "--no-cache", "--isolated", "--format", "json", path],
                              cwd=root, capture_output=True, text=True)
        try:
            findings = json.loads(proc.stdout)
        except json.JSONDecodeError:
            findings = None
        for case in cases:
            verdict, homes = score(case, findings) if findings is not None else ("error", [proc.stderr[-200:]])
            tally[verdict] += 1
            if verdict not in ("no-finding", "error") and ours(root, case.new):
                at_home[verdict] += 1
            if args.verbose or verdict != "right":
                print(f"{verdict:10} {repo} {commit[:10]} {path}: {case.name} {case.old} -> {case.new}; "
                      f"hint: {', '.join(homes) or '-'}")
        shutil.rmtree(root)
    total = sum(tally.values())
    kinds = ("right", "named", "other", "none", "no-finding", "error")
    print(f"{total} cases: " + ", ".join(f"{tally[k]} {k}" for k in kinds))
    flagged = sum(at_home.values())
    print(f"{flagged} flagged whose new home is the project's own: " + ", ".join(f"{at_home[k]} {k}" for k in kinds[:4])
          + f" ({100 * at_home['right'] / max(1, flagged):.0f}% right)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    run_ = sub.add_parser("run")
    run_.add_argument("--repo", default="", help="only these repositories' cases (owner/name,...)")
    mine_ = sub.add_parser("mine")
    mine_.add_argument("repo")
    mine_.add_argument("tops")
    for each in (parser, run_, mine_):
        each.add_argument("--mirrors", default="/work/.mirror")
        each.add_argument("--workdir", default="/tmp/importguard-homes")
        each.add_argument("--importguard", default=os.path.join(os.path.dirname(sys.executable), "importguard"))
        each.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "mine":
        for case in mine(mirror_of(args.mirrors, args.repo), set(args.tops.split(","))):
            print(case.commit, case.path, case.name, case.old, case.new)
        return 0
    if args.command is None:
        args = parser.parse_args(["run", *(argv if argv is not None else sys.argv[1:])])
    return run(args)


if __name__ == "__main__":
    raise SystemExit(main())
