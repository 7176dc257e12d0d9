from server.adjustments import Adjustments


def create_server(app):
    return Adjustments(), app
