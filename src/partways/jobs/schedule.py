"""What the worker starts on its own: the nightly triage, the digest and the syncs.

Each is due once a day at an hour of the business's time zone (the settings
``schedule.triage_hour`` and ``schedule.digest_hour``). Every worker checks every
minute; the job for one due time is created once, whichever worker gets there first
(a unique constraint on kind and due time). A worker that was down at the hour
starts the missed run when it comes back, unless half a day has passed: then the
next one is soon enough.

Connected services are synced every ``sync.interval_hours``: one job per interval
slot syncs every connection whose last sync is at least that old (the same unique
constraint makes it one job, whichever worker gets there first).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator

from django.db import IntegrityError
from django.utils import timezone

from partways.core.config import Thresholds
from partways.notify import mail
from partways.store.business import business_zone, load_business
from partways.store.models import BusinessSettings, Client, Connection, Job

from .queue import submit

log = logging.getLogger(__name__)

# The settings that say at which hour each scheduled kind runs.
SCHEDULED: dict[str, str] = {
    Job.Kind.TRIAGE: "schedule.triage_hour",
    Job.Kind.DIGEST: "schedule.digest_hour",
}
# A run missed by more than this is skipped, not caught up.
CATCH_UP = dt.timedelta(hours=12)


def due_times(now: dt.datetime, cfg: Thresholds) -> Iterator[tuple[str, dt.datetime]]:
    """Each scheduled kind with the latest time it was due at or before ``now``,
    left out when that is more than :data:`CATCH_UP` ago."""
    zone = business_zone()
    local = now.astimezone(zone)
    for kind, key in SCHEDULED.items():
        hour = cfg.int(key) % 24
        when = dt.datetime.combine(local.date(), dt.time(hour), tzinfo=zone)
        if when > local:
            when = dt.datetime.combine(
                local.date() - dt.timedelta(days=1), dt.time(hour), tzinfo=zone
            )
        if now - when <= CATCH_UP:
            yield kind, when


def start_due(now: dt.datetime | None = None, kinds: frozenset[str] | None = None) -> list[Job]:
    """Create and queue every scheduled job now due that no worker has created yet.

    Nothing runs before the business is set up and has clients. ``kinds`` limits it to
    those kinds (default: every kind in :data:`SCHEDULED` that a job can run).
    """
    from .runner import KINDS

    now = now or timezone.now()
    started: list[Job] = []
    if kinds is None or Job.Kind.SYNC in kinds:
        # Before any client exists: the first sync is what brings them.
        started.extend(_start_due_sync(now))
    if BusinessSettings.load().configured_at is None or not Client.objects.exists():
        return started
    _business, cfg = load_business()  # the overrides that are usable, as a triage reads them
    for kind, when in due_times(now, cfg):
        if kind not in KINDS or (kinds is not None and kind not in kinds):
            continue
        if kind == Job.Kind.DIGEST and not mail.configured():
            continue  # no mail server: nothing to send it with
        when_utc = when.astimezone(dt.UTC)
        if Job.objects.filter(kind=kind, scheduled_for=when_utc).exists():
            continue
        try:
            started.append(submit(kind, language="en", scheduled_for=when_utc))
        except IntegrityError:  # another worker created it in between
            continue
        log.info("scheduled %s job for %s started", kind, when.isoformat())
    return started


def due_connections(now: dt.datetime, cfg: Thresholds) -> list[Connection]:
    """The scheduled connections whose last sync is ``sync.interval_hours`` old or more
    (none when the interval is 0: sync only when asked)."""
    hours = cfg["sync.interval_hours"]
    if hours <= 0:
        return []
    every = dt.timedelta(hours=hours)
    return [
        c
        for c in Connection.objects.filter(scheduled=True)
        if c.last_sync_at is None or now - c.last_sync_at >= every
    ]


def _start_due_sync(now: dt.datetime) -> list[Job]:
    """One sync job for the connections now due, unless this interval's job exists."""
    if not Connection.objects.filter(scheduled=True).exists():
        return []
    _business, cfg = load_business()
    due = due_connections(now, cfg)
    if not due:
        return []
    every = dt.timedelta(hours=cfg["sync.interval_hours"])
    # The start of the interval now is in: the same for every worker.
    slot = dt.datetime.fromtimestamp(
        now.timestamp() // every.total_seconds() * every.total_seconds(), dt.UTC
    )
    if Job.objects.filter(kind=Job.Kind.SYNC, scheduled_for=slot).exists():
        return []
    try:
        job = submit(
            Job.Kind.SYNC,
            {"connections": [c.pk for c in due]},
            language="en",
            scheduled_for=slot,
        )
    except IntegrityError:  # another worker created it in between
        return []
    log.info("scheduled sync of %s started", ", ".join(c.label for c in due))
    return [job]
