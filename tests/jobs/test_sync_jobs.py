"""The worker syncs the connected services on its own, every ``sync.interval_hours``.

One job per interval syncs every connection due; a service that cannot be read is
recorded on its connection, and the job still ends (the next one tries again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.utils import timezone

from partways.connectors.fake_api import FakeApi, Reply
from partways.connectors.stripe.tests.fake_stripe import KEY, FakeStripe
from partways.jobs.queue import submit
from partways.jobs.runner import run
from partways.jobs.schedule import start_due
from partways.store.models import BusinessSettings, Connection, Job, Payment
from partways.store.sync.secrets import seal

pytestmark = pytest.mark.django_db(transaction=True)

NOON = dt.datetime(2026, 12, 7, 12, 5, tzinfo=dt.UTC)


@pytest.fixture
def stripe() -> Iterator[FakeApi]:
    with FakeApi(FakeStripe().route) as api:
        yield api


def _connection(api: FakeApi, label: str = "stripe") -> Connection:
    return Connection.objects.create(
        service="stripe", label=label, base_url=api.url, secret=seal({"key": KEY})
    )


def test_one_sync_job_per_interval_for_the_connections_due(stripe: FakeApi) -> None:
    due = _connection(stripe)
    recent = _connection(stripe, "stripe-shop")
    recent.last_sync_at = NOON - dt.timedelta(hours=1)
    recent.save()
    # Before any client exists too: the first sync is what brings them.
    (job,) = start_due(NOON)
    assert job.kind == "sync" and job.params == {"connections": [due.pk]}
    assert job.scheduled_for == dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC)  # 6-hour slots
    assert start_due(NOON + dt.timedelta(minutes=1)) == []  # another worker, a minute later


def test_an_interval_of_zero_syncs_only_when_asked(stripe: FakeApi) -> None:
    _connection(stripe)
    settings = BusinessSettings.load()
    settings.thresholds = {"sync.interval_hours": 0}
    settings.save()
    assert start_due(NOON) == []


def test_the_job_syncs_and_records_a_failure_without_failing(stripe: FakeApi) -> None:
    connection = _connection(stripe)
    job = submit(Job.Kind.SYNC, {"connections": [connection.pk]}, language="hr", queue=False)
    assert run(str(job.id)) == Job.State.DONE
    job.refresh_from_db()
    assert job.result["connections"]["stripe"]["new"]["payments"] == 4
    assert Payment.objects.count() == 4
    connection.refresh_from_db()
    assert connection.last_ok is True and connection.cursor

    stripe.interrupt(Reply(401, {"error": {"message": "Expired API Key provided"}}))
    again = submit(Job.Kind.SYNC, {}, language="hr", queue=False)
    assert run(str(again.id)) == Job.State.DONE
    again.refresh_from_db()
    outcome = again.result["connections"]["stripe"]
    assert outcome["ok"] is False and "HTTP 401" in outcome["problem"]
    connection.refresh_from_db()
    assert connection.last_ok is False
    assert connection.last_sync_at is not None and connection.last_sync_at <= timezone.now()
