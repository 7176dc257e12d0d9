from app import notifier  # IMG102 "'notifier' is defined in 'app.plugins'"
from app.plugins import notifier as plugin_notifier
from app.legacy import filter_for_env  # IMG102 "'filter_for_env' is defined in 'app.config.factor'"
from app.legacy import Body  # IMG102 "'Body' is defined in 'app.api'"
from app.legacy import Router  # IMG102 "'Router' is defined in 'app.api'"
from app.legacy import render  # IMG102 "'render' is defined in 'app.views'"
from app.config import load
from app.config import filter_for_env as used_by_config


def test_homes():
    assert notifier and plugin_notifier and filter_for_env and Body and Router and render and load
    assert used_by_config
