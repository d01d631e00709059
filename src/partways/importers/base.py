"""The importer interface: ``identify(path) -> bool`` and ``extract(path) -> (records, errors)``.

An importer reads one export (a file, or a folder for formats that are folders: a
maildir, an unpacked Slack export) and returns what it found as :class:`Records` plus
every problem as a :class:`RowError`, so a single run reports all the bad rows of a
file at once instead of stopping at the first. Problems, notes and the reasons rows
are skipped are phrases (:mod:`partways.core.phrase`): each interface words them in
its reader's language. Importers never touch the database:
the store decides what is new, what changed and what is already there.

Third-party importers register under the ``partways.importers`` entry-point group,
exactly as the built-in ones do (see ``registry.py``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from partways.core.phrase import Phrase, as_phrase, say

from .records import Records

Progress = Callable[[int, int | None], None]


def _no_progress(done: int, total: int | None) -> None:
    return None


def located(
    problem: Phrase, path: str | None, line: int | None = None, column: str | None = None
) -> Phrase:
    """``problem`` said after where it is: "path, line 3, column Date: …".

    Each part of the place is left out when None (a column also when empty); without
    any, the problem alone comes back.
    """
    where: dict[str, Any] = {"problem": problem}
    if line is not None:
        where["line"] = str(line)  # a line number is not a quantity: never grouped
    if column:
        where["column"] = column
    if path is not None:
        where["path"] = path
        if line is not None and column:
            return say(
                "import.at_path_line_column",
                "{path}, line {line}, column {column}: {problem}",
                **where,
            )
        if line is not None:
            return say("import.at_path_line", "{path}, line {line}: {problem}", **where)
        if column:
            return say("import.at_path_column", "{path}, column {column}: {problem}", **where)
        return say("import.at_path", "{path}: {problem}", **where)
    if line is not None and column:
        return say("import.at_line_column", "line {line}, column {column}: {problem}", **where)
    if line is not None:
        return say("import.at_line", "line {line}: {problem}", **where)
    if column:
        return say("import.at_column", "column {column}: {problem}", **where)
    return problem


def grouped(n: int) -> float:
    """A count as a phrase parameter written with its thousands grouped ("12,345" in
    English, "12.345" in Croatian); an ``int`` parameter is written as it is."""
    return float(n)


def joined(phrases: Sequence[Phrase], separator: str = "; ") -> Phrase:
    """Phrases one after the other with ``separator`` between them ("a; b; c"): a list
    of problems, each worded on its own."""
    params = {f"p{i}": p for i, p in enumerate(phrases)}
    return Phrase(JOINED, separator.join("{" + name + "}" for name in params), params)


JOINED = "import.joined"


@dataclass(frozen=True)
class RowError:
    """One problem in an export, located as precisely as the format allows."""

    path: str
    line: int | None
    column: str | None
    message: Phrase  # what was wrong and what was expected

    def __post_init__(self) -> None:
        # An importer written before errors were phrases gives its sentence as text.
        object.__setattr__(self, "message", as_phrase(self.message))

    def located(self, with_path: bool = True) -> Phrase:
        """The problem after where it is ("path, line 3, column Date: …"); without the
        path when ``with_path`` is false (under a heading that names the file)."""
        return located(self.message, self.path if with_path else None, self.line, self.column)

    def __str__(self) -> str:
        return self.located().english()


class ImportFailed(Exception):
    """A whole file cannot be read (not the format, unreadable, empty); says why.

    ``problem`` is what is wrong, ``path`` (``line``, ``column``) where, when the
    file is named; ``phrase`` is the whole sentence, and the exception's text its
    English.
    """

    def __init__(
        self,
        problem: Phrase | str,
        path: str | None = None,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        # (A sentence as text, from an importer written before problems were phrases,
        # stands as it is.)
        problem = as_phrase(problem)
        self.problem = problem
        self.path = path
        self.line = line
        self.column = column
        self.phrase = located(problem, path, line, column)
        super().__init__(self.phrase.english())


class Importer(ABC):
    """One export format.

    ``name`` is what ``--format`` takes; ``title`` says which tool and which export
    (in English, marked for the catalogs with :func:`~partways.core.phrase.marked`;
    the interfaces translate it). ``kinds`` lists the record kinds the format can
    hold. ``priority`` breaks ties when two importers identify the same file: the more
    specific one wins (the generic CSV importer has the lowest).
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
