class GridSearch:
    pass
