"""Toggl Track: the detailed report as CSV (Reports → Detailed → Export → CSV)."""

from .csv_report import TogglCsvImporter

IMPORTERS = (TogglCsvImporter,)

__all__ = ["IMPORTERS", "TogglCsvImporter"]
