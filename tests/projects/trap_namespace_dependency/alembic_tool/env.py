"""Migrations beside the project, as mealie keeps them in `alembic/`: no `__init__.py` here, so
the `alembic_tool` the project requires (a regular package, once installed) wins over this
directory wherever it stands on sys.path."""
from alembic_tool import command

command.upgrade("head")
