from app.settings import config  # IMG105 "importing 'app.settings' fails: app/schemas/__init__.py:2 imports 'app.schemas.user', which does not exist: the file is 'app/schemas/User.py'"
