"""Rules are small registered functions, one file per code family:

    @rule(ast.ImportFrom, codes=("IMG101", "IMG102"))
    def missing_from(ctx: Context, node: ast.ImportFrom) -> Iterator[Finding]: ...

A rule declares the codes it can yield; a rule none of whose codes is selected is not run.
A family registers its rules with the registry (lint/registry.py) when it is imported, and it is
imported on the first check that needs it (load): an editor's save of a file that is not a test
imports no family that only reads tests.
"""


def load(test_file: bool) -> None:
    """Import (and so register) the families a check of a test file, or of another file, runs."""
    from flake8_importguard.lint.rules import stubs  # noqa: F401  (IMG301: stubs live in app code, every file)

    if test_file:
        from flake8_importguard.lint.rules import (  # noqa: F401  (register)
            attributes, chains, imports, names, optional, patches, placeholders,
        )
