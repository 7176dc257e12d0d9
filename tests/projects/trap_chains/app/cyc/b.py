import app.cyc.a

B = 1
