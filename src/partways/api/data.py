"""Putting data in: records, export files, and a triage; and following the jobs."""

from __future__ import annotations

import json
import tempfile
import uuid
from pathlib import Path
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from partways.store.models import Job, TeamMember

from .auth import MANAGERS, OWNER, require
from .schemas import JobOut, Problem, RecordsReport

router = Router(tags=["records, imports and jobs"])


@router.get("/jobs/{job_id}", response={200: JobOut, 403: Problem, 404: Problem})
def get_job(request: HttpRequest, job_id: uuid.UUID) -> Job:
    """A job the member started (the owner: any job)."""
    asking = require(request, *MANAGERS)
    job = Job.objects.filter(pk=job_id).first()
    mine = job is not None and job.started_by_id == request.user.pk
    if job is None or not (asking.role == TeamMember.Role.OWNER or mine):
        raise HttpError(404, "No such job.")
    return job


@router.post("/imports", response={202: JobOut, 403: Problem, 422: Problem})
def start_import(
    request: HttpRequest,
    files: File[list[UploadedFile]],
    format: Form[str] = "",
    skip_bad_rows: Form[bool] = False,
) -> Status[Job]:
    """Import export files (multipart ``files``), as the web's import page does; a small
    upload is done when this answers, a larger one is queued for a worker. ``format``
    names every file's format (empty: recognise each one)."""
    from partways.web import import_jobs

    require(request, *OWNER)
    if not files:
        raise HttpError(422, "files: give at least one file.")
    try:
        job = import_jobs.start(
            files, fmt=format or None, skip_bad_rows=skip_bad_rows, user=request.user
        )
    except OSError as exc:
        raise HttpError(422, f"The files could not be saved for import: {exc}") from None
    job.refresh_from_db()
    return Status(202, job)


@router.get("/imports/{job_id}", response={200: JobOut, 403: Problem, 404: Problem})
def get_import(request: HttpRequest, job_id: uuid.UUID) -> Job:
    """An import's progress, then its report: each file's counts, errors (with line and
    column, as codes with parameters) and notes, in ``result.files``."""
    require(request, *OWNER)
    job = Job.objects.filter(pk=job_id, kind=Job.Kind.IMPORT).first()
    if job is None:
        raise HttpError(404, "No such import.")
    return job


@router.post("/records", response={201: RecordsReport, 403: Problem, 422: RecordsReport})
def create_records(request: HttpRequest) -> Status[RecordsReport]:
    """Create or update records from a JSON document in the records-file layout
    (``docs/records-file.md``: clients, contacts, projects, contracts, deliverables,
    proposals, incidents, flags…). Imported as a file would be: a document with any
    error writes nothing (422, every error with its line and column); the same record
    sent again adds nothing twice."""
    from partways.store.imports.run import ImportOptions, import_source, sources

    require(request, *OWNER)
    try:
        document: Any = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise HttpError(422, f"The body is not JSON: {exc}") from None
    if not isinstance(document, dict):
        raise HttpError(422, "The body must be a JSON object of record sections.")
    with tempfile.TemporaryDirectory(prefix="partways-api-") as folder:
        path = Path(folder) / "records.json"
        # Indented, so an error's line points at the record that has it.
        path.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
        (source,) = sources([str(path)], "records")
        report = import_source(source, ImportOptions(format="records"))
    out = RecordsReport(
        written=report.written,
        new=dict(report.new),
        updated=dict(report.updated),
        unchanged=dict(report.unchanged),
        errors=[
            {"line": e.line, "column": e.column, "message": e.message.to_json()}
            for e in report.errors
        ],
    )
    return Status((422 if report.refused else 201), out)
