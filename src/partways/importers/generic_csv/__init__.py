"""Any other CSV export, read through a column-mapping file (TOML or YAML)."""

from ..base import Importer
from .importer import MappedCsvImporter

IMPORTERS: tuple[type[Importer], ...] = (MappedCsvImporter,)

__all__ = ["IMPORTERS", "MappedCsvImporter"]
