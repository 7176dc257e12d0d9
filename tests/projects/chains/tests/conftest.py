from app.services.billing import charge  # IMG105 "importing 'app.services.billing' fails: app/models/__init__.py:3"
