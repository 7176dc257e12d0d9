# Type checkers' test data (numpy's tests/data/reveal/*.pyi): pytest never imports a stub, so what
# it names is no import that can fail, even a name no module of the project binds at runtime.
from typing import assert_type

import app.models
from app.models import OnlyInStubs

assert_type(app.models.OnlyInStubs, type)
