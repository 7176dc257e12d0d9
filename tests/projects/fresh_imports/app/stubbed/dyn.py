globals()["Made"] = type("Made", (), {})
