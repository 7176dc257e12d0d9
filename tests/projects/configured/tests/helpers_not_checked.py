# Not a test file here: setup.cfg's test patterns (checks/, test_*.py) win over pyproject.toml's (tests/).
from app.models import Gone
