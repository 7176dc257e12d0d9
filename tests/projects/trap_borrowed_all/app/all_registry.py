from app.registry import *
