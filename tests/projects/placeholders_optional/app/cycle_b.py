import app.cycle_a


def second():
    return app.cycle_a.first()
