"""IMAP: one folder of a mail account, read incrementally by UID."""

from .importer import ImapImporter

IMPORTERS = (ImapImporter,)

__all__ = ["IMPORTERS", "ImapImporter"]
