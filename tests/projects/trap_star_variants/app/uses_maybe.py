from app.maybe_all import *
