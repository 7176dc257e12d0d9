from langchain_core.messages import BaseMessage  # a third-party name, not installed here

__all__ = ["BaseMessage"]
