"""Payments: the package re-exports its cards."""
from app.payments.cards import Card

__all__ = ["Card"]
