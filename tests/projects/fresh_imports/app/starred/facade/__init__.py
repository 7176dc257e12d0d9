from app.starred.api import *
