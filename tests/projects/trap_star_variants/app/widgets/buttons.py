class Button:
    pass
