class Agent:
    name = "agent"
