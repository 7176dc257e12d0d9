from app.nsmods.plain import *
