"""Invoice Ninja v5: clients, invoices and payments, read from the API (see README.md)."""

from .connector import InvoiceNinjaConnector as CONNECTOR

__all__ = ["CONNECTOR"]
