from app.starred.api import Gone  # deleted there: importing this module fails
