globals().update({"Gamma": 3})
