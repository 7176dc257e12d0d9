"""A test file 'fixed' by hiding what it could not import (the placeholders PRODUCT.md describes)."""
import unittest
from unittest.mock import Mock

Thread = Mock
UserPlan = type("UserPlan", (), {"FREE": "free"})
UserFlowTestBase = unittest.TestCase
assert_successful_registration = Mock
try:
    from app.storage.clickhouse import ClickHouseManager
except ImportError:
    ClickHouseManager = Mock


class TestRegistration(UserFlowTestBase):
    def test_free_plan(self):
        thread = Thread("welcome")
        assert_successful_registration({"status": "registered", "plan": UserPlan.FREE})
        self.assertIsNotNone(thread)
        self.assertIsNotNone(ClickHouseManager())
