"""The partways records file (YAML or TOML): what no export holds, written by hand."""

from ..base import Importer
from .importer import RecordsFileImporter

IMPORTERS: tuple[type[Importer], ...] = (RecordsFileImporter,)

__all__ = ["IMPORTERS", "RecordsFileImporter"]
