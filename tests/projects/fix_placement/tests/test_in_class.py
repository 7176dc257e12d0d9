"""A placeholder in a class body is replaced where it stands."""
from unittest.mock import Mock


class TestIt:
    Thread = Mock  # IMG201

    def test_thread(self):
        assert self.Thread
