"""The flake8 adapter: flake8 hands over a parsed file, the core returns findings."""
from __future__ import annotations

import ast
from typing import Any, Iterator

from flake8_importguard import __version__
from flake8_importguard.cache import flush_at_exit
from flake8_importguard.checker import check_tree
from flake8_importguard.codes import render
from flake8_importguard.config import Settings, register_flake8, settings_from
from flake8_importguard.parallel import prebuild_for_flake8


class Plugin:
    name = "flake8-importguard"
    version = __version__
    settings = Settings()

    def __init__(self, tree: ast.Module, filename: str) -> None:
        self.tree = tree
        self.filename = filename

    @classmethod
    def add_options(cls, option_manager: Any) -> None:
        register_flake8(option_manager)

    @classmethod
    def parse_options(cls, options: Any) -> None:
        cls.settings = settings_from(options)
        prebuild_for_flake8(options, cls.settings)  # a cold `flake8 -j` builds the index once

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        if self.filename in ("stdin", "-", None):
            return  # no display name: the file's place in the project is unknown
        flush_at_exit()  # flake8 has no end-of-run hook: the index cache is written at exit
        for finding in check_tree(self.tree, self.filename, self.settings):
            yield finding.line, finding.col, render(finding), type(self)
