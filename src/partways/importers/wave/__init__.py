"""Wave: the accounting transactions export and the customers and vendors exports (CSV)."""

from ..base import Importer
from .customers import WaveCustomersImporter, WaveVendorsImporter
from .transactions import WaveTransactionsImporter

IMPORTERS: tuple[type[Importer], ...] = (
    WaveTransactionsImporter,
    WaveCustomersImporter,
    WaveVendorsImporter,
)

__all__ = ["IMPORTERS", "WaveCustomersImporter", "WaveTransactionsImporter", "WaveVendorsImporter"]
