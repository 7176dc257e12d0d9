from app.schemas.user import UserUpdate
