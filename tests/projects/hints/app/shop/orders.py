class Order:
    pass


class LineItem:  # was OrderLine
    pass
