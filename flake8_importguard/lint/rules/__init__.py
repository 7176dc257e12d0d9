"""Rules are small registered functions, one file per code family:

    @rule(ast.ImportFrom, codes=("IMG101", "IMG102"))
    def missing_from(ctx: Context, node: ast.ImportFrom) -> Iterator[Finding]: ...

A rule declares the codes it can yield; a rule none of whose codes is selected is not run.
Importing this package registers every family with the registry (lint/registry.py).
"""
from flake8_importguard.lint.rules import (  # noqa: F401  (register)
    attributes, chains, imports, optional, patches, placeholders, stubs,
)
