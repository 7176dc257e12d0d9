from app.guarded import VALUE, fast
from app.optional import VALUE as V2  # unknown: an installed package the environment lacks
from app.lazyuser import Anything
from app.cond import maybe
from app.registry import thing
from app.inject.user import added
from app.ns.plain import maybe as m2
from app.cyc.b import B  # unknown: a cycle; works when app.cyc.a was imported first
from app.cyc.c import B as B2  # unknown: through the cycle
import app.cyc.a  # IMG105 "app/cyc/a.py:2 imports 'app.cyc.gone', which does not exist"
from app.third import json
