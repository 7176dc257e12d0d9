def charge(amount):
    return amount


class Invoice:
    def send(self):
        return "sent"
