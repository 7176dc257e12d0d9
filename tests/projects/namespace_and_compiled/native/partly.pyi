Real: int
Declared: int
