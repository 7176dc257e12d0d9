from app.lazylate.c import LAZY
