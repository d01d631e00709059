"""Tidying after jobs: the files of finished jobs, kept a while for download, then removed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from partways.store.models import Job

from .files import discard_files, job_files

# A finished job's files (a letter's PDF) can be downloaded for this long.
KEEP_FILES = dt.timedelta(days=1)
# A folder no job claims is removed once it is this old.
UNCLAIMED = dt.timedelta(hours=1)


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
    import uuid

    ids = []
    for name in names:
        try:
            ids.append(str(uuid.UUID(name)))
        except ValueError:
            continue
    return ids
