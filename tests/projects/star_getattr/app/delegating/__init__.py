from app.delegating.m0 import *
