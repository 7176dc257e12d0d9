from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.db.models_agent import Thread


def handle(thread: 'Thread'):
    return thread
