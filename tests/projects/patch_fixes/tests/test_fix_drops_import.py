"""An attribute fix that leaves an imported module unused drops it from the import."""
from app.db import models_agent, postgres


def test_thread():
    assert postgres.Thread  # IMG103 "'Thread' is defined in 'app.db.models_agent'"
