from app.computed.m0 import *
