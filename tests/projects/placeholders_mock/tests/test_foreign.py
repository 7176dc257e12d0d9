"""Names that stand for third-party or standard-library code are never first-party placeholders."""
from threading import Thread
from unittest.mock import MagicMock, Mock

try:
    from not_installed_redis_client import Redis  # unknown: third-party, not installed here
except ImportError:
    Redis = MagicMock()

try:
    import not_installed_yaml_lib as yaml  # unknown: third-party, not installed here
except ImportError:
    yaml = Mock()

Thread = Mock
