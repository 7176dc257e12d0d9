globals()["generated"] = 1
