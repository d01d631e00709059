"""Tidying after jobs: the files of finished jobs, kept a while for download, then removed;
and a job run within a web request (a small upload) whose process died under it."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from partways.store.models import Job

from .files import discard_files, job_files

# A finished job's files (a letter's PDF) can be downloaded for this long.
KEEP_FILES = dt.timedelta(days=1)
# A folder no job claims is removed once it is this old.
UNCLAIMED = dt.timedelta(hours=1)
# A job run within a request (never queued) still running after this long lost its
# process: such a job is a small upload, imported in seconds.
ABANDONED = dt.timedelta(hours=1)


def fail_abandoned(now: dt.datetime | None = None) -> int:
    """Mark failed the jobs run within a web request that never ended; how many.

    Nothing else would: no worker holds them, so no worker's death is noticed. What
    they had written in an open transaction was rolled back when their process ended.
    """
    from django.utils import translation
    from django.utils.translation import gettext as _

    now = now or timezone.now()
    stale = Job.objects.filter(state=Job.State.RUNNING, task_id="", started_at__lt=now - ABANDONED)
    count = 0
    for job in stale:
        with translation.override(job.language or None):
            problem = _(
                "The web process running this job stopped before it ended; nothing it "
                "had not finished was kept."
            )
        count += Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(
            state=Job.State.FAILED, finished_at=now, problem=problem
        )
        discard_files(job.pk)
    return count


def discard_old_files(now: dt.datetime | None = None) -> int:
    """Remove the folders of jobs that finished more than :data:`KEEP_FILES` ago, and
    of jobs that no longer exist; return how many were removed.

    A folder without a job is left for :data:`UNCLAIMED` first: an upload's files are
    saved a moment before its job is recorded.
    """
    root = job_files("x").parent
    if not root.is_dir():
        return 0
    now = now or timezone.now()
    cutoff = now - KEEP_FILES
    names = {p.name for p in root.iterdir() if p.is_dir()}
    if not names:
        return 0
    jobs = dict(Job.objects.filter(pk__in=_ids(names)).values_list("pk", "finished_at"))
    finished = {str(pk): at for pk, at in jobs.items()}
    removed = 0
    for name in names:
        if name in finished:
            at = finished[name]
            if at is None or at >= cutoff:
                continue
        else:
            changed = dt.datetime.fromtimestamp((root / name).stat().st_mtime, dt.UTC)
            if now - changed < UNCLAIMED:
                continue
        discard_files(name)
        removed += 1
    return removed


def _ids(names: set[str]) -> list[str]:
    ids = []
    for name in names:
        try:
            ids.append(str(uuid.UUID(name)))
        except ValueError:
            continue
    return ids
