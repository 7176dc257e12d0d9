from app.models import Admin

Admin.injected = True
