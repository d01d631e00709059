"""The importer interface: ``identify(path) -> bool`` and ``extract(path) -> (records, errors)``.

An importer reads one export (a file, or a folder for formats that are folders: a
maildir, an unpacked Slack export) and returns what it found as :class:`Records` plus
every problem as a :class:`RowError`, so a single run reports all the bad rows of a
file at once instead of stopping at the first. Importers never touch the database:
the store decides what is new, what changed and what is already there.

Third-party importers register under the ``partways.importers`` entry-point group,
exactly as the built-in ones do (see ``registry.py``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from .records import Records

Progress = Callable[[int, int | None], None]


def _no_progress(done: int, total: int | None) -> None:
    return None


@dataclass(frozen=True)
class RowError:
    """One problem in an export, located as precisely as the format allows."""

    path: str
    line: int | None
    column: str | None
    message: str  # what was wrong and what was expected

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class ImportFailed(Exception):
    """A whole file cannot be read (not the format, unreadable, empty); says why."""


class Importer(ABC):
    """One export format.

    ``name`` is what ``--format`` takes; ``title`` says which tool and which export.
    ``kinds`` lists the record kinds the format can hold. ``priority`` breaks ties
    when two importers identify the same file: the more specific one wins (the
    generic CSV importer has the lowest).
    """

    name: ClassVar[str]
    title: ClassVar[str]
    kinds: ClassVar[tuple[str, ...]]
    priority: ClassVar[int] = 50
    # Does the importer read folders (maildir, unpacked Slack export) as one export?
    reads_folders: ClassVar[bool] = False

    def __init__(self) -> None:
        # Set by the caller to follow a long extraction (rows or messages read, total).
        self.progress: Progress = _no_progress
        # Local times written without an offset are read in this zone (the caller sets
        # it to the business's zone, or what --time-zone says).
        self.time_zone = "UTC"
        # Format-specific options from the command line (e.g. ``mapping`` for the
        # generic CSV importer); an importer documents the ones it reads.
        self.options: dict[str, str] = {}
        # Where an incremental source (an IMAP folder) stopped last time, as the
        # importer wrote it into ``Records.cursor``; None on the first import.
        self.cursor: str | None = None

    @abstractmethod
    def identify(self, path: Path) -> bool:
        """True when ``path`` is in this format. Cheap: reads a file's start at most."""

    @abstractmethod
    def extract(self, path: Path) -> tuple[Records, list[RowError]]:
        """Read ``path``: the records found and every problem found.

        Raises :class:`ImportFailed` when the file cannot be read at all.
        """
