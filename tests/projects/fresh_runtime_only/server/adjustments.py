class Adjustment:  # renamed: server.core still imports Adjustments
    pass
