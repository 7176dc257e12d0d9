RATES = {"eur": 1}


def charge(amount):
    return amount * RATES["eur"]


class Invoice:
    currency = "eur"

    def __init__(self):
        self.lines = []

    def send(self):
        return charge(len(self.lines))

    def __render(self):
        """Private: the class holds it as `_Invoice__render` (saleor's patch targets)."""
        self.__rendered = True
