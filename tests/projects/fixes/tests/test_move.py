"""Moved to another module: the fixer imports it from where it lives now."""
from app.models import Thread  # IMG102 "'Thread' is defined in 'app.db.models_agent'"
from app.models import (  # IMG102
    User,
    Message,  # the message model
)
from app.models.user import Session  # IMG102 "'Session' is defined in 'app.models'"
from .helpers.flows import UserFlowTestBase


class TestThreads(UserFlowTestBase):
    def test_title(self):
        self.assertEqual(Thread("t").title, "t")
        self.assertIsInstance(Message(), Message)
        self.assertIsInstance(User(), User)
        self.assertEqual(Session(3).user_id, 3)
