"""Bad input never hurts: each case gives a clear message (or, for a source module that cannot
be read, silence about the names it would have defined), never a traceback, a hang or a changed
file. Everything runs through the real front ends: flake8 with the plugin, and importguard.

Tests run as root here, and root reads every file whatever its mode: the permission cases run
the front ends as an unprivileged user (setpriv), and are skipped, with the reason, only where
that is impossible.
"""
from __future__ import annotations

import os
import pwd
import shutil
import sys
import tempfile
from collections import Counter

import pytest

from expectations import expected_in
from flake8_importguard.base.files import RealPaths
from support import assert_no_crash, without_summary

CFG = {"setup.cfg": "[flake8]\nselect = IMG,E9\n", "app/__init__.py": "", "app/m.py": "X = 1\n"}
BROKEN = b"from app.m import Y\n"  # every bad test file carries it: IMG102 wherever the file is read
TEST = "tests/test_bad.py"


@pytest.fixture(scope="session")
def importguard(run_importguard):
    """importguard(cwd, *args, **options): the `importguard` console script; its stderr without the
    one-line summary (test_output.py checks that line), so that a message stands alone."""
    def importguard(cwd, *args: str, **options):
        proc = run_importguard(cwd, *args, script=True, **options)
        proc.stderr = without_summary(proc.stderr)
        return proc
    return importguard


@pytest.fixture(scope="session")
def both(run_flake8, importguard, snapshot):
    """both(root, *paths, stdin=None, **options) -> [flake8 run, importguard run]: the console
    scripts over the same paths (flake8 with one job); neither may crash or change a file."""
    def both(root: str, *paths: str, stdin: bytes | None = None, **options):
        before = snapshot(root)
        runs = [run_flake8(root, "--jobs", "1", *paths, script=True, stdin=stdin, **options),
                importguard(root, *paths, stdin=stdin, **options)]
        for proc in runs:
            assert_no_crash(proc)
        assert snapshot(root) == before
        return runs
    return both


def findings(proc, rel: str) -> Counter:
    """(line, code) of every finding reported for the file `rel`."""
    found: Counter = Counter()
    for line in proc.stdout.splitlines():
        path, _, rest = line.partition(":")
        if os.path.normpath(path) == os.path.normpath(rel):
            lineno, _, rest = rest.partition(":")
            found[(int(lineno), rest.partition(": ")[2].split()[0])] += 1
    return found


# -- test files that are odd or broken --------------------------------------------------------
CASES = {
    # name: (content, what flake8 says, what importguard says); a (line, code) means that finding
    "syntax error": (BROKEN + b"def f(:\n", (2, "E999"), "2: cannot parse: SyntaxError: invalid syntax"),
    "NUL byte": (BROKEN + b"\x00\n", (1, "E999"), "cannot parse: SyntaxError: source code"),
    "undecodable bytes": (BROKEN + b"x = '\xff\xfe'\n", (1, "IMG102"), "2: cannot parse: SyntaxError: (unicode error)"),
    "unknown coding cookie": (b"# coding: no-such-codec\n" + BROKEN, (2, "IMG102"),
                              "1: cannot parse: SyntaxError: unknown encoding: no-such-codec"),
    "latin-1 coding cookie": (b"# -*- coding: latin-1 -*-\n" + BROKEN + b"name = '\xe9'\n",
                              (2, "IMG102"), (2, "IMG102")),
    "byte order mark": (b"\xef\xbb\xbf" + BROKEN, (1, "IMG102"), (1, "IMG102")),
    "CRLF line ends": (b"from app.m import X\r\n" + BROKEN.replace(b"\n", b"\r\n"), (2, "IMG102"), (2, "IMG102")),
    "CR line ends": (b"from app.m import X\r" + BROKEN.replace(b"\n", b"\r"), (2, "IMG102"), (2, "IMG102")),
    "empty file": (b"", None, None),
    "only a comment, no newline": (b"# nothing", None, None),
    "50,000 lines": (b"x = 1\n" * 49_999 + BROKEN, (50_000, "IMG102"), (50_000, "IMG102")),
    "150 nested parentheses": (BROKEN + b"x = " + b"(" * 150 + b"1" + b")" * 150 + b"\n", (1, "IMG102"), (1, "IMG102")),
    "300-term expression": (BROKEN + b"x = " + b" + ".join([b"1"] * 300) + b"\n", (1, "IMG102"), (1, "IMG102")),
    "90 nested functions": (b"".join(b"    " * i + b"def f%d():\n" % i for i in range(90)) + b"    " * 90
                            + BROKEN, (91, "IMG102"), (91, "IMG102")),
}
# flake8 itself raises UnicodeDecodeError reading such bytes from stdin, before any plugin runs
FLAKE8_CANNOT_READ_STDIN = {"undecodable bytes"}
SLOW = {"50,000 lines"}  # flake8 and importguard, on the file and on stdin: some 25 s


@pytest.mark.parametrize("case", [pytest.param(case, marks=pytest.mark.slow) if case in SLOW else case
                                  for case in sorted(CASES)])
def test_odd_test_file(tmp_path, case, write_tree, both, importguard):
    content, by_flake8, by_importguard = CASES[case]
    root = write_tree(str(tmp_path), {**CFG, TEST: content})
    runs = [both(root, TEST)]
    if case not in FLAKE8_CANNOT_READ_STDIN:
        runs.append(both(root, "--stdin-display-name", TEST, "-", stdin=content))
    else:
        runs.append((None, importguard(root, "--stdin-display-name", TEST, "-", stdin=content)))
    for (flake8_run, importguard_run) in runs:
        for proc, expected in ((flake8_run, by_flake8), (importguard_run, by_importguard)):
            if proc is None:
                continue
            assert_no_crash(proc)
            if expected is None:
                assert (proc.stdout, proc.stderr, proc.returncode) == ("", "", 0)
            elif isinstance(expected, tuple):
                assert findings(proc, TEST) == Counter([expected]), proc.stdout + proc.stderr
            else:  # importguard's message for a file it cannot parse: on stderr, with the path
                assert proc.stdout == "" and proc.returncode == 1
                assert proc.stderr.startswith(f"{TEST}:") and expected in proc.stderr, proc.stderr


def test_nesting_beyond_what_python_parses(tmp_path, write_tree, importguard):
    """Python's own parser gives up (flake8 itself then crashes before any plugin runs):
    importguard says so plainly."""
    content = BROKEN + b"x = " + b"+".join([b"1"] * 100_000) + b"\n"
    root = write_tree(str(tmp_path), {**CFG, TEST: content})
    proc = importguard(root, TEST)
    assert_no_crash(proc)
    assert proc.returncode == 1 and proc.stderr.strip() == f"{TEST}: too deeply nested to check"


# -- source modules that are odd or broken ----------------------------------------------------
SOURCES: dict[str, str | bytes] = {
    "app/syntax.py": "X = 1\ndef f(:\n",
    "app/nul.py": b"X = 1\n\x00\n",
    "app/undecodable.py": b"X = '\xff'\n",
    "app/bom.py": b"\xef\xbb\xbfX = 1\n",
    "app/crlf.py": b"X = 1\r\nZ = 2\r\n",
    "app/empty.py": "",
    "app/huge.py": "x = 1\n" * 49_999 + "LAST = 1\n",
    "app/deep.py": "X = " + "+".join(["1"] * 100_000) + "\n",
    "app/deep_all.py": "__all__ = " + " + ".join(f"[{i!r}]" for i in range(900)) + "\nX = 1\n",
    "app/uses_deep_all.py": "from app.deep_all import *\n",
    "app/cycle_a.py": "import app.cycle_b\nfrom app import cycle_b\nA = 1\n",
    "app/cycle_b.py": "import app.cycle_a\nfrom app import cycle_a\nB = 1\n",
    "app/star_a.py": "from app.star_b import *\nSA = 1\n",
    "app/star_b.py": "from app.star_a import *\nSB = 1\n",
    "app/star_self.py": "from app.star_self import *\nSS = 1\n",
}
SOURCE_TEST = """\
from app.syntax import X, Anything
from app.nul import X, Anything
from app.undecodable import X, Anything
import app.syntax.sub
from app.bom import X
from app.bom import Y  # IMG102
from app.crlf import X, Z
from app.crlf import Y  # IMG102
from app.empty import X  # IMG102
from app.huge import LAST
from app.huge import FIRST  # IMG102
from app.deep import X, Anything
from app.deep_all import X
from app.uses_deep_all import Anything
from app.cycle_a import A, cycle_b
from app.cycle_b import B, cycle_a
from app.cycle_a import B  # IMG102
from app.star_a import SA, SB
from app.star_b import SA, SB
from app.star_a import SC  # IMG102
from app.star_self import SS
from app.star_self import ST  # IMG102
"""


def test_odd_source_modules(tmp_path, write_tree, both):
    """What can be read is judged; a module that cannot be read is silent about its names."""
    root = write_tree(str(tmp_path), {**CFG, **SOURCES, "tests/test_sources.py": SOURCE_TEST})
    expected = expected_in(os.path.join(root, "tests/test_sources.py")).codes
    for proc in both(root, "tests"):
        assert findings(proc, "tests/test_sources.py") == expected, proc.stdout + proc.stderr
        assert proc.stderr == ""


def test_star_import_lattice_is_not_exponential(tmp_path, write_tree, both):
    """Forty modules, each star-importing every one before it: 2**39 paths to a name, one answer."""
    files = dict(CFG)
    for i in range(40):
        files[f"app/m{i}.py"] = "".join(f"from app.m{j} import *\n" for j in range(i)) + f"v{i} = {i}\n"
    files["tests/test_lattice.py"] = "from app.m39 import v0, v39\nfrom app.m39 import nowhere\n"
    for proc in both(write_tree(str(tmp_path), files), "tests", timeout=120):
        assert findings(proc, "tests/test_lattice.py") == Counter([(2, "IMG102")]), proc.stdout


# -- the file system: links, odd names ----------------------------------------------------------
def test_symlink_loops_and_dangling_links(tmp_path, write_tree, both):
    root = write_tree(str(tmp_path), {**CFG, "tests/test_links.py": (
        "import app.here.here.m\n"
        "from app.here.m import X\n"
        "from app.here.m import Nope  # IMG102\n"
        "import app.dangling\n"
        "from app.dangling import anything\n"
        "import app.self_loop  # IMG101\n"
    )})
    os.symlink(".", os.path.join(root, "app", "here"))  # app/here/here/... is app again
    os.symlink("self_loop", os.path.join(root, "app", "self_loop"))  # ELOOP
    os.symlink("missing.py", os.path.join(root, "app", "dangling.py"))
    os.symlink("..", os.path.join(root, "tests", "up"))  # a walk that followed links would not end
    expected = expected_in(os.path.join(root, "tests/test_links.py")).codes
    for proc in both(root, "tests", timeout=120):
        assert findings(proc, "tests/test_links.py") == expected, proc.stdout + proc.stderr


def test_real_paths_are_those_realpath_gives(tmp_path, write_tree, monkeypatch):
    """files.RealPaths resolves each directory once; through links, `..` and missing files it
    gives what os.path.realpath gives (the conftests a run adds are told from the files named by it)."""
    root = write_tree(str(tmp_path / "real"), {"pkg/sub/m.py": "", "other/n.py": ""})
    os.symlink("pkg", os.path.join(root, "linked"))  # a directory reached through a link
    os.symlink(os.path.join("..", "other", "n.py"), os.path.join(root, "pkg", "n.py"))  # a file that is one
    os.symlink(os.path.join("pkg", "sub"), os.path.join(root, "deep"))  # `deep/..` is pkg, not the root
    os.symlink("nowhere.py", os.path.join(root, "pkg", "dangling.py"))
    monkeypatch.chdir(root)
    paths = ["pkg/sub/m.py", "linked/sub/m.py", "pkg/n.py", "linked/n.py", "deep/../sub/m.py",
             "pkg/dangling.py", "pkg/missing.py", "missing/x.py", os.path.join(root, "linked", "sub", "m.py")]
    real = RealPaths()
    assert [real(path) for path in paths] == [os.path.realpath(path) for path in paths]
    assert real("linked/n.py") == os.path.join(os.path.realpath(root), "other", "n.py")


def test_spaces_and_non_ascii_names(tmp_path, write_tree, both):
    root = str(tmp_path / "my project ü")
    write_tree(root, {**CFG, "app/café.py": "Crème = 1\n", "app/données/__init__.py": "Résumé = 1\n",
                      "tests/test_ünïcode.py": ("from app.café import Crème\n"
                                                "from app.café import Brûlée  # IMG102\n"
                                                "from app.données import Résumé\n"
                                                "import app.données.réglages  # IMG101\n"),
                      "tests/test with space.py": "from app.m import X\nfrom app.m import Nope  # IMG102\n"})
    for proc in both(root, "tests"):
        for rel in ("tests/test_ünïcode.py", "tests/test with space.py"):
            assert findings(proc, rel) == expected_in(os.path.join(root, rel)).codes, proc.stdout + proc.stderr


# -- permissions (as an unprivileged user: root reads everything) --------------------------------
NOBODY = "nobody"


@pytest.fixture(scope="session")
def user(run_command) -> str:
    """The user that file permissions apply to: root reads everything, so drop to nobody ('' when
    the tests do not run as root). Skips, with the reason, where that is impossible."""
    if os.geteuid() != 0:
        if not os.access("/", os.R_OK):
            pytest.skip("cannot read /")
        return ""
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is not installed: cannot drop root to test unreadable files")
    try:
        pwd.getpwnam(NOBODY)
    except KeyError:
        pytest.skip(f"there is no user {NOBODY!r}")
    probe = run_command([sys.executable, "-c", "import flake8_importguard, flake8"], "/", user=NOBODY)
    if probe.returncode != 0:
        pytest.skip(f"the plugin cannot be imported as {NOBODY}: {probe.stderr.strip()[-200:]}")
    return NOBODY


@pytest.fixture
def shared_root():
    """A temporary directory that an unprivileged user can enter (pytest's tmp_path cannot be:
    /tmp/pytest-of-root is private). Permissions are restored before removal."""
    path = tempfile.mkdtemp(prefix="importguard-perm-")
    os.chmod(path, 0o755)
    yield path
    for dirpath, dirnames, _ in os.walk(path):
        for name in dirnames:
            full = os.path.join(dirpath, name)
            if not os.path.islink(full):
                os.chmod(full, 0o755)
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.process
def test_unreadable_files_and_directories(user, shared_root, write_tree, both):
    root = write_tree(shared_root, {
        **CFG, "app/secret.py": "X = 1\n", "app/locked/__init__.py": "X = 1\n",
        "app/ns_locked/m.py": "X = 1\n", "tests/test_locked_out.py": BROKEN,
        "tests/test_perm.py": ("from app.secret import X, Anything\n"
                               "import app.secret.sub\n"
                               "from app.locked import X, Anything\n"
                               "import app.locked.sub\n"
                               "from app.ns_locked import m, Anything\n"
                               "import app.ns_locked.gone\n"
                               "from app import gone  # IMG102\n"),
    })
    for rel in ("app/secret.py", "app/locked", "app/ns_locked", "tests/test_locked_out.py"):
        os.chmod(os.path.join(root, rel), 0)
    flake8_run, importguard_run = both(root, "tests", user=user)
    for proc in (flake8_run, importguard_run):
        assert findings(proc, "tests/test_perm.py") == Counter([(7, "IMG102")]), proc.stdout + proc.stderr
    assert findings(flake8_run, "tests/test_locked_out.py") == Counter([(0, "E902")]), flake8_run.stdout
    assert importguard_run.stderr == "tests/test_locked_out.py: cannot read: Permission denied\n"


@pytest.mark.process
def test_unreadable_directories_of_tests_are_reported(user, shared_root, write_tree, importguard):
    root = write_tree(shared_root, {**CFG, "tests/private/test_hidden.py": BROKEN, "tests/test_seen.py": BROKEN})
    os.chmod(os.path.join(root, "tests/private"), 0)
    proc = importguard(root, "tests", user=user)
    assert_no_crash(proc)
    assert findings(proc, "tests/test_seen.py") == Counter([(1, "IMG102")])
    assert proc.stderr == "tests/private: cannot read: Permission denied\n"


@pytest.mark.process
def test_project_root_that_cannot_be_listed(user, shared_root, write_tree, both, importguard):
    """The root may be entered but not listed: nothing of the project can be found, so nothing is
    judged; a directory argument that cannot be listed is reported."""
    root = write_tree(shared_root, {**CFG, TEST: BROKEN})
    os.chmod(root, 0o311)
    try:
        flake8_run, importguard_run = both(root, TEST, user=user)
        assert (flake8_run.stdout, importguard_run.stdout) == ("", "")
        listing = importguard(root, ".", user=user)
        assert_no_crash(listing)
        assert listing.returncode == 1 and listing.stderr == ".: cannot read: Permission denied\n"
    finally:
        os.chmod(root, 0o755)
