"""A module named like the function app.views.render."""

TEMPLATE = ""
