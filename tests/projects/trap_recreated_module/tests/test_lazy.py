from unittest.mock import patch

import app
from app import Engine
from app import Nothing  # unknown
from app.logs import log, logger  # IMG102


def test_lazy():
    with patch("app.Engine.run"), patch("app.Engine"):
        assert app.Engine and Engine and log
    with patch("app.Nothing"):  # unknown
        pass
    with patch("app.logs.logger"):  # IMG401
        pass
