"""Kimai: the timesheet export as CSV, with headers in English, Croatian, Indonesian
or Arabic."""

from ..base import Importer
from .timesheet_csv import KimaiCsvImporter

IMPORTERS: tuple[type[Importer], ...] = (KimaiCsvImporter,)

__all__ = ["IMPORTERS", "KimaiCsvImporter"]
