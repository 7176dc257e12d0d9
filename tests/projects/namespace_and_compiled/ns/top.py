TOP = 1
