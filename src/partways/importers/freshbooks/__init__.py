"""FreshBooks: the invoices export (Invoices → ⋯ → Export to CSV) and the clients
export (Clients → ⋯ → Export to CSV)."""

from ..base import Importer
from .clients import FreshBooksClientsImporter
from .invoices import FreshBooksInvoicesImporter

IMPORTERS: tuple[type[Importer], ...] = (FreshBooksInvoicesImporter, FreshBooksClientsImporter)

__all__ = ["IMPORTERS", "FreshBooksClientsImporter", "FreshBooksInvoicesImporter"]
