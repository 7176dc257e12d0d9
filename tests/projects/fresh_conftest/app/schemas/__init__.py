from app.schemas.base import Model
from app.schemas.user import User
