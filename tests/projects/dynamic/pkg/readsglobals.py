Present = 1
if "Present" in globals() and globals().get("Present") and globals()["Present"]:
    pass
