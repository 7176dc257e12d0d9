class Agent:
    name = "agent"


class AgentRun:
    def __init__(self, agent):
        self.agent = agent
