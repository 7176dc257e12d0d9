from app.orders import place


def test_quiet(config):
    return place, config
