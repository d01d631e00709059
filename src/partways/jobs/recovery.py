"""Taking back the tasks of workers that stopped: retried, or failed with the reason.

A worker that is killed (or whose machine goes away) leaves its task marked running
for ever; the queue itself never looks again. Every worker looks, when it starts and
every few seconds after: a running task whose worker is gone is put back on the queue
while it has starts left (``jobs.max_attempts``), and failed otherwise. Whatever the
dead worker had written in an open transaction was rolled back by the database, so
the next start begins from what was committed.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import uuid

from django.utils import timezone, translation
from django.utils.translation import ngettext
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from partways.core.limits import limit
from partways.store.models import Job, WorkerBeat

from .files import discard_files

log = logging.getLogger(__name__)

HOST = socket.gethostname()


class WorkerLost(RuntimeError):
    """The worker running a task stopped before the task ended."""


# Whether a process can be asked if it is alive (signal 0). On Windows os.kill ends the
# process instead, so there a worker is judged by its beats alone, as one elsewhere is.
CAN_ASK = os.name == "posix"


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (POSIX)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, and belongs to someone else
        return True
    return True


def worker_alive(worker_id: str, started_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether the worker ``worker_id`` may still be running its task.

    On this machine its process is asked; a worker elsewhere counts as alive while it
    has said so within ``jobs.worker_lease_seconds``. A worker that never said so (one
    started without partways' worker) is given that long from its task's start.
    """
    lease = dt.timedelta(seconds=limit("jobs.worker_lease_seconds"))
    beat = WorkerBeat.objects.filter(worker_id=worker_id).first()
    if beat is None:
        return started_at is not None and now - started_at < lease
    if beat.host == HOST and CAN_ASK:
        return process_alive(beat.pid)
    return now - beat.seen_at < lease


def reap(now: dt.datetime | None = None) -> list[str]:
    """Take back every running task whose worker is gone; return the ids of their jobs."""
    now = now or timezone.now()
    taken: list[str] = []
    for task in DBTaskResult.objects.running().only("id", "worker_ids", "started_at"):
        workers = task.worker_ids or [""]
        if worker_alive(workers[-1], task.started_at, now):
            continue
        job_id = _take_back(task.pk, list(task.worker_ids))
        if job_id:
            taken.append(job_id)
    _forget_dead_workers(now)
    return taken


def _take_back(task_pk: uuid.UUID | str, workers: list[str]) -> str | None:
    """Retry or fail one task (unless another worker did first); its job's id."""
    with exclusive_transaction(DBTaskResult.objects.db):
        task = DBTaskResult.objects.select_for_update().filter(pk=task_pk).first()
        # Another worker took it back, or it ended, since it was read.
        if task is None or task.status != TaskResultStatus.RUNNING or task.worker_ids != workers:
            return None
        job = Job.objects.select_for_update().filter(task_id=str(task.pk)).first()
        starts = len(task.worker_ids)
        if starts < limit("jobs.max_attempts"):
            task.status = TaskResultStatus.READY
            task.started_at = None
            task.save(update_fields=["status", "started_at"])
            if job is not None:
                Job.objects.filter(pk=job.pk).update(state=Job.State.WAITING, step="")
            log.warning(
                "worker %s stopped during task %s (start %d): it will run again",
                workers[-1],
                task.pk,
                starts,
            )
        else:
            problem = _lost(job, starts)
            task.set_failed(WorkerLost(problem))
            if job is not None:
                Job.objects.filter(pk=job.pk).update(
                    state=Job.State.FAILED, finished_at=timezone.now(), problem=problem
                )
                discard_files(job.pk)
            log.error(
                "worker %s stopped during task %s (start %d): failed", workers[-1], task.pk, starts
            )
    return str(job.pk) if job is not None else None


def _lost(job: Job | None, starts: int) -> str:
    language = job.language if job is not None and job.language else None
    with translation.override(language):
        return ngettext(
            "The worker running this job stopped before it ended, %(n)d time; nothing "
            "it had not finished was kept.",
            "The worker running this job stopped before it ended, %(n)d times; nothing "
            "it had not finished was kept.",
            starts,
        ) % {"n": starts}


def _forget_dead_workers(now: dt.datetime) -> None:
    """Remove the beats of workers that are gone, so the table lists the living."""
    lease = dt.timedelta(seconds=limit("jobs.worker_lease_seconds"))
    for beat in WorkerBeat.objects.all():
        if beat.host == HOST and CAN_ASK:
            gone = not process_alive(beat.pid)
        else:
            gone = now - beat.seen_at > 10 * lease
        if gone:
            WorkerBeat.objects.filter(pk=beat.pk, seen_at=beat.seen_at).delete()
