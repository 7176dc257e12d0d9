from app.continuous import *
