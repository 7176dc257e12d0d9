from app.bounded.m0 import *
