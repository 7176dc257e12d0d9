from tests.own.helpers import PluginCase  # IMG105 "tests/own/helpers.py:4 reads 'PluginBase'"


def test_case():
    assert PluginCase
