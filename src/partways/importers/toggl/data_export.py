"""Toggl Track's workspace data export: JSON files in a ZIP (or the unpacked folder).

Workspace settings → Export data writes ``clients.json``, ``projects.json``,
``tags.json``, ``workspace_users.json`` and one ``tasks/<project id>.json`` and
``projects_users/<project id>.json`` per project. partways reads the clients and
which project belongs to which client; time entries come from the detailed report
(see ``csv_report.py``). Each member file also imports on its own.
"""

from __future__ import annotations

import json
import lzma
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from partways.core.phrase import Phrase, marked, say, say_n

from ..archive import SafeZip
from ..base import Importer, ImportFailed, RowError, grouped, joined
from ..frames import frame as build_frame
from ..jsonio import JsonError, loads
from ..records import Records
from ..textio import HEAD_BYTES, head_text

# Member files that hold nothing partways uses, and what they are, for the note.
# The members partways does not read, by what they hold.
_UNUSED = {
    "tags.json": say("import.toggl_tags", "tags"),
    "workspace_users.json": say("import.toggl_workspace_members", "workspace members"),
    "tasks": say("import.toggl_tasks", "tasks"),
    "projects_users": say("import.toggl_project_members", "project members"),
}
# Every Toggl object names its workspace; other tools' clients.json files do not.
_WORKSPACE_KEY = re.compile(r'"(wid|workspace_id)"\s*:')


@dataclass
class JsonObject:
    """One element of a member file's top-level list, with the line it starts on."""

    line: int
    value: Any


def json_objects(text: str, where: str) -> Iterator[JsonObject]:
    """The elements of the JSON list ``text``, each with its 1-based starting line.

    Raises :class:`ImportFailed` when ``text`` is not a JSON list (naming the line
    and column where reading stopped) or nests deeper than ``structure.max_depth``.
    """
    decoder = json.JSONDecoder()
    try:
        whole = loads(text)
    except JsonError as exc:
        if exc.problem is not None:
            raise ImportFailed(
                say(
                    "import.toggl_json_invalid",
                    "not valid JSON ({problem}); expected a list of Toggl objects.",
                    problem=exc.problem,
                ),
                where,
                exc.line,
                str(exc.column),
            ) from exc
        raise ImportFailed(
            say(
                "import.toggl_json_unreadable",
                "{problem}; expected a list of Toggl objects.",
                problem=exc.message,
            ),
            where,
        ) from exc
    if not isinstance(whole, list):
        raise ImportFailed(
            say(
                "import.toggl_not_a_list",
                "expected a JSON list of Toggl objects, found a {found}.",
                found=type(whole).__name__,
            ),
            where,
        )
    # Walk the list again element by element, only to learn where each one starts;
    # lines are counted from the previous element on, never from the file's start.
    position = text.index("[") + 1
    line, counted = 1, 0
    for _ in whole:
        while text[position] in " \t\r\n,":
            position += 1
        value, end = decoder.raw_decode(text, position)
        line += text.count("\n", counted, position)
        counted = position
        yield JsonObject(line, value)
        position = end


def member_kind(name: str) -> str | None:
    """Which member of the export a path inside it is ("clients.json", "tasks", …)."""
    parts = name.replace("\\", "/").strip("/").split("/")
    if (
        len(parts) >= 2
        and parts[-2] in ("tasks", "projects_users")
        and re.fullmatch(r"\d+\.json", parts[-1])
    ):
        return parts[-2]
    if parts[-1] in ("clients.json", "projects.json", "tags.json", "workspace_users.json"):
        return parts[-1]
    return None


class _Export:
    """The member files of one export, read from a folder or a ZIP, by path inside it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.texts: dict[str, str] = {}
        if path.is_dir():
            for file in sorted(path.rglob("*.json")):
                self.texts[file.relative_to(path).as_posix()] = _read(file)
        else:
            # Refused before anything is extracted when the ZIP is past the archive
            # limits, and counted while read.
            with SafeZip(path) as archive:
                for info in archive.infos():
                    if info.filename.endswith(".json") and not info.is_dir():
                        data = archive.read(info)
                        try:
                            self.texts[info.filename] = data.decode("utf-8-sig")
                        except UnicodeDecodeError as exc:
                            raise ImportFailed(
                                say(
                                    "import.toggl_not_utf8",
                                    "not UTF-8 text (byte {byte}); expected Toggl's JSON.",
                                    byte=grouped(exc.start),
                                ),
                                f"{path}!{info.filename}",
                            ) from exc

    def find(self, member: str) -> str | None:
        """The path inside the export of ``member`` (the shallowest one), or None."""
        found = [n for n in self.texts if member_kind(n) == member]
        return min(found, key=lambda n: n.count("/")) if found else None

    def where(self, name: str) -> str:
        return f"{self.path}/{name}" if not self.path.is_dir() else str(self.path / name)


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailed(
            say(
                "import.toggl_unreadable",
                "cannot be read as UTF-8 JSON ({problem}).",
                problem=str(exc),
            ),
            str(path),
        ) from exc


class TogglJsonImporter(Importer):
    name = "toggl-data"
    title = marked("Toggl Track workspace data export (JSON, ZIP or folder)")
    kinds = ("clients", "projects")
    reads_folders = True

    def identify(self, path: Path) -> bool:
        if path.is_dir():
            return (
                (path / "clients.json").is_file()
                and (path / "projects.json").is_file()
                and _WORKSPACE_KEY.search(
                    head_text(path / "projects.json") + head_text(path / "clients.json")
                )
                is not None
            )
        if path.suffix.lower() == ".zip":
            return self._zip_has_members(path)
        kind = member_kind(f"{path.parent.name}/{path.name}")
        if kind is None:
            return False
        head = head_text(path).strip()
        if not head.startswith("["):
            return False
        # tasks/<id>.json of a project without tasks is just "[]".
        return _WORKSPACE_KEY.search(head) is not None or (
            kind in ("tasks", "projects_users") and re.fullmatch(r"\[\s*\]", head) is not None
        )

    def _zip_has_members(self, path: Path) -> bool:
        """Does the ZIP hold clients.json and a projects.json whose start names a workspace?

        Only the ZIP's directory and the first 64 KiB of projects.json are read.
        """
        try:
            with zipfile.ZipFile(path) as archive:
                kinds = {member_kind(n): n for n in archive.namelist()}
                if "clients.json" not in kinds or "projects.json" not in kinds:
                    return False
                with archive.open(kinds["projects.json"]) as member:
                    head = member.read(HEAD_BYTES).decode("utf-8", errors="replace")
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            OSError,
            EOFError,
            RuntimeError,  # an encrypted entry
            NotImplementedError,  # a compression method zipfile lacks
            ValueError,
            zlib.error,
            lzma.LZMAError,
        ):
            return False
        return _WORKSPACE_KEY.search(head) is not None

    def extract(self, path: Path) -> tuple[Records, list[RowError]]:
        if path.is_dir() or path.suffix.lower() == ".zip":
            return self._extract_export(_Export(path))
        return self._extract_member(path)

    # --- a whole export ------------------------------------------------------------

    def _extract_export(self, export: _Export) -> tuple[Records, list[RowError]]:
        clients_name = export.find("clients.json")
        projects_name = export.find("projects.json")
        if clients_name is None or projects_name is None:
            raise ImportFailed(
                say(
                    "import.toggl_members_missing",
                    "expected clients.json and projects.json "
                    "in a Toggl data export; one of them is missing.",
                ),
                str(export.path),
            )
        records = Records()
        clients, errors = read_clients(export.texts[clients_name], export.where(clients_name))
        records.add("clients", clients.frame)
        projects = read_projects(export.texts[projects_name], export.where(projects_name), clients)
        records.add("projects", projects.frame)
        unused = sorted(
            {_UNUSED[k] for n in export.texts if (k := member_kind(n) or "") in _UNUSED},
            key=Phrase.english,
        )
        if unused:
            records.notes.append(
                say(
                    "import.toggl_unused",
                    "The export's {members} are not read: partways takes clients "
                    "and projects from it (time entries come from the detailed report).",
                    members=joined(unused, ", "),
                )
            )
        return records, errors + projects.errors

    # --- one member file -----------------------------------------------------------

    def _extract_member(self, path: Path) -> tuple[Records, list[RowError]]:
        kind = member_kind(f"{path.parent.name}/{path.name}")
        text = _read(path)
        records = Records()
        if kind == "clients.json":
            clients, errors = read_clients(text, str(path))
            records.add("clients", clients.frame)
            return records, errors
        if kind == "projects.json":
            beside = path.parent / "clients.json"
            known = read_clients(_read(beside), str(beside))[0] if beside.is_file() else None
            projects = read_projects(text, str(path), known)
            records.add("projects", projects.frame)
            if projects.unresolved:
                records.notes.append(
                    say_n(
                        "import.toggl_clients_unknown",
                        "{n} project(s) name their client by Toggl id only "
                        "and clients.json is not beside projects.json, so they are kept "
                        "without a client; import the whole export to link them.",
                        "{n} project(s) name their client by Toggl id only "
                        "and clients.json is not beside projects.json, so they are kept "
                        "without a client; import the whole export to link them.",
                        projects.unresolved,
                    )
                )
            return records, projects.errors
        objects = list(json_objects(text, str(path)))
        what = _UNUSED.get(kind or "") or say("import.toggl_nothing_used", "nothing partways uses")
        records.skip(say("import.skip_toggl", "Toggl {what}", what=what), len(objects))
        records.notes.append(
            say(
                "import.toggl_member_unused",
                "{name} holds Toggl {what}, which partways does not use; "
                "import clients.json and projects.json (or the whole export).",
                name=path.name,
                what=what,
            )
        )
        return records, []


# --- the two files partways reads ----------------------------------------------------


@dataclass
class Clients:
    """Client names by Toggl id, and the same as a ``clients`` frame in file order."""

    names: dict[int, str]
    frame: pl.DataFrame


@dataclass
class Projects:
    """The ``projects`` frame, the errors found, and how many clients stayed unknown."""

    frame: pl.DataFrame
    errors: list[RowError]
    unresolved: int


def _name(value: Any) -> str | None:
    name = value.get("name") if isinstance(value, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else None


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def read_clients(text: str, where: str) -> tuple[Clients, list[RowError]]:
    """The clients of a clients.json text; a client without a name is an error.

    Raises :class:`ImportFailed` when the text is not a JSON list.
    """
    names: dict[int, str] = {}
    rows: list[dict[str, Any]] = []
    errors: list[RowError] = []
    for item in json_objects(text, where):
        name = _name(item.value)
        if name is None:
            errors.append(
                RowError(
                    where,
                    item.line,
                    "name",
                    say(
                        "import.toggl_client_unnamed",
                        'the client has no name; expected a non-empty "name"',
                    ),
                )
            )
            continue
        client_id = item.value.get("id")
        if isinstance(client_id, int) and not isinstance(client_id, bool):
            names[client_id] = name
        rows.append({"client": name, "line": item.line})
    frame = build_frame(rows, {"client": pl.String, "line": pl.Int64})
    return Clients(names, frame), errors


def read_projects(text: str, where: str, clients: Clients | None) -> Projects:
    """The projects of a projects.json text, each with its client's name.

    ``clients`` is None when projects.json came alone: a project's client is then
    unknown and counted in ``unresolved``. A client id that clients.json lacks is
    an error. Raises :class:`ImportFailed` when the text is not a JSON list.
    """
    rows: list[dict[str, Any]] = []
    errors: list[RowError] = []
    unresolved = 0
    for item in json_objects(text, where):
        name = _name(item.value)
        if name is None:
            errors.append(
                RowError(
                    where,
                    item.line,
                    "name",
                    say(
                        "import.toggl_project_unnamed",
                        'the project has no name; expected a non-empty "name"',
                    ),
                )
            )
            continue
        client_id = item.value.get("client_id", item.value.get("cid"))
        client = None
        if client_id is not None and not _is_id(client_id):
            errors.append(
                RowError(
                    where,
                    item.line,
                    "client_id",
                    say(
                        "import.toggl_bad_client_id",
                        "{value} is not a client id; expected a whole number",
                        value=repr(client_id),
                    ),
                )
            )
            continue
        if client_id is not None and clients is None:
            unresolved += 1
        elif client_id is not None and clients is not None:
            client = clients.names.get(client_id)
            if client is None:
                errors.append(
                    RowError(
                        where,
                        item.line,
                        "client_id",
                        say(
                            "import.toggl_client_id_unknown",
                            "client id {id} is not in clients.json; "
                            "expected the id of a client listed there",
                            id=str(client_id),
                        ),
                    )
                )
                continue
        rows.append({"client": client, "project": name, "line": item.line})
    frame = build_frame(rows, {"client": pl.String, "project": pl.String, "line": pl.Int64})
    return Projects(frame, errors, unresolved)
