from app.api import *
