__all__ = ["Thing"]

Thing = 1
