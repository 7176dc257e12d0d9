from app.listed.m0 import *
