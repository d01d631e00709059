"""The digest: one e-mail per person, daily or weekly, of what moved among what they see.

What moved since their last digest: clients whose recommendation changed, and why;
repair reviews due within a week (or overdue); notice and end dates within two weeks;
new incident reports; letters to send (a case whose client is not told yet, with its
notice date within a week). The owner's covers every client, a manager's their own
clients, staff's only the reports they made. Nothing moved: no e-mail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from partways.core.phrase import Phrase
from partways.i18n import render as word
from partways.store.business import business_zone, load_business
from partways.store.models import (
    Incident,
    OffboardingCase,
    OffboardingStep,
    RepairPlan,
    TeamMember,
    VerdictChange,
)
from partways.web import labels

from . import mail

REVIEWS_AHEAD = dt.timedelta(days=7)
DATES_AHEAD = dt.timedelta(days=14)
LETTERS_AHEAD = dt.timedelta(days=7)
PERIODS = {"daily": dt.timedelta(days=1), "weekly": dt.timedelta(days=7)}


@dataclass
class Digest:
    """What one person's digest holds, worded in their language when rendered."""

    member: TeamMember
    since: dt.datetime
    until: dt.datetime
    changes: list[VerdictChange] = field(default_factory=list)
    reviews: list[RepairPlan] = field(default_factory=list)
    dates: list[OffboardingCase] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    letters: list[OffboardingCase] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.changes or self.reviews or self.dates or self.incidents or self.letters)


def digest_for(member: TeamMember, now: dt.datetime) -> Digest:
    """``member``'s digest of what moved since their last one (or one period back)."""
    from partways.web.access import visible_clients
    from partways.web.views.incidents import reports_for

    period = PERIODS.get(member.digest, PERIODS["daily"])
    since = member.digest_sent_at or now - period
    today = now.astimezone(business_zone()).date()
    clients = visible_clients(member).values("pk")
    digest = Digest(member, since, now)
    digest.changes = list(
        VerdictChange.objects.filter(client__in=clients, at__gt=since, at__lte=now)
        .select_related("client")
        .order_by("client__name", "at")
    )
    digest.reviews = list(
        RepairPlan.objects.filter(
            client__in=clients,
            status=RepairPlan.Status.OPEN,
            review_on__lte=today + REVIEWS_AHEAD,
        )
        .select_related("client")
        .order_by("review_on")
    )
    open_cases = OffboardingCase.objects.filter(
        client__in=clients, status=OffboardingCase.Status.OPEN
    ).select_related("client")
    horizon = today + DATES_AHEAD
    digest.dates = [
        c
        for c in open_cases.order_by("notice_on")
        if today <= c.notice_on <= horizon or today <= c.end_on <= horizon
    ]
    untold = OffboardingStep.objects.filter(step="notification", state="pending").values("case")
    digest.letters = list(
        open_cases.filter(pk__in=untold, notice_on__lte=today + LETTERS_AHEAD).order_by("notice_on")
    )
    digest.incidents = list(reports_for(member).filter(reported_at__gt=since, reported_at__lte=now))
    return digest


def render(digest: Digest) -> tuple[str, str]:
    """The digest's subject and text, in the active language."""
    zone = business_zone()
    context = {
        "digest": digest,
        "name": digest.member.name,
        "since": digest.since.astimezone(zone),
        "changes": [
            {
                "client": c.client.name,
                "previous": labels.RECOMMENDATIONS.get(c.previous, c.previous),
                "now": labels.RECOMMENDATIONS.get(c.recommendation, c.recommendation),
                "reasons": [word(Phrase.from_json(r), isolated=False) for r in c.reasons],
            }
            for c in digest.changes
        ],
        "incidents": [
            {
                "client": r.client.name,
                "kind": labels.INCIDENT_KINDS.get(r.kind, r.kind),
                "severity": labels.INCIDENT_SEVERITIES.get(r.severity, r.severity),
                "by": r.reporter_name,
            }
            for r in digest.incidents
        ],
    }
    subject = _("partways: what moved since %(date)s") % {
        "date": digest.since.astimezone(zone).date().isoformat()
    }
    return subject, render_to_string("partways/mail/digest.txt", context)


def due(member: TeamMember, now: dt.datetime, first_work_day: int) -> bool:
    """Whether ``member``'s digest is due now: a daily one once a day, a weekly one on
    the business's first working day of the week (0 = Monday)."""
    if member.digest not in PERIODS:
        return False
    if member.digest == "weekly" and now.astimezone(business_zone()).weekday() != first_work_day:
        return False
    last = member.digest_sent_at
    # A little under a period: a digest sent at 07:00:40 is not skipped next day at 07:00.
    return last is None or now - last > PERIODS[member.digest] - dt.timedelta(hours=2)


def send_digests(
    now: dt.datetime | None = None, *, dry_run: bool = False, only_due: bool = True
) -> list[tuple[TeamMember, str, str]]:
    """Compose (and unless ``dry_run``, send and mark sent) every digest due now, or
    every person's with ``only_due=False``; return (member, subject, text) of each one
    that has something to say. Raises :class:`mail.MailNotConfigured` to send without a
    mail server."""
    now = now or timezone.now()
    if not dry_run:
        mail.require()
    first_work_day = min(load_business()[0].work_days or (0,))
    out = []
    members = (
        TeamMember.objects.filter(user__isnull=False, user__is_active=True)
        .exclude(email="")
        .exclude(digest="off")
        .order_by("email")
    )
    for member in members:
        if only_due and not due(member, now, first_work_day):
            continue
        digest = digest_for(member, now)
        if digest.empty:
            continue
        with translation.override(mail.language_of(member)):
            subject, text = render(digest)
        if not dry_run:
            mail.send(member, subject, text)
            TeamMember.objects.filter(pk=member.pk).update(digest_sent_at=now)
        out.append((member, subject, text))
    return out
