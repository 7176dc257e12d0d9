from app.services.billing import charge  # IMG105


def make():
    return charge(None)
