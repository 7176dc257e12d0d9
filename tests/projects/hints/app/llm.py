from not_installed_llm_sdk.messages import BaseMessage
from typing_extensions import Any

Message = BaseMessage
