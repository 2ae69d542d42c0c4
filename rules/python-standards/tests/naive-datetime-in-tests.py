# path: tests/test_invoices.py
from datetime import datetime


def test_invoice_total(session):
    # ok: python-standards/naive-datetime
    invoice = Invoice(date=datetime.now(), total=3)
    assert invoice.total == 3
