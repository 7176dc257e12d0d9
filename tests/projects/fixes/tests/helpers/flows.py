import unittest


class UserFlowTestBase(unittest.TestCase):
    """The shared base of the user-flow tests."""
