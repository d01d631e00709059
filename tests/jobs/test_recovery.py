"""A task whose worker is gone is taken back: started again, or failed with the reason.

The worker's death is real (a process that has ended, on this machine; a worker on
another machine silent past its lease), and the queue's rows are the real ones.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.utils import timezone, translation
from django.utils.translation import ngettext
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from partways.jobs.files import job_files
from partways.jobs.queue import submit
from partways.jobs.recovery import HOST, reap
from partways.store.models import Job, WorkerBeat

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def dead_pid() -> int:
    """The id of a process of this machine that has ended."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _taken_by(job: Job, worker: str, *, host: str = HOST, pid: int, seen: dt.datetime) -> None:
    """``worker`` claims ``job``'s task, as the queue's worker does, and says it is alive."""
    task = DBTaskResult.objects.get(pk=job.task_id)
    task.claim(worker)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    WorkerBeat.objects.update_or_create(
        worker_id=worker,
        defaults={"host": host, "pid": pid, "started_at": seen, "seen_at": seen},
    )


def _task(job: Job) -> DBTaskResult:
    return DBTaskResult.objects.get(pk=job.task_id)


def test_a_task_whose_worker_process_ended_is_queued_again(dead_pid: int) -> None:
    job = submit(Job.Kind.TRIAGE)
    _taken_by(job, "w1", pid=dead_pid, seen=timezone.now())
    assert reap() == [str(job.pk)]
    assert _task(job).status == TaskResultStatus.READY
    job.refresh_from_db()
    assert job.state == Job.State.WAITING and not job.problem
    # The dead worker's beat is gone; the task remembers who had it.
    assert not WorkerBeat.objects.filter(worker_id="w1").exists()
    assert _task(job).worker_ids == ["w1"]


def test_a_task_whose_worker_is_alive_is_left_alone() -> None:
    job = submit(Job.Kind.TRIAGE)
    _taken_by(job, "alive", pid=os.getpid(), seen=timezone.now() - dt.timedelta(hours=1))
    assert reap() == []
    assert _task(job).status == TaskResultStatus.RUNNING


def test_a_worker_elsewhere_is_given_its_lease_then_its_task_is_taken_back() -> None:
    job = submit(Job.Kind.TRIAGE)
    now = timezone.now()
    _taken_by(job, "far", host="another-machine", pid=1, seen=now - dt.timedelta(seconds=30))
    assert reap(now) == []
    assert reap(now + dt.timedelta(seconds=31)) == [str(job.pk)]
    assert _task(job).status == TaskResultStatus.READY


def test_after_its_last_start_the_job_fails_in_its_starter_s_language_and_its_files_go(
    dead_pid: int,
) -> None:
    with translation.override("hr"):
        job = submit(Job.Kind.IMPORT, {"uploads": []})
    folder = job_files(job.pk)
    (folder / "files").mkdir(parents=True)
    (folder / "files" / "hours.csv").write_text("x")
    for n in (1, 2, 3):  # jobs.max_attempts is 3
        _taken_by(job, f"w{n}", pid=dead_pid, seen=timezone.now())
        assert reap() == [str(job.pk)]
        assert folder.exists() == (n < 3)
    task = _task(job)
    assert task.status == TaskResultStatus.FAILED
    assert task.exception_class_path == "partways.jobs.recovery.WorkerLost"
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.finished_at is not None
    with translation.override("hr"):
        worded = ngettext(
            "The worker running this job stopped before it ended, %(n)d time; nothing "
            "it had not finished was kept.",
            "The worker running this job stopped before it ended, %(n)d times; nothing "
            "it had not finished was kept.",
            3,
        )
    assert job.problem == worded % {"n": 3}
    assert "The worker" not in job.problem  # Croatian, as the job's starter reads


def test_fewer_starts_are_allowed_when_the_operator_says_so(
    dead_pid: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARTWAYS_LIMIT_JOBS_MAX_ATTEMPTS", "1")
    job = submit(Job.Kind.TRIAGE)
    _taken_by(job, "only", pid=dead_pid, seen=timezone.now())
    reap()
    assert _task(job).status == TaskResultStatus.FAILED
    assert Job.objects.get(pk=job.pk).state == Job.State.FAILED
