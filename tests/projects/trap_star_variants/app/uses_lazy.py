from app.lazy import *
