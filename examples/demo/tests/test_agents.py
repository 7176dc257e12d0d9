from app.models.agent import Agent, AgentRun


def test_run():
    assert AgentRun(Agent()).agent.name == "agent"
