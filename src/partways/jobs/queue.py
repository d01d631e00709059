"""Putting a job on the queue."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.utils import translation

from partways.store.models import Job

from .tasks import run_job


def submit(
    kind: str,
    params: dict[str, Any] | None = None,
    *,
    user: AbstractBaseUser | AnonymousUser | None = None,
    language: str | None = None,
    scheduled_for: dt.datetime | None = None,
    job_id: uuid.UUID | None = None,
    queue: bool = True,
) -> Job:
    """Record a job of ``kind`` and queue it for a worker; return the job row.

    The row and its task are written in one transaction, so a worker never finds a
    task without its job. ``language`` (default: the active one) is the language the
    job's report and messages are worded in. Raises ``IntegrityError`` when a job of
    this kind is already scheduled for ``scheduled_for``.

    ``job_id`` gives the job the id its files were saved under. With ``queue=False``
    the job is only recorded: the caller runs it at once (:func:`.runner.run`).
    """
    with transaction.atomic():
        job = Job.objects.create(
            id=job_id or uuid.uuid4(),
            kind=kind,
            params=params or {},
            language=language or translation.get_language() or "en",
            started_by=user if isinstance(user, User) else None,
            scheduled_for=scheduled_for,
        )
        if queue:
            queued = run_job.enqueue(str(job.id))
            job.task_id = str(queued.id)
            job.save(update_fields=["task_id"])
    return job
