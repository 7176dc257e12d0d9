from app.cyc.b import B
