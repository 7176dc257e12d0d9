from shop import cycle_a

B = 1
C = later_name
