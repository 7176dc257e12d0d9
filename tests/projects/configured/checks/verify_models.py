from app.models import Thread, Threads  # IMG102 "did you mean 'Thread'?"
from shared import VALUE, OTHER  # IMG102 "'OTHER' is not defined in 'shared'"
