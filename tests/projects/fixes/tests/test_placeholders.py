"""Placeholders that hide code which exists all along."""
import unittest
from unittest.mock import Mock, patch

Thread = Mock  # the model "does not exist"  # IMG201
UserFlowTestBase = unittest.TestCase  # IMG203
try:
    from app.models.agent import Agent  # IMG101 IMG204
except ImportError:
    Agent = Mock


class TestFlows(UserFlowTestBase):
    @patch("app.db.models_agent.Message")
    def test_thread(self, message):
        self.assertEqual(Thread("t").title, "t")
        self.assertEqual(Agent().name, "agent")
