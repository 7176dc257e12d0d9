from app.cyc import d
NAME = "c"
