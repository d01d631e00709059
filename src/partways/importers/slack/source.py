"""A Slack export as files: a ZIP as Slack sends it, or the folder it unpacks to.

Both give the same view: the JSON lists at the top (channels.json, users.json, …)
and each conversation's day files (``<folder>/<YYYY-MM-DD>.json``). A ZIP that
wraps everything in one top folder is read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from partways.core.phrase import Phrase, say

from ..archive import ArchiveTooLarge, SafeZip
from ..base import ImportFailed
from ..jsonio import JsonError, loads

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")


@dataclass
class JsonProblem:
    """A JSON file that could not be read: where (its path, a line) and why."""

    path: str
    line: int | None
    message: Phrase


class ExportSource:
    """Reads the export's files; paths are relative to the export's top folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: SafeZip | None = None
        self._prefix = ""
        if path.is_dir():
            self._names = sorted(
                p.relative_to(path).as_posix() for p in path.rglob("*.json") if p.is_file()
            )
        else:
            # Refuses a ZIP past the archive limits before anything is extracted.
            self._zip = SafeZip(path)
            names = [n for n in self._zip.names() if not n.endswith("/")]
            self._prefix = top_folder(names)
            self._names = sorted(
                n[len(self._prefix) :]
                for n in names
                if n.startswith(self._prefix) and n.endswith(".json")
            )

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def where(self, name: str) -> str:
        """How an error names a file of the export: the export's path, then the file."""
        return f"{self.path}/{name}" if self.path.is_dir() else f"{self.path}!{name}"

    def has(self, name: str) -> bool:
        return name in self._names

    def load(self, name: str) -> Any:
        """The parsed JSON file ``name``; raises :class:`JsonProblemError` when it is not JSON.

        Raises :class:`ImportFailed` when reading it passes the archive limits (the
        whole export is then refused).
        """
        try:
            if self._zip is not None:
                data = self._zip.read(self._prefix + name)
            else:
                data = (self.path / name).read_bytes()
        except (OSError, KeyError) as exc:
            problem = say(
                "import.slack_unreadable", "the file cannot be read ({problem})", problem=str(exc)
            )
            raise JsonProblemError(JsonProblem(self.where(name), None, problem)) from exc
        except ArchiveTooLarge:
            raise  # past a limit of the whole archive: nothing more is read
        except ImportFailed as exc:  # an encrypted or corrupt entry: the others still count
            raise JsonProblemError(JsonProblem(self.where(name), None, _after_path(exc))) from exc
        try:
            return loads(data)
        except JsonError as exc:
            message = say(
                "import.slack_not_json",
                "{problem}; expected Slack's JSON export",
                problem=exc.message,
            )
            raise JsonProblemError(JsonProblem(self.where(name), exc.line, message)) from exc

    def day_files(self, folder: str) -> list[str]:
        """The day files of one conversation folder, oldest first."""
        prefix = folder + "/"
        return [n for n in self._names if n.startswith(prefix) and _DAY.match(n[len(prefix) :])]

    def folders(self) -> list[str]:
        """Every folder that holds day files, sorted."""
        return sorted(
            {
                n.rsplit("/", 1)[0]
                for n in self._names
                if "/" in n and _DAY.match(n.rsplit("/", 1)[1])
            }
        )


def _after_path(exc: ImportFailed) -> Phrase:
    """An archive error without the archive and entry it names (the error's own place
    says which)."""
    return exc.problem if exc.path and "!" in exc.path else exc.phrase


class JsonProblemError(Exception):
    def __init__(self, problem: JsonProblem) -> None:
        super().__init__(problem.message.english())
        self.problem = problem


def top_folder(names: list[str]) -> str:
    """The folder (with its slash) that holds channels.json in a ZIP, '' at the top."""
    candidates = [
        n[: -len("channels.json")] for n in names if PurePosixPath(n).name == "channels.json"
    ]
    return min(candidates, key=len) if candidates else ""
