class Card:
    def __init__(self, number: str) -> None:
        self.number = number
