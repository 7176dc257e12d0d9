"""Where a broken name lives now: the hint scored against real fix commits of public projects.

Each case is a commit C of a public repository in which a test file's `from OLD import NAME`
became `from NEW import NAME` (or `NEW_NAME as NAME`) because the project's code had moved or
renamed it, and OLD no longer offers NAME at C (its file is gone or does not mention NAME). The
break is rebuilt exactly: the tree of C (`git archive`), with the test file as it was at C^.
`importguard --no-cache --isolated --format json FILE` is run on it, and its finding for NAME
is scored:

* right: the first home the hint names is NEW (the module of the import the fix commit wrote);
* named: NEW is among the homes named, but not first;
* other: the hint names homes, none of them NEW;
* none: no home (a near name, "defined nowhere");
* no-finding: the old import is not flagged (not a hint's failure: see the README).

A named or other case whose first home does offer NAME (a probe `from HOME import NAME` is
silent) is marked "(first offers it)": another working home, not a wrong one. The headline
counts the flagged cases whose NEW module is in the project's tree.

No third-party code is kept: the repositories are read at run time from bare git mirrors
(`--mirrors DIR/<owner>+<name>/repo`, as a snapshot of github:<owner>/<name> is stored) and
extracted under `--workdir`. `mine` lists the candidate cases of one mirror (how CASES was
built); `run` (the default) scores CASES.

    python bench/homes.py run [--mirrors /work/.mirror] [--workdir /tmp/importguard-homes] [--repo O/N,...] [-v]
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
CASES += _cases("Textualize/rich", """
f7236601c29f tests/test_block_bar.py BlockBar rich.bar rich.block_bar
d5c56bfea341 tests/test_tools.py ratio_divide rich._tools rich._ratio
e778af6aa2b0 tests/test_text.py RenderWidth rich._render_width rich.render_width
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
CASES += _cases("encode/uvicorn", """
eaf8b4d7a523 tests/middleware/test_message_logger.py TRACE_LOG_LEVEL uvicorn._logging uvicorn.logging
b48d32d183c2 tests/middleware/test_message_logger.py TRACE_LOG_LEVEL uvicorn.logging uvicorn._logging
61c46141b4be tests/protocols/test_http.py H11Protocol uvicorn.protocols.http.h11 uvicorn.protocols.http.h11_impl
61c46141b4be tests/protocols/test_http.py HttpToolsProtocol
    uvicorn.protocols.http.httptools uvicorn.protocols.http.httptools_impl
1f922a554934 tests/protocols/test_http.py H11Protocol uvicorn.protocols.http uvicorn.protocols.http.h11
1f922a554934 tests/protocols/test_http.py HttpToolsProtocol uvicorn.protocols.http uvicorn.protocols.http.httptools
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
CASES += _cases("pydantic/pydantic", """
bcd3c6bcae74 tests/test_json_schema.py InstanceOf pydantic.types pydantic
bcd3c6bcae74 tests/test_json_schema.py WithJsonSchema pydantic.types pydantic
bcd3c6bcae74 tests/test_types.py SkipValidation pydantic.types pydantic
88436b6e0532 tests/test_dataclasses.py MockValidator
    pydantic._internal._model_construction pydantic._internal._mock_validator
12562be897fa tests/test_annotated.py GetCoreSchemaHandler pydantic.annotated pydantic
""")
CASES += _cases("pytest-dev/pytest", """
03da9f0ccb88 testing/test_reports.py approx _pytest.python_api _pytest.approx
6c89f9261c6f testing/test_legacypath.py LEGACY_PATH _pytest.compat _pytest.legacypath
f4e3b4ad9827 testing/test_compat.py cached_property _pytest.compat functools
2831cb9ab5eb testing/test_paths.py fnmatch_ex _pytest.paths _pytest.pathlib
cc6eb9f83c9a testing/test_junitxml.py BaseReport _pytest.runner _pytest.reports
464117b4725b testing/test_config.py get_common_ancestor _pytest.config _pytest.config.findpaths
464117b4725b testing/test_config.py getcfg _pytest.config _pytest.config.findpaths
464117b4725b testing/test_parseopt.py config _pytest _pytest.config
afc607cfd814 testing/test_resultlog.py Node _pytest.main _pytest.nodes
ff35c17ecf61 _pytest/config.py HookimplMarker _pytest._pluggy pluggy
ff35c17ecf61 _pytest/config.py HookspecMarker _pytest._pluggy pluggy
ff35c17ecf61 _pytest/config.py PluginManager _pytest._pluggy pluggy
06a49338b2b1 _pytest/main.py exit _pytest.runner _pytest.outcomes
5ee7ee0850e7 _pytest/config.py PluginManager _pytest.core pluggy
5ee7ee0850e7 _pytest/config.py hookimpl_opts _pytest.core pluggy
5ee7ee0850e7 _pytest/config.py varnames _pytest.core pluggy
5ee7ee0850e7 _pytest/hookspec.py hookspec_opts _pytest.core pluggy
28c785a0d1af testing/test_helpconfig.py collectattr _pytest.helpconfig _pytest.core
491c05cea7d3 testing/test_assertrewrite.py rewrite_asserts _pytest.assertrewrite _pytest.assertion.rewrite
c7531705fcf2 _pytest/pytester.py Session _pytest.session _pytest.main
c7531705fcf2 testing/test_resultlog.py FSCollector _pytest.session _pytest.main
c7531705fcf2 testing/test_resultlog.py Item _pytest.session _pytest.main
c7531705fcf2 testing/test_resultlog.py Node _pytest.session _pytest.main
929291775e38 testing/plugin/test_capture.py CaptureManager pytest.plugin.capture _pytest.capture
929291775e38 testing/plugin/test_doctest.py DoctestModule pytest.plugin.doctest _pytest.doctest
929291775e38 testing/plugin/test_doctest.py DoctestTextfile pytest.plugin.doctest _pytest.doctest
929291775e38 testing/plugin/test_helpconfig.py collectattr pytest.plugin.helpconfig _pytest.helpconfig
929291775e38 testing/plugin/test_mark.py MarkGenerator pytest.plugin.mark _pytest.mark
929291775e38 testing/plugin/test_monkeypatch.py monkeypatch pytest.plugin.monkeypatch _pytest.monkeypatch
929291775e38 testing/plugin/test_pytester.py PluginManager pytest.main _pytest.core
929291775e38 testing/plugin/test_pytester.py HookRecorder pytest.plugin.pytester _pytest.pytester
2e4e9eb74576 testing/test_collection.py Collector pytest.collect pytest
2e4e9eb74576 testing/test_collection.py Item pytest.collect pytest
04c41cb672a2 testing/test_conftest.py Conftest pytest._core pytest.plugin.config
66314471617e testing/plugin/test__pytest.py Registry pytest.pluginmanager pytest._core
66314471617e testing/plugin/test_resultlog.py FSCollector pytest.collect pytest.plugin.session
66314471617e testing/plugin/test_resultlog.py Item pytest.collect pytest.plugin.session
66314471617e testing/plugin/test_resultlog.py Node pytest.collect pytest.plugin.session
66314471617e testing/test_conftest.py Conftest pytest._config pytest._core
66314471617e testing/test_pluginmanager.py MultiCall pytest.pluginmanager pytest._core
eee0e1433411 testing/plugin/test_pytest__pytest.py HookRecorder pytest.plugin.pytest__pytest pytest.plugin._pytest
eee0e1433411 testing/test_collection.py Collection pytest.plugin.pytest_session pytest.plugin.session
eee0e1433411 testing/test_collection.py gettopdir pytest.plugin.pytest_session pytest.plugin.session
32fce348259f testing/test_conftest.py Conftest pytest.config pytest._config
51bb0f53c546 testing/test_collection.py gettopdir pytest.session pytest.plugin.pytest_session
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
CASES += _cases("python-poetry/poetry", """
32012b584203 tests/console/commands/self/test_show_plugins.py metadata poetry.utils._compat importlib
73f41951fdcd tests/conftest.py Python poetry.utils.env.python_manager poetry.utils.env.python
73f41951fdcd tests/utils/env/test_env_manager.py InvalidCurrentPythonVersionError
    poetry.utils.env poetry.utils.env.python.exceptions
73f41951fdcd tests/utils/env/test_env_manager.py NoCompatiblePythonVersionFoundError
    poetry.utils.env poetry.utils.env.python.exceptions
73f41951fdcd tests/utils/env/test_env_manager.py PythonVersionNotFoundError
    poetry.utils.env poetry.utils.env.python.exceptions
c89e994eead3 tests/console/commands/env/test_list.py TOMLFile poetry.core.toml.file poetry.toml.file
c89e994eead3 tests/console/commands/test_check.py TOMLFile poetry.core.toml poetry.toml
c89e994eead3 tests/integration/test_utils_vcs_git.py PyProjectTOML poetry.core.pyproject.toml poetry.pyproject.toml
8558f0cb94c1 tests/installation/test_executor.py RepositoryPool
    poetry.repositories.pool poetry.repositories.repository_pool
94a5ce4070df tests/repositories/test_repository.py Version poetry.core.semver.version poetry.core.constraints.version
6ae4855d7ca8 tests/repositories/test_repository.py Version poetry.core.constraints.version poetry.core.semver.version
1215ba8f339a tests/console/commands/env/helpers.py Version poetry.core.semver.version poetry.core.constraints.version
1215ba8f339a tests/test_factory.py parse_constraint poetry.core.semver.helpers poetry.core.constraints.version
ff8ae3274050 tests/console/commands/test_init.py canonicalize_name poetry.utils.helpers packaging.utils
a5ab9cebfb8d tests/mixology/helpers.py ProjectPackage
    poetry.packages.project_package poetry.core.packages.project_package
affabe04c8cd tests/console/commands/test_new.py Path poetry.utils._compat pathlib
68f446769b70 tests/console/commands/env/helpers.py Version poetry.core.semver poetry.core.semver.version
68f446769b70 tests/console/commands/test_config.py PyProjectException
    poetry.core.pyproject poetry.core.pyproject.exceptions
68f446769b70 tests/helpers.py Dependency poetry.core.packages poetry.core.packages.dependency
68f446769b70 tests/helpers.py Link poetry.core.packages poetry.core.packages.utils.link
68f446769b70 tests/helpers.py Package poetry.core.packages poetry.core.packages.package
68f446769b70 tests/installation/test_installer.py ProjectPackage
    poetry.core.packages poetry.core.packages.project_package
a8d02ef59f60 tests/console/commands/test_version.py VersionCommand
    poetry.console.commands poetry.console.commands.version
a8d02ef59f60 tests/console/conftest.py NullIO poetry.io.null_io cleo.io.null_io
a8d02ef59f60 tests/helpers.py Application poetry.console poetry.console.application
bf30ca696aa4 tests/conftest.py Path poetry.utils._compat pathlib
bf30ca696aa4 tests/inspection/test_info.py CalledProcessError poetry.utils._compat subprocess
bf30ca696aa4 tests/repositories/test_installed_repository.py zipp poetry.utils._compat tests.compat
8491b74d4b93 tests/utils/test_helpers.py parse_requires poetry.utils.helpers poetry.core.utils.helpers
3b30d2a16a54 tests/console/commands/env/test_use.py Version poetry.semver poetry.core.semver
3b30d2a16a54 tests/helpers.py Dependency poetry.packages poetry.core.packages
3b30d2a16a54 tests/helpers.py Package poetry.packages poetry.core.packages
3b30d2a16a54 tests/helpers.py ParsedUrl poetry.vcs.git poetry.core.vcs.git
3b30d2a16a54 tests/installation/test_installer.py ProjectPackage poetry.packages poetry.core.packages
3b30d2a16a54 tests/installation/test_pip_installer.py Package poetry.packages.package poetry.core.packages.package
3b30d2a16a54 tests/mixology/version_solver/conftest.py ProjectPackage
    poetry.packages.project_package poetry.core.packages.project_package
3b30d2a16a54 tests/puzzle/test_provider.py DirectoryDependency
    poetry.packages.directory_dependency poetry.core.packages.directory_dependency
01fddda57b2b tests/conftest.py Config poetry.config poetry.config.config
2ff796ed4914 tests/installation/test_installer.py NullIO poetry.io clikit.io
1b92e35c494d tests/version/test_helpers.py parse_constraint poetry.semver.semver poetry.semver
f32cf660f904 tests/masonry/builders/test_complete.py Poetry poetry poetry.poetry
""")
CASES += _cases("scrapy/scrapy", """
35dafef7f106 tests/test_utils_asyncio.py is_asyncio_reactor_installed scrapy.utils.asyncio scrapy.utils.reactor
""")
CASES += _cases("sphinx-doc/sphinx", """
4ba30e2835fc tests/test_ext_autodoc/test_ext_autodoc.py Documenter
    sphinx.ext.autodoc._documenters sphinx.ext.autodoc._legacy_class_based._documenters
01701485db5e tests/test_ext_autodoc/test_ext_autodoc.py _get_docstring_lines
    sphinx.ext.autodoc._docstrings sphinx.ext.autodoc._dynamic._docstrings
01701485db5e tests/test_ext_autodoc/test_ext_autodoc_automodule.py _MockObject
    sphinx.ext.autodoc.mock sphinx.ext.autodoc._dynamic._mock
01701485db5e tests/test_ext_autodoc/test_ext_autodoc_importer.py _import_module
    sphinx.ext.autodoc._importer sphinx.ext.autodoc._dynamic._importer
01701485db5e tests/test_ext_autodoc/test_ext_autodoc_mock.py _MockModule
    sphinx.ext.autodoc.mock sphinx.ext.autodoc._dynamic._mock
01701485db5e tests/test_ext_autodoc/test_ext_autodoc_mock.py ismock
    sphinx.ext.autodoc.mock sphinx.ext.autodoc._dynamic._mock
01701485db5e tests/test_ext_autodoc/test_ext_autodoc_mock.py mock
    sphinx.ext.autodoc.mock sphinx.ext.autodoc._dynamic._mock
01701485db5e tests/test_ext_autodoc/test_ext_autodoc_mock.py undecorate
    sphinx.ext.autodoc.mock sphinx.ext.autodoc._dynamic._mock
01701485db5e tests/test_ext_autodoc/test_ext_autodoc_signatures.py _format_signatures
    sphinx.ext.autodoc._signatures sphinx.ext.autodoc._dynamic._signatures
f7b98a03c631 tests/test_ext_autodoc/autodoc_util.py _load_object_by_name
    sphinx.ext.autodoc.importer sphinx.ext.autodoc._loader
465b758a35f6 tests/test_ext_autodoc/test_ext_autodoc.py _AutodocAttrGetter
    sphinx.ext.autodoc._documenters sphinx.ext.autodoc.directive
2bd70193b790 tests/test_extensions/test_ext_apidoc.py main sphinx.ext.apidoc sphinx.ext.apidoc._cli
49726c28f4e5 tests/test_extensions/test_ext_intersphinx.py _get_safe_url
    sphinx.ext.intersphinx sphinx.ext.intersphinx._load
49726c28f4e5 tests/test_extensions/test_ext_intersphinx.py _strip_basic_auth
    sphinx.ext.intersphinx sphinx.ext.intersphinx._load
e9dcfebcf9f3 tests/test_domains/test_domain_py.py _pseudo_parse_arglist
    sphinx.domains.python sphinx.domains.python._annotations
e9dcfebcf9f3 tests/test_domains/test_domain_py.py py_sig_re sphinx.domains.python sphinx.domains.python._object
4f962bf8e036 tests/test_domains/test_domain_c.py _id_prefix sphinx.domains.c sphinx.domains.c._ids
7d30821e871a tests/test_domains/test_domain_cpp.py _id_prefix sphinx.domains.cpp sphinx.domains.cpp._ids
3d8cb12497df tests/test_application.py ExtensionError sphinx.application sphinx.errors
1f5ed0222520 tests/test_quickstart.py quickstart sphinx sphinx.cmd
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
    homes = next((found for f in mine_ for found in [homes_named(f, case.name)] if found), [])
    if not homes:
        return "none", []
    return ("right" if homes[0] == case.new else "named" if case.new in homes else "other"), homes


def ours(root: str, module: str) -> bool:
    """Is `module` the project's own: its file or package in the tree (not a dependency's part of a
    shared namespace, `poetry.core` beside `poetry`)?"""
    stem = module.replace(".", os.sep)
    return any(os.path.exists(os.path.join(root, where, stem + ext))
               for where in ("", "src", "lib") for ext in (".py", os.sep + "__init__.py", ".pyi"))


def offers(args: argparse.Namespace, root: str, test_path: str, module: str, name: str) -> bool:
    """Does `from module import name` work in the tree, as importguard judges it? A probe test file
    beside the one checked: silence means it does."""
    probe = os.path.join(os.path.dirname(test_path), "test_homes_probe.py")
    with open(os.path.join(root, probe), "w", encoding="utf-8") as file:
        file.write(f"from {module} import {name}\n")
    proc = subprocess.run([args.importguard, "--no-cache", "--isolated", "--format", "json", probe],
                          cwd=root, capture_output=True, text=True)
    os.remove(os.path.join(root, probe))
    return proc.returncode == 0 and json.loads(proc.stdout or "[]") == []


def run(args: argparse.Namespace) -> int:
    os.makedirs(args.workdir, exist_ok=True)
    tally: Counter[str] = Counter()
    at_home: Counter[str] = Counter()  # the cases flagged whose new home is the project's own
    wrong = 0  # of those, the ones whose first home does not offer the name
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
            if verdict in ("named", "other") and offers(args, root, path, homes[0], case.name):
                verdict += " (first offers it)"
            tally[verdict.split()[0]] += 1
            if verdict not in ("no-finding", "error") and ours(root, case.new):
                at_home[verdict.split()[0]] += 1
                wrong += verdict in ("named", "other")
            if args.verbose or verdict != "right":
                print(f"{verdict:28} {repo} {commit[:10]} {path}: {case.name} {case.old} -> {case.new}; "
                      f"hint: {', '.join(homes) or '-'}")
        shutil.rmtree(root)
    total = sum(tally.values())
    kinds = ("right", "named", "other", "none", "no-finding", "error")
    print(f"{total} cases: " + ", ".join(f"{tally[k]} {k}" for k in kinds))
    flagged = sum(at_home.values())
    print(f"{flagged} flagged whose new home is the project's own: " + ", ".join(f"{at_home[k]} {k}" for k in kinds[:4])
          + f" ({100 * at_home['right'] / max(1, flagged):.0f}% right; a first home that does not offer the name:"
          f" {wrong})")
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
