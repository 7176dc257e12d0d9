from app.plain.m0 import *
