"""Toggl Track: the detailed report as CSV (Reports → Detailed → Export → CSV) and the
workspace data export (Workspace settings → Export data: JSON files in a ZIP)."""

from .csv_report import TogglCsvImporter
from .data_export import TogglJsonImporter

IMPORTERS = (TogglCsvImporter, TogglJsonImporter)

__all__ = ["IMPORTERS", "TogglCsvImporter", "TogglJsonImporter"]
