class User:
    pass


class Order:
    pass


class Invoice:
    pass
