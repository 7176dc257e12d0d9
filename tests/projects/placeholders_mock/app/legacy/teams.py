class Team:
    """The old team model, still importable."""
