class Notifier:
    pass
