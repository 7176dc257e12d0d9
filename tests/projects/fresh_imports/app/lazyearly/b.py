from app.lazyearly.a import LAZY
