"""``partways worker``: the queue's own worker, plus the beat, the recovery and the schedule.

The loop that takes and runs tasks is django_tasks_db's. Beside it a thread, on its
own database connection, says every few seconds that this worker is alive, takes back
the tasks of workers that are gone (:mod:`.recovery`) and starts what the schedule
says is due (:mod:`.schedule`). The thread never runs a job, so a long import does
not stop it from beating.
"""

from __future__ import annotations

import logging
import os
import threading
from types import FrameType
from typing import Any

from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker as QueueWorker

from partways.store.models import WorkerBeat

from . import housekeeping, recovery, schedule

log = logging.getLogger(__name__)

# Seconds between two beats; a worker elsewhere is given jobs.worker_lease_seconds.
BEAT_SECONDS = 5.0
# Seconds between two looks at the schedule.
SCHEDULE_SECONDS = 60.0


class Worker(QueueWorker):
    """A queue worker that beats, recovers lost tasks and starts scheduled jobs."""

    def __init__(
        self,
        *,
        interval: float = 1.0,
        scheduler: bool = True,
        parent_pid: int | None = None,
        **options: Any,
    ) -> None:
        self.worker_id = options.pop("worker_id", None) or get_random_string(32)
        super().__init__(
            queue_names=["default"],
            interval=interval,
            batch=options.pop("batch", False),
            backend_name="default",
            startup_delay=options.pop("startup_delay", True),
            max_tasks=options.pop("max_tasks", None),
            worker_id=self.worker_id,
            excluded_queue_names=[],
        )
        self.scheduler = scheduler
        # The process that started this worker (partways serve), when it asked to be
        # outlived by no worker of its own.
        self.parent_pid = parent_pid
        self._stop = threading.Event()

    def shutdown(self, signum: int, frame: FrameType | None) -> None:
        """The first SIGINT or SIGTERM stops the worker after the job in hand; a second
        one stops it at once, as a kill does: the job is not failed but started again
        by the next worker (partways.jobs.recovery), with nothing half-applied."""
        if not self.running and self.running_task:
            log.warning("worker %s: stopping now; its job will run again", self.worker_id)
            os._exit(1)
        super().shutdown(signum, frame)

    def run(self) -> None:
        """Run tasks until told to stop; the beat thread runs beside the loop."""
        _beat(self.worker_id, first=True)
        recovery.reap()
        if self.scheduler:
            schedule.start_due()
        companion = threading.Thread(target=self._companion, name="partways-beat", daemon=True)
        companion.start()
        try:
            super().run()
        finally:
            self._stop.set()
            companion.join(timeout=BEAT_SECONDS * 2)
            try:
                WorkerBeat.objects.filter(worker_id=self.worker_id).delete()
            except DatabaseError:
                log.warning("worker %s could not remove its beat", self.worker_id)
            connection.close()  # this thread's, when the worker runs in one

    def _companion(self) -> None:
        """Beat, recover and schedule until the worker stops (its own connection)."""
        since_schedule = 0.0  # run() looked at it just before
        try:
            while not self._stop.wait(BEAT_SECONDS):
                if self.parent_pid is not None and os.getppid() != self.parent_pid:
                    log.warning("worker %s: the server that started it has ended", self.worker_id)
                    self.running = False  # ends after the job in hand, or at once
                    return
                close_old_connections()
                try:
                    _beat(self.worker_id)
                    recovery.reap()
                    if since_schedule >= SCHEDULE_SECONDS:
                        since_schedule = 0.0
                        housekeeping.discard_old_files()
                        housekeeping.fail_abandoned()
                        if self.scheduler:
                            schedule.start_due()
                except DatabaseError as exc:
                    # SQLite: a long import's transaction holds the write lock past the
                    # busy timeout. The next beat tries again; on this machine the
                    # worker's process is what tells others it is alive.
                    log.info("worker %s: beat skipped (%s)", self.worker_id, exc)
                since_schedule += BEAT_SECONDS
        finally:
            connection.close()


def _beat(worker_id: str, *, first: bool = False) -> None:
    now = timezone.now()
    defaults: dict[str, Any] = {"host": recovery.HOST, "pid": os.getpid(), "seen_at": now}
    if first:
        defaults["started_at"] = now
        WorkerBeat.objects.update_or_create(worker_id=worker_id, defaults=defaults)
    else:
        updated = WorkerBeat.objects.filter(worker_id=worker_id).update(seen_at=now)
        if not updated:  # removed as gone while this process was stopped: back again
            WorkerBeat.objects.create(worker_id=worker_id, started_at=now, **defaults)
