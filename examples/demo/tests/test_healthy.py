from app.db.models_agent import Message, Thread
from app.models import Session
from tests.helpers.flows import UserFlowTestBase


class TestMessages(UserFlowTestBase):
    def test_message(self):
        message = Message(Thread("t"), "hi")
        self.assertEqual(message.text, "hi")
        self.assertEqual(Session(3).user_id, 3)
