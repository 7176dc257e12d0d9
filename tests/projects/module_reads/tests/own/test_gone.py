import unittest


@register  # IMG107 "'register' is read as pytest imports the file, which does not bind it (NameError); 'register' is defined in 'shop.registry'"
class TestPlugin(unittest.TestCase):
    def test_registered(self):
        assert True
