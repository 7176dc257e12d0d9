from app.schemas import Model

config = {"model": Model}
