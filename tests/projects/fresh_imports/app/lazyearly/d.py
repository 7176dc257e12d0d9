from app.lazyearly.c import LAZY
