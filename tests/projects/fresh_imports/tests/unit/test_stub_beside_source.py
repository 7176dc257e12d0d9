from app.stubbed.plain import Kept
from app.stubbed.plain import Gone  # IMG102 "'Gone' is not defined in 'app.stubbed.plain'"
import app.stubbed.user  # IMG105 "app/stubbed/user.py:1 imports 'Gone' from 'app.stubbed.plain'"
from app.stubbed.dyn import Made  # plain.py binds it through globals(): the stub is right
from app.stubbed.built import slow
from app.stubbed.built import fast  # unknown: a build may compile built.pyx in front of built.py
from app.stubbed.ext import accelerate  # unknown: a compiled extension cannot be read


def test_stubbed():
    return Kept, Gone, Made, slow, fast, accelerate
