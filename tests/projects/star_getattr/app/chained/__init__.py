from app.chained.m0 import *
