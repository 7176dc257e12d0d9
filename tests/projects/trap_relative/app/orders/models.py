from ..billing.invoices import Invoice


class Order:
    invoice = Invoice
