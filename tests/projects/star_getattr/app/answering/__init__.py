from app.answering.m0 import *
