import json
from app.widgets import buttons
