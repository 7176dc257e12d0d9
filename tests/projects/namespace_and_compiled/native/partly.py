Real = 1
