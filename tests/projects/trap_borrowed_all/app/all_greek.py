from app.greek import *
