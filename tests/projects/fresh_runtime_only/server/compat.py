WIN = False
