"""After jobs: finished jobs' files go after a day, unclaimed folders after an hour, and a
job run within a web request whose process died is failed rather than left running."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils import timezone

from partways.jobs.files import job_files
from partways.jobs.housekeeping import discard_old_files, fail_abandoned
from partways.jobs.queue import submit
from partways.store.models import Job

pytestmark = pytest.mark.django_db


def _folder(name: str, age: dt.timedelta = dt.timedelta(0)) -> None:
    folder = job_files(name)
    (folder / "files").mkdir(parents=True, exist_ok=True)
    stamp = (timezone.now() - age).timestamp()
    os.utime(folder, (stamp, stamp))


def test_files_stay_while_needed_and_go_after() -> None:
    now = timezone.now()
    running = submit(Job.Kind.IMPORT, {"uploads": []})
    Job.objects.filter(pk=running.pk).update(state=Job.State.RUNNING)
    fresh = submit(Job.Kind.LETTER_PDF, {})
    Job.objects.filter(pk=fresh.pk).update(state="done", finished_at=now - dt.timedelta(hours=3))
    old = submit(Job.Kind.LETTER_PDF, {})
    Job.objects.filter(pk=old.pk).update(state="done", finished_at=now - dt.timedelta(days=2))
    for job in (running, fresh, old):
        _folder(str(job.pk))
    _folder("6b1c3f4e-0000-4000-8000-000000000001")  # saved a moment ago, job not yet made
    _folder("6b1c3f4e-0000-4000-8000-000000000002", age=dt.timedelta(hours=2))
    assert discard_old_files(now) == 2
    assert job_files(running.pk).exists() and job_files(fresh.pk).exists()
    assert not job_files(old.pk).exists()
    assert job_files("6b1c3f4e-0000-4000-8000-000000000001").exists()
    assert not job_files("6b1c3f4e-0000-4000-8000-000000000002").exists()
    for job in (running, fresh):
        job_files(job.pk).joinpath("files").rmdir()
        job_files(job.pk).rmdir()
    job_files("6b1c3f4e-0000-4000-8000-000000000001").joinpath("files").rmdir()
    job_files("6b1c3f4e-0000-4000-8000-000000000001").rmdir()


def test_a_job_run_within_a_request_whose_process_died_is_failed_after_an_hour() -> None:
    job = submit(Job.Kind.IMPORT, {"uploads": []}, queue=False)
    started = timezone.now() - dt.timedelta(minutes=30)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, started_at=started)
    queued = submit(Job.Kind.IMPORT, {"uploads": []})  # a worker's: recovery's business
    Job.objects.filter(pk=queued.pk).update(state=Job.State.RUNNING, started_at=started)
    assert fail_abandoned() == 0  # still within its hour
    assert fail_abandoned(timezone.now() + dt.timedelta(minutes=31)) == 1
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and "web process" in job.problem
    assert Job.objects.get(pk=queued.pk).state == Job.State.RUNNING
