"""Harvest: the detailed time report, the projects list and the clients list, as CSV."""

from ..base import Importer
from .lists import HarvestClientsImporter, HarvestProjectsImporter
from .time_report import HarvestTimeImporter

IMPORTERS: tuple[type[Importer], ...] = (
    HarvestTimeImporter,
    HarvestProjectsImporter,
    HarvestClientsImporter,
)

__all__ = ["IMPORTERS", "HarvestClientsImporter", "HarvestProjectsImporter", "HarvestTimeImporter"]
