class Builder:
    """The base of one format's builder."""
