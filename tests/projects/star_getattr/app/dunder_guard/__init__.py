from app.dunder_guard.m0 import *
