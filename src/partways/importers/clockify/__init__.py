"""Clockify: the detailed time report and the projects report, both as CSV."""

from ..base import Importer
from .projects_report import ClockifyProjectsImporter
from .time_report import ClockifyTimeImporter

IMPORTERS: tuple[type[Importer], ...] = (ClockifyTimeImporter, ClockifyProjectsImporter)

__all__ = ["IMPORTERS", "ClockifyProjectsImporter", "ClockifyTimeImporter"]
