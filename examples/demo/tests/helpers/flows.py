import unittest


class UserFlowTestBase(unittest.TestCase):
    """The shared base of the user-flow tests."""


def assert_successful_registration(response):
    assert response["status"] == "registered"
