from app.views.pages import render
from app.views.api import endpoint
