exec("Delta = 4")
