class SlackPlugin:
    pass
