from app.models import Thread  # IMG102
from app.models import Nothing  # IMG102 "defined nowhere"
