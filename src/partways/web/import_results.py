"""What an import job reports, kept on the job's row as JSON for any web process to show."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from partways.core.phrase import Phrase
from partways.store.models import Job


@dataclass(frozen=True)
class FileError:
    """One problem in an uploaded file: where (``line``, ``column`` when known) and what."""

    where: str  # the uploaded file, or a path inside an uploaded archive
    line: int | None
    column: str | None
    # What was wrong and what was expected: a finding the page words in its reader's
    # language, or a sentence this module already worded.
    message: Phrase | str

    def to_json(self) -> dict[str, Any]:
        message = self.message
        worded = message.to_json() if isinstance(message, Phrase) else {"sentence": message}
        return {"where": self.where, "line": self.line, "column": self.column, "message": worded}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileError:
        message = data["message"]
        said = message["sentence"] if "sentence" in message else Phrase.from_json(message)
        return cls(data["where"], data["line"], data["column"], said)


@dataclass
class FileResult:
    """What importing one uploaded file did."""

    name: str
    format: str  # the importer's name; "" when none recognised the file
    title: str  # the importer's title in English; the page translates it
    new: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    skipped: dict[Phrase, int] = field(default_factory=dict)  # rows left out, by why
    errors: list[FileError] = field(default_factory=list)
    notes: list[Phrase] = field(default_factory=list)
    clients_created: list[str] = field(default_factory=list)
    unmatched_messages: int = 0
    unmatched_from: list[tuple[str, int]] = field(default_factory=list)  # the top senders
    proposed_own: str = ""  # the address on nearly every message: the owner's, perhaps
    refused: bool = False  # errors stopped the file: nothing of it was written
    written: bool = False
    mapping_for: str = ""  # a column-mapping file: the file it maps, not imported itself

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    @property
    def row_errors(self) -> bool:
        """Whether some errors are in rows (so the file's good rows could be imported)."""
        return any(e.line is not None for e in self.errors)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "format": self.format,
            "title": self.title,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": [[p.to_json(), n] for p, n in self.skipped.items()],
            "errors": [e.to_json() for e in self.errors],
            "notes": [n.to_json() for n in self.notes],
            "clients_created": self.clients_created,
            "unmatched_messages": self.unmatched_messages,
            "unmatched_from": [list(pair) for pair in self.unmatched_from],
            "proposed_own": self.proposed_own,
            "refused": self.refused,
            "written": self.written,
            "mapping_for": self.mapping_for,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileResult:
        return cls(
            name=data["name"],
            format=data["format"],
            title=data["title"],
            new=data["new"],
            updated=data["updated"],
            unchanged=data["unchanged"],
            skipped={Phrase.from_json(p): n for p, n in data["skipped"]},
            errors=[FileError.from_json(e) for e in data["errors"]],
            notes=[Phrase.from_json(n) for n in data["notes"]],
            clients_created=data["clients_created"],
            unmatched_messages=data["unmatched_messages"],
            unmatched_from=[(a, n) for a, n in data["unmatched_from"]],
            proposed_own=data["proposed_own"],
            refused=data["refused"],
            written=data["written"],
            mapping_for=data["mapping_for"],
        )


@dataclass(frozen=True)
class ImportProgress:
    """An import job as its page shows it: how far it has got, then its report."""

    id: str
    state: str  # waiting, importing, labelling, done
    current: int  # 1-based position of the file being imported
    total: int
    current_name: str
    rows: int  # rows or messages read so far in the current step
    results: list[FileResult]
    labelled: int  # messages the analyzer read after the import
    problem: str  # what went wrong outside any one file, in a sentence

    @property
    def done(self) -> bool:
        return self.state == "done"

    @property
    def refused(self) -> int:
        return sum(1 for r in self.results if r.refused)

    @classmethod
    def of(cls, job: Job) -> ImportProgress:
        """The import job ``job`` as its page shows it."""
        result = job.result or {}
        if job.finished:
            state = "done"
        elif job.state == Job.State.RUNNING and job.step in ("importing", "labelling"):
            state = job.step
        else:
            state = "waiting"
        return cls(
            id=str(job.id),
            state=state,
            current=job.current,
            total=job.total,
            current_name=job.detail,
            rows=job.rows,
            results=[FileResult.from_json(r) for r in result.get("files", [])],
            labelled=int(result.get("labelled", 0)),
            problem=job.problem or str(result.get("problem", "")),
        )
