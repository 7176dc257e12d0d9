import logging

logger = logging.getLogger(__name__)
settings = {"debug": False}


def send_email(to, body):
    return (to, body)
