"""Slack: the workspace export, as the ZIP Slack sends or the folder it unpacks to."""

from .export import SlackExportImporter

IMPORTERS = (SlackExportImporter,)

__all__ = ["IMPORTERS", "SlackExportImporter"]
