"""Uploaded exports, imported as ``partways import`` imports files, as a background job.

Django has written each uploaded file to a temporary file as it arrived
(:mod:`partways.web.uploads`); it is moved, not copied, into the job's folder in the
data folder (:mod:`partways.jobs.files`) under the name it was uploaded with
(importers recognise a format by name and content; a ``hours.csv.mapping.toml``
beside ``hours.csv`` is its column mapping, as on the command line). Every file is
then imported with the CLI's own functions (:mod:`partways.store.imports.run`): a
file with errors writes nothing, a file imported again adds nothing twice. Messages
that came in are labelled as ``partways import`` labels them, and the folder is removed.

The job is a row (:class:`partways.store.models.Job`): its progress ("file k of n")
and its report are read from the database by whichever web process the page asks.
A small upload, when no other import is running, is imported within the request:
it is done sooner than a progress page could show it. A larger one is queued for a
worker (``partways worker``), and the page polls its row.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.files.move import file_move_safe
from django.core.files.uploadedfile import TemporaryUploadedFile, UploadedFile
from django.utils.translation import gettext as _

from partways.core.limits import tightened
from partways.core.phrase import Phrase
from partways.importers import ImportFailed, registry
from partways.importers.archive import unpack
from partways.importers.generic_csv.importer import MAPPING_SUFFIXES
from partways.jobs.files import discard_files, job_files
from partways.jobs.queue import submit
from partways.jobs.runner import Progress
from partways.jobs.runner import run as run_job
from partways.store.imports.apply import FileReport
from partways.store.imports.run import ImportOptions, import_phase, import_source, sources
from partways.store.models import ImportBatch, Job

from .import_results import FileError, FileResult, ImportProgress

log = logging.getLogger(__name__)

# An upload this small (all files together) is imported within the request.
INLINE_BYTES = 256 * 1024


@dataclass(frozen=True)
class _Upload:
    name: str
    path: Path


def get(job_id: str) -> ImportProgress | None:
    """The import job with this id as its page shows it, or None (no such import)."""
    try:
        key = uuid.UUID(job_id)
    except ValueError:
        return None
    job = Job.objects.filter(id=key, kind=Job.Kind.IMPORT).first()
    return ImportProgress.of(job) if job is not None else None


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


def start(
    files: Iterable[UploadedFile[Any]],
    *,
    fmt: str | None,
    skip_bad_rows: bool,
    user: AbstractBaseUser | AnonymousUser | None = None,
) -> Job:
    """Save ``files`` and import them as a job; return the job (already done for a
    small upload, queued for a worker otherwise).

    ``fmt`` names the format of every file (None: recognise each one). Raises
    :class:`OSError` when the files cannot be written to the job's folder.
    """
    job_id = uuid.uuid4()
    folder = job_files(job_id)
    try:
        uploads, size = _save(files, folder)
    except BaseException:
        discard_files(job_id)
        raise
    params = {
        "uploads": [[u.name, u.path.relative_to(folder).as_posix()] for u in uploads],
        "format": fmt,
        "skip_bad_rows": skip_bad_rows,
    }
    # A small upload is imported while the page waits, unless another import is
    # running: then it waits its turn in the queue, not in a thread that serves pages.
    running = Job.objects.filter(kind=Job.Kind.IMPORT, state=Job.State.RUNNING).exists()
    inline = size <= INLINE_BYTES and not running
    job = submit(Job.Kind.IMPORT, params, user=user, job_id=job_id, queue=not inline)
    if inline:
        try:
            run_job(str(job.id))
        except Exception:  # recorded on the job, which its page shows
            log.warning("import %s failed within its request", job.id)
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


def run_import_job(job: Job, progress: Progress) -> dict[str, Any]:
    """Import every upload of ``job`` in order, label new messages, remove its folder;
    return the report (``files``, ``labelled``, ``problem``).

    A file that cannot be imported is reported as such, and the next one is imported;
    something that stops the whole import is the report's ``problem``, beside what
    the files before it did.
    """
    folder = job_files(job.id)
    uploads = [_Upload(name, folder / relative) for name, relative in job.params["uploads"]]
    opts = ImportOptions(
        format=job.params.get("format"), skip_bad_rows=bool(job.params.get("skip_bad_rows"))
    )
    report = _Report()
    try:
        with tightened({"archive.max_unpacked_bytes": "upload.max_unpacked_bytes"}):
            _import_all(uploads, opts, progress, report)
    except Exception as exc:  # the page must end, and say why, whatever happened
        log.exception("import %s failed", job.id)
        report.problem = _("The import stopped: %(problem)s") % {"problem": exc}
    finally:
        # Ended one way or the other: nothing will read the files again. (A worker
        # killed halfway never gets here, and its retry finds them.)
        discard_files(job.id)
    return report.to_json()


@dataclass
class _Report:
    files: list[FileResult] = field(default_factory=list)
    labelled: int = 0
    problem: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "files": [f.to_json() for f in self.files],
            "labelled": self.labelled,
            "problem": self.problem,
        }


def _import_all(
    uploads: list[_Upload], opts: ImportOptions, progress: Progress, report: _Report
) -> None:
    """Import each upload in turn (column-mapping files go with the file they map),
    then label the new messages."""
    # The page shows the first file from the start: reading each upload's format to
    # order them (and unpacking a ZIP) takes a moment, not a state of its own.
    progress(
        step="importing", current=1, total=len(uploads), detail=uploads[0].name if uploads else ""
    )
    uploads = _in_import_order(_unpacked(uploads, opts))
    mappings = _mapping_files(uploads)
    for k, upload in enumerate(uploads, start=1):
        progress(current=k, total=len(uploads), detail=upload.name, rows=0, force=True)
        if upload.path in mappings:
            result = FileResult(upload.name, "", _("Column mapping"))
            result.mapping_for = mappings[upload.path]
        else:
            result = _import_guarded(upload, opts, progress)
        report.files.append(result)
    if any(r.written for r in report.files):
        progress(step="labelling", rows=0)
        try:
            report.labelled = _label(progress)
        except Exception as exc:  # the files are in; say what is missing
            log.exception("labelling after an import failed")
            report.problem = _(
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


def _import_guarded(upload: _Upload, opts: ImportOptions, progress: Progress) -> FileResult:
    """One file's result, whatever happens: an importer that breaks on a file stops
    that file only (its transaction rolled back), not the files after it."""
    try:
        return _import_one(upload, opts, progress)
    except Exception as exc:
        log.exception("importing %s failed", upload.name)
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


def _import_one(upload: _Upload, opts: ImportOptions, progress: Progress) -> FileResult:
    def advance(done: int, total: int | None) -> None:
        # The last count is always written: the page shows the file was read whole.
        progress(rows=done, force=done == total)

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


def _label(progress: Progress) -> int:
    """Label what the import brought in, as ``partways import`` does; the count read."""
    from partways.store.analysis import analyze_messages, current_analyzer, pending_count

    analyzer = current_analyzer()
    if not pending_count(analyzer):
        return 0

    read = 0

    def advance(n: int) -> None:
        nonlocal read
        read += n
        progress(rows=read)

    return analyze_messages(analyzer, advance).analysed
