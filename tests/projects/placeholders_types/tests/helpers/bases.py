import unittest


class UserFlowTestBase(unittest.TestCase):
    """The shared base of the user-flow tests."""


def db_fixture(**values):
    return dict(values)


def assert_plan(user, plan):
    assert user.plan == plan
