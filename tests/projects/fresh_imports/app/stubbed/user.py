from app.stubbed.plain import Gone

USER = Gone
