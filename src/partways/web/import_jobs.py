"""Uploaded exports, imported as ``partways import`` imports files, with progress to poll.

Django has written each uploaded file to a temporary file as it arrived
(:mod:`partways.web.uploads`); it is moved into a temporary folder, not copied, under
the name it was uploaded with (importers recognise a format by name and content; a
``hours.csv.mapping.toml`` beside ``hours.csv`` is its column mapping, as on the
command line). Every file is
then imported with the CLI's own functions (:mod:`partways.store.imports.run`): a
file with errors writes nothing, a file imported again adds nothing twice. Messages
that came in are labelled as ``partways import`` labels them, and the folder is removed.

A small upload is imported at once, within the request: it is done sooner than a
progress page could show it. A larger one is imported in a thread, and the page polls
:func:`get` for "file k of n".

Jobs live in this process's memory. ``partways serve`` runs one process (waitress
threads), so every request finds them; a restart forgets them, not what they imported.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.files.move import file_move_safe
from django.core.files.uploadedfile import TemporaryUploadedFile, UploadedFile
from django.db import close_old_connections, connection
from django.utils import translation
from django.utils.translation import gettext as _

from partways.core.limits import tightened
from partways.core.phrase import Phrase
from partways.importers import ImportFailed, registry
from partways.importers.archive import unpack
from partways.importers.generic_csv.importer import MAPPING_SUFFIXES
from partways.store.imports.apply import FileReport
from partways.store.imports.run import ImportOptions, import_phase, import_source, sources
from partways.store.models import ImportBatch

log = logging.getLogger(__name__)

# An upload this small (all files together) is imported within the request.
INLINE_BYTES = 256 * 1024
# Finished jobs kept for their report pages; the oldest are forgotten first.
KEEP_JOBS = 50


@dataclass(frozen=True)
class FileError:
    """One problem in an uploaded file: where (``line``, ``column`` when known) and what."""

    where: str  # the uploaded file, or a path inside an uploaded archive
    line: int | None
    column: str | None
    # What was wrong and what was expected: a finding the page words in its reader's
    # language, or a sentence this module already worded.
    message: Phrase | str


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


@dataclass
class Job:
    """One upload being imported; read by the pages while a thread fills it in."""

    id: str
    names: list[str]
    state: str = "waiting"  # waiting, importing, labelling, done
    current: int = 0  # 1-based position of the file being imported
    rows: int = 0  # rows or messages read so far in the current file
    results: list[FileResult] = field(default_factory=list)
    labelled: int = 0  # messages the analyzer read after the import
    problem: str = ""  # what went wrong outside any one file, in a sentence
    created: float = field(default_factory=time.monotonic)

    @property
    def done(self) -> bool:
        return self.state == "done"

    @property
    def total(self) -> int:
        return len(self.names)

    @property
    def current_name(self) -> str:
        return self.names[self.current - 1] if 0 < self.current <= self.total else ""

    @property
    def refused(self) -> int:
        return sum(1 for r in self.results if r.refused)


@dataclass(frozen=True)
class _Upload:
    name: str
    path: Path


_jobs: dict[str, Job] = {}
_lock = threading.Lock()
# One import at a time in a server process: each holds its file's records in memory,
# so two large uploads at once would need twice the memory the upload limits allow
# for (and SQLite takes one writer at a time anyway). A later job waits its turn.
_one_import = threading.Lock()


def get(job_id: str) -> Job | None:
    """The job with this id, or None (never started, or forgotten since)."""
    with _lock:
        return _jobs.get(job_id)


def formats() -> list[tuple[str, str]]:
    """(name, title) of every importer that reads an uploaded file, most specific first.

    Importers reached only by URL (an IMAP account) are left out. Raises
    :class:`ImportFailed` when a plugin does not load.
    """
    return [
        (name, _(cls.title))  # the titles are marked for the catalog where they are defined
        for name, cls in registry.importer_classes().items()
        if not getattr(cls, "url_schemes", ())
    ]


def start(files: Iterable[UploadedFile[Any]], *, fmt: str | None, skip_bad_rows: bool) -> Job:
    """Save ``files`` and import them; return the job (already done for a small upload).

    ``fmt`` names the format of every file (None: recognise each one). Raises
    :class:`OSError` when the files cannot be written to the temporary folder.
    """
    folder = Path(tempfile.mkdtemp(prefix="partways-upload-"))
    try:
        uploads, size = _save(files, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    job = Job(uuid.uuid4().hex, [u.name for u in uploads])
    with _lock:
        _forget_old()
        _jobs[job.id] = job
    opts = ImportOptions(format=fmt, skip_bad_rows=skip_bad_rows)
    # A small upload is imported while the page waits, unless another import holds
    # the turn: then it waits in a thread of its own, not in one that serves pages.
    if size <= INLINE_BYTES and not _one_import.locked():
        run(job, uploads, folder, opts)
    else:
        # The thread reports in the language of the page that started it.
        language = translation.get_language()
        threading.Thread(
            target=_in_thread,
            args=(job, uploads, folder, opts, language),
            name=f"import-{job.id}",
        ).start()
    return job


def _save(files: Iterable[UploadedFile[Any]], folder: Path) -> tuple[list[_Upload], int]:
    uploads: list[_Upload] = []
    taken: set[str] = set()
    size = 0
    for i, upload in enumerate(files):
        name = Path(upload.name or "").name or f"upload-{i + 1}"
        # The same name twice (two months' report.csv) goes into a folder of its own:
        # importers know a file by its name, so it is kept as it was.
        if name.lower() in taken:
            target = folder / "again" / str(i) / name
        else:
            target = folder / "files" / name
        taken.add(name.lower())
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(upload, TemporaryUploadedFile):
            # Already on disk: a rename, not a second copy of half a gigabyte. Django
            # expects this (closing the upload afterwards finds its file gone).
            file_move_safe(upload.temporary_file_path(), str(target))
        else:
            with target.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
        size += upload.size or 0
        uploads.append(_Upload(name, target))
    return uploads, size


def _forget_old() -> None:
    finished = sorted((j for j in _jobs.values() if j.done), key=lambda j: j.created)
    for job in finished[: max(0, len(finished) - KEEP_JOBS + 1)]:
        del _jobs[job.id]


def _in_thread(
    job: Job, uploads: list[_Upload], folder: Path, opts: ImportOptions, language: str | None
) -> None:
    close_old_connections()
    try:
        with translation.override(language):
            run(job, uploads, folder, opts)
    finally:
        # This thread's own connection: nobody else will close it.
        connection.close()


def run(job: Job, uploads: list[_Upload], folder: Path, opts: ImportOptions) -> None:
    """Import every upload of ``job`` in order, label new messages, remove ``folder``.

    A file that cannot be imported is reported as such, and the next one is imported;
    the job ends done whatever happens.
    """
    try:
        with (
            _one_import,
            tightened({"archive.max_unpacked_bytes": "upload.max_unpacked_bytes"}),
        ):
            _import_all(job, uploads, opts)
    except Exception as exc:  # the page must end, and say why, whatever happened
        log.exception("import %s failed", job.id)
        job.problem = _("The import stopped: %(problem)s") % {"problem": exc}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        job.state = "done"


def _import_all(job: Job, uploads: list[_Upload], opts: ImportOptions) -> None:
    """Import each upload in turn (column-mapping files go with the file they map),
    then label the new messages."""
    # The page shows the first file from the start: reading each upload's format to
    # order them (and unpacking a ZIP) takes a moment, not a state of its own.
    job.current, job.state = 1, "importing"
    uploads = _in_import_order(_unpacked(uploads, opts))
    job.names = [u.name for u in uploads]
    mappings = _mapping_files(uploads)
    for k, upload in enumerate(uploads, start=1):
        job.current, job.rows = k, 0
        if upload.path in mappings:
            result = FileResult(upload.name, "", _("Column mapping"))
            result.mapping_for = mappings[upload.path]
        else:
            result = _import_guarded(job, upload, opts)
        job.results.append(result)
    if any(r.written for r in job.results):
        job.state = "labelling"
        try:
            job.labelled = _label(job)
        except Exception as exc:  # the files are in; say what is missing
            log.exception("labelling after import %s failed", job.id)
            job.problem = _(
                "The files were imported, but the new messages could not be read for "
                "the signs: %(problem)s"
            ) % {"problem": exc}


def _unpacked(uploads: list[_Upload], opts: ImportOptions) -> list[_Upload]:
    """The uploads, a ZIP of exports (one no importer reads as a whole) replaced by the
    exports inside it, each known as ``archive.zip/inner/name``. An archive that
    cannot be unpacked stays as it is, for its own error in the report."""
    out: list[_Upload] = []
    for upload in uploads:
        if (
            opts.format is not None
            or upload.path.suffix.lower() != ".zip"
            or registry.identify(upload.path) is not None
        ):
            out.append(upload)
            continue
        target = upload.path.with_name(upload.path.name + ".unpacked")
        try:
            unpack(upload.path, target)
            found = sources([str(target)], None)
        except ImportFailed:
            out.append(upload)
            continue
        for source in found:
            inner = Path(source.location).relative_to(target).as_posix()
            out.append(_Upload(f"{upload.name}/{inner}", Path(source.location)))
    return out


def _in_import_order(uploads: list[_Upload]) -> list[_Upload]:
    """Records and client lists first, then time and invoices, then payments, then mail,
    chat and calendars, as ``partways import FOLDER`` reads a folder."""
    return sorted(uploads, key=lambda u: import_phase(registry.identify(u.path)))


def _import_guarded(job: Job, upload: _Upload, opts: ImportOptions) -> FileResult:
    """One file's result, whatever happens: an importer that breaks on a file stops
    that file only (its transaction rolled back), not the files after it."""
    try:
        return _import_one(job, upload, opts)
    except Exception as exc:
        log.exception("importing %s (job %s) failed", upload.name, job.id)
        result = FileResult(upload.name, opts.format or "", "", refused=True)
        message = _("this file could not be read: %(problem)s") % {"problem": exc}
        result.errors.append(FileError(upload.name, None, None, message))
        return result


def _mapping_files(uploads: list[_Upload]) -> dict[Path, str]:
    """Uploaded column-mapping files that sit beside an uploaded file they map."""
    found: dict[Path, str] = {}
    by_path = {u.path: u.name for u in uploads}
    for upload in uploads:
        if upload.name.lower().endswith(MAPPING_SUFFIXES):
            continue
        for stem in (upload.path.name, upload.path.stem):
            for suffix in MAPPING_SUFFIXES:
                candidate = upload.path.with_name(stem + suffix)
                if candidate in by_path:
                    found[candidate] = upload.name
    return found


def _import_one(job: Job, upload: _Upload, opts: ImportOptions) -> FileResult:
    def advance(done: int, total: int | None) -> None:
        job.rows = done

    try:
        found = list(sources([str(upload.path)], opts.format))
    except ImportFailed as exc:
        result = FileResult(upload.name, opts.format or "", "", refused=True)
        location = str(upload.path)
        if exc.path == location:  # the page names the file, its line and column itself
            error = FileError(upload.name, exc.line, exc.column, exc.problem)
        else:
            error = FileError(upload.name, None, None, _renamed(exc.phrase, location, upload.name))
        result.errors.append(error)
        return result
    results = [_result(upload, import_source(s, opts, advance)) for s in found]
    if opts.format is None and results and not results[0].format:
        names = ", ".join(name for name, _title in formats())
        results[0].errors = [
            FileError(
                upload.name,
                None,
                None,
                _("No importer recognises this file; choose its format (one of: %(names)s).")
                % {"names": names},
            )
        ]
    return results[0]


def _result(upload: _Upload, report: FileReport) -> FileResult:
    location = str(upload.path)
    if report.written:
        # The batch names the file as the owner knows it, not the temporary copy.
        ImportBatch.objects.filter(source=location).update(source=upload.name)
    return FileResult(
        name=upload.name,
        format=report.importer,
        title=report.title,
        new=dict(report.new),
        updated=dict(report.updated),
        unchanged=dict(report.unchanged),
        skipped=dict(report.skipped),
        errors=[
            FileError(
                _shown(e.path, location, upload.name),
                e.line,
                e.column,
                _renamed(e.message, location, upload.name),
            )
            for e in report.errors
        ],
        notes=[_renamed(n, location, upload.name) for n in report.notes],
        clients_created=list(report.clients_created),
        unmatched_messages=report.unmatched_messages,
        unmatched_from=report.unmatched_addresses.most_common(5),
        proposed_own=report.proposed_own,
        refused=report.refused,
        written=report.written,
    )


def _renamed(phrase: Phrase, location: str, name: str) -> Phrase:
    """``phrase`` with the temporary copy's path, wherever it names it, replaced by the
    name the file was uploaded with."""
    params = {k: _renamed_value(v, location, name) for k, v in phrase.params.items()}
    return Phrase(phrase.code, phrase.text, params, phrase.plural)


def _renamed_value(value: object, location: str, name: str) -> object:
    if isinstance(value, str):
        return value.replace(location, name)
    if isinstance(value, Phrase):
        return _renamed(value, location, name)
    return value


def _shown(path: str, location: str, name: str) -> str:
    """A path as the owner knows it: inside an uploaded archive, relative to it."""
    if path == location:
        return name
    if path.startswith(location + "/"):
        return name + path[len(location) :]
    return path


def _label(job: Job) -> int:
    """Label what the import brought in, as ``partways import`` does; the count read."""
    from partways.store.analysis import analyze_messages, current_analyzer, pending_count

    analyzer = current_analyzer()
    if not pending_count(analyzer):
        return 0

    def advance(n: int) -> None:
        job.rows += n

    job.rows = 0
    return analyze_messages(analyzer, advance).analysed
