import app.inject.patcher
from app.inject.target import added
