from app.cyc.c import NAME
