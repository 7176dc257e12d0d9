from app.legacy.agents import Agent
