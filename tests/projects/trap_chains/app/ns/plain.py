from app.cond import maybe
