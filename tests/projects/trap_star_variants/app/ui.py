from app.widgets import *
