import app.lazylate.a  # IMG105 "app/lazylate/b.py:1 imports 'LAZY' from 'app.lazylate.a', which is only partly initialised"
import app.lazylate.c  # IMG105 "app/lazylate/d.py:1 imports 'LAZY' from 'app.lazylate.c', which is only partly initialised"
import app.lazyearly.a  # its `__getattr__` is bound before the cycle comes back: it serves LAZY
import app.lazyearly.c


def test_lazy():
    return app
