from app.models import *
