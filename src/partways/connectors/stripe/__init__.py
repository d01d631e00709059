"""Stripe: customers, invoices and charges, read from the API (see README.md)."""

from .connector import StripeConnector as CONNECTOR

__all__ = ["CONNECTOR"]
