from app.broken import loaded
from app.broken.loaded import Thing
from app.broken.missing_module import Gone
