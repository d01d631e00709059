"""Running one job: its kind's work, with its progress and its end on the job's row."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.db.models import F
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from partways.store.models import Job

log = logging.getLogger(__name__)

# What each kind of job does: a function of (job, progress) that raises when the job
# fails and returns the result to store. Named by path, so a worker imports only what
# the jobs it runs need.
KINDS: dict[str, str] = {
    Job.Kind.IMPORT: "partways.web.import_jobs.run_import_job",
    Job.Kind.TRIAGE: "partways.jobs.triage.run_triage_job",
    Job.Kind.LETTER_PDF: "partways.jobs.letters.run_letter_pdf_job",
    Job.Kind.DIGEST: "partways.jobs.digest.run_digest_job",
    Job.Kind.SYNC: "partways.jobs.sync.run_sync_job",
}

# Progress is written at most this often (seconds): a page polls once a second, and
# an import reading 100,000 rows would otherwise write 100,000 times.
PROGRESS_EVERY = 0.5


class Progress:
    """How far a job has got, written to its row for the pages to read."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self._written = 0.0

    def __call__(
        self,
        *,
        step: str | None = None,
        detail: str | None = None,
        current: int | None = None,
        total: int | None = None,
        rows: int | None = None,
        force: bool = False,
    ) -> None:
        """Record what changed; written now when a step or a file changes (or
        ``force``), a row count at most every :data:`PROGRESS_EVERY` seconds."""
        changed: dict[str, Any] = {}
        for name, value in (
            ("step", step),
            ("detail", detail),
            ("current", current),
            ("total", total),
        ):
            if value is not None and getattr(self.job, name) != value:
                changed[name] = value
        if rows is not None:
            self.job.rows = rows
        now = time.monotonic()
        if not changed and not force and now - self._written < PROGRESS_EVERY:
            return
        for name, value in changed.items():
            setattr(self.job, name, value)
        self._written = now
        Job.objects.filter(id=self.job.id).update(
            step=self.job.step,
            detail=self.job.detail[:500],
            current=self.job.current,
            total=self.job.total,
            rows=self.job.rows,
        )


def run(job_id: str) -> str:
    """Run the job with this id in its starter's language; return the state it ended in.

    A job already finished (a task delivered twice) is left as it is. Raises the job's
    own error after recording it on the row as the job's problem.
    """
    job = Job.objects.get(id=job_id)
    if job.finished:
        return job.state
    Job.objects.filter(id=job.id).update(
        state=Job.State.RUNNING,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
        step="",
        detail="",
        current=0,
        rows=0,
        problem="",
    )
    job.refresh_from_db()
    work: Callable[[Job, Progress], dict[str, Any]] = import_string(KINDS[job.kind])
    with translation.override(job.language or None):
        try:
            result = work(job, Progress(job))
        except BaseException as exc:  # a worker told to stop at once ends it too
            log.exception("job %s (%s) failed", job.id, job.kind)
            _finish(job, Job.State.FAILED, problem=_problem(exc))
            raise
    _finish(job, Job.State.DONE, result=result)
    return Job.State.DONE


def _problem(exc: BaseException) -> str:
    """What stopped a job, in a sentence for its page, in the active language."""
    return _("The job stopped: %(problem)s") % {"problem": str(exc) or type(exc).__name__}


def _finish(
    job: Job, state: str, *, result: dict[str, Any] | None = None, problem: str = ""
) -> None:
    fields: dict[str, Any] = {"state": state, "finished_at": timezone.now(), "problem": problem}
    if result is not None:
        fields["result"] = result
    Job.objects.filter(id=job.id).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)
