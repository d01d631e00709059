"""Importers: reading the exports users already have into partways records.

Plain Python and Polars, no Django: an importer turns a file into
:class:`~partways.importers.records.Records` and a list of
:class:`~partways.importers.base.RowError`; the store (``partways.store.imports``)
matches clients, drops what was imported before and writes the rest atomically.
Each format lives in its own folder with its fixtures and tests.
"""

from .base import Importer, ImportFailed, RowError
from .records import Records

__all__ = ["ImportFailed", "Importer", "Records", "RowError"]
