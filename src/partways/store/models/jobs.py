"""Work that runs in the background, and the workers that run it.

A :class:`Job` is what the pages show: what is being done, how far it has got, what
came of it and why it stopped. Running it is the task queue's business
(``django_tasks_db``: one row per attempt in its own table); a job row outlives
those rows and is read by any web process, so a page polled from another process
than the one that started the job still finds it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Job(models.Model):
    """One piece of background work: an import of uploaded files, a triage, a digest."""

    class Kind(models.TextChoices):
        IMPORT = "import"
        TRIAGE = "triage"
        LETTER_PDF = "letter_pdf"
        DIGEST = "digest"
        SYNC = "sync"

    class State(models.TextChoices):
        WAITING = "waiting"  # queued: no worker has taken it yet (or it is to be retried)
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"  # it stopped with an error, or its worker died too often

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    # What it is doing now, a code the page words ("importing", "labelling", "signals").
    step = models.CharField(max_length=40, blank=True, default="")
    detail = models.CharField(max_length=500, blank=True, default="")  # e.g. the file's name
    current = models.PositiveIntegerField(default=0)  # 1-based: the file being imported
    total = models.PositiveIntegerField(default=0)
    rows = models.PositiveBigIntegerField(default=0)  # rows or messages read in this step
    params = models.JSONField(default=dict, help_text="What to do, as the starter asked.")
    result = models.JSONField(default=dict, help_text="What came of it, for the report.")
    # Why it failed, in the starter's language: the worker words it as the job ends.
    problem = models.TextField(blank=True, default="")
    # The starter's language, which the job's report and messages are worded in.
    language = models.CharField(max_length=10, blank=True, default="")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The task queue's id for the latest attempt.
    task_id = models.CharField(max_length=64, blank=True, default="")
    # For a scheduled job (the nightly triage, the digest): the time it was due. Two
    # workers that both find it due create it once: the second meets the constraint.
    scheduled_for = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["kind", "-created_at"], name="job_kind_created"),
            models.Index(fields=["task_id"], name="job_task"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["kind", "scheduled_for"], name="one_job_per_schedule")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.id} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


class WorkerBeat(models.Model):
    """A running worker, as it last said it was alive.

    A task whose worker stopped beating (killed, or its machine gone) is taken back
    by the other workers: retried, or failed once it has used its attempts.
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.worker_id} on {self.host} (pid {self.pid})"
