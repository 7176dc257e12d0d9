"""A whole module is gone and every name it gave now lives in one module: the statement moves."""
from app.models.agent import Agent, AgentRun  # IMG101 "'Agent' and 'AgentRun' are defined in 'app.agents.runs'"
from .helpers.flow import UserFlowTestBase as Base  # IMG101


class TestRun(Base):
    def test_run(self):
        self.assertEqual(AgentRun(Agent()).agent.name, "agent")
