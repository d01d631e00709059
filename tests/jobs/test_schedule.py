"""The worker starts the nightly triage on its own: once per due time, in the business's
time zone, and only for a business that is set up and has clients."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from partways.jobs.schedule import start_due
from partways.store.models import BusinessSettings, Client, Job

pytestmark = pytest.mark.django_db

ZAGREB = ZoneInfo("Europe/Zagreb")


@pytest.fixture
def business() -> BusinessSettings:
    settings = BusinessSettings.load()
    settings.time_zone = "Europe/Zagreb"
    settings.configured_at = timezone.now()
    settings.save()
    Client.objects.create(name="Harbour Ltd")
    return settings


def _at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=ZAGREB)


def test_the_nightly_triage_is_started_once_at_its_hour(business: BusinessSettings) -> None:
    assert start_due(_at(7, 1, 59)) == []  # the 6th's 02:00 is a day old: skipped
    started = start_due(_at(7, 2, 1))
    assert [(j.kind, j.scheduled_for) for j in started] == [("triage", _at(7, 2))]
    assert start_due(_at(7, 2, 2)) == []  # another worker, a minute later
    assert start_due(_at(7, 9)) == []
    assert Job.objects.filter(kind="triage").count() == 1
    assert [j.scheduled_for for j in start_due(_at(8, 2))] == [_at(8, 2)]


def test_a_worker_that_was_down_catches_up_within_half_a_day(business: BusinessSettings) -> None:
    assert [j.scheduled_for for j in start_due(_at(7, 13, 59))] == [_at(7, 2)]
    Job.objects.all().delete()
    assert start_due(_at(7, 14, 1)) == []


def test_the_hour_is_the_business_s_setting(business: BusinessSettings) -> None:
    business.thresholds = {"schedule.triage_hour": 23}
    business.save()
    assert start_due(_at(7, 22)) == []
    assert [j.scheduled_for for j in start_due(_at(7, 23, 30))] == [_at(7, 23)]


def test_nothing_is_started_before_the_business_is_set_up_or_has_a_client() -> None:
    settings = BusinessSettings.load()
    settings.time_zone = "Europe/Zagreb"
    settings.configured_at = None  # not set up (whatever an earlier module left)
    settings.save()
    Client.objects.create(name="Harbour Ltd")
    assert start_due(_at(7, 3)) == []
    settings.configured_at = timezone.now()
    settings.save()
    Client.objects.all().delete()
    assert start_due(_at(7, 3)) == []
