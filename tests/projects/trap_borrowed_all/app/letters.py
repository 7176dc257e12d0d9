Gamma = Delta = object()
