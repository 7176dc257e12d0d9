RATES = {"eur": 1}


def charge(amount):
    return amount * RATES["eur"]


class Invoice:
    currency = "eur"

    def __init__(self):
        self.lines = []

    def send(self):
        return charge(len(self.lines))
