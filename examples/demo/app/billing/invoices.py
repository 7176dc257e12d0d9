class Invoice:
    def __init__(self, amount: int) -> None:
        self.amount = amount
