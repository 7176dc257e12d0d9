import ssl


def make_context():
    return ssl.create_default_context()
