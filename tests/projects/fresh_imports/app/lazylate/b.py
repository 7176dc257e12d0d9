from app.lazylate.a import LAZY
