"""Imported while app.plain is partly initialised: its dunders are already there."""
from app.plain import __name__ as plain_name

partner_name = plain_name
