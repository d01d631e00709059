"""Invoice Ninja: the CSV exports of version 4 (Settings → Export Data → CSV, one file
per section) and version 5 (Reports → choose a report → Export).

Import the invoices, payments and clients files (and v4 expenses); quotes, recurring
invoices, products and vendors are recognised and give nothing.
"""

from ..base import Importer
from .clients import InvoiceNinjaClientsImporter
from .expenses import InvoiceNinjaExpensesImporter
from .invoices import InvoiceNinjaInvoicesImporter
from .other import InvoiceNinjaOtherImporter
from .payments import InvoiceNinjaPaymentsImporter

IMPORTERS: tuple[type[Importer], ...] = (
    InvoiceNinjaInvoicesImporter,
    InvoiceNinjaPaymentsImporter,
    InvoiceNinjaClientsImporter,
    InvoiceNinjaExpensesImporter,
    InvoiceNinjaOtherImporter,
)

__all__ = [
    "IMPORTERS",
    "InvoiceNinjaClientsImporter",
    "InvoiceNinjaExpensesImporter",
    "InvoiceNinjaInvoicesImporter",
    "InvoiceNinjaOtherImporter",
    "InvoiceNinjaPaymentsImporter",
]
