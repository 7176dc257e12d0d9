class Builder:
    """Builds every format."""
