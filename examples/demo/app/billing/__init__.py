"""Billing: the package re-exports its invoices, then tax tables that were deleted."""
from app.billing.invoices import Invoice
from app.billing.tax import TaxTable

__all__ = ["Invoice", "TaxTable"]
