import enum


class Plan(enum.Enum):
    FREE = "free"
    PRO = "pro"


class Invoice:
    def __init__(self, number, total):
        self.number = number
        self.total = total


class Receipt:
    number = 0
