"""Invoice2go: the invoices export (CSV). Its clients export is the same file as
Invoicely's and is read by ``invoicely-clients``."""

from ..base import Importer
from .invoices import Invoice2goInvoicesImporter

IMPORTERS: tuple[type[Importer], ...] = (Invoice2goInvoicesImporter,)

__all__ = ["IMPORTERS", "Invoice2goInvoicesImporter"]
