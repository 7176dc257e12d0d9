import app.cyc.g


def read():
    return app.cyc.g.VALUE
