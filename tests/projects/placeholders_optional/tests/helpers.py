def make_invoice():
    from app.billing import Invoice

    return Invoice()
