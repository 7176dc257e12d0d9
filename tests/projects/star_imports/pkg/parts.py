__all__ = ("PartOne", "PartTwo")
PartOne = PartTwo = PartThree = 1
