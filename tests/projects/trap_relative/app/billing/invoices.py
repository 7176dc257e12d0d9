class Invoice:
    pass
