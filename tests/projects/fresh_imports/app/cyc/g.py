import app.cyc.h
VALUE = 3
