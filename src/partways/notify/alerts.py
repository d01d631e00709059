"""An e-mail at once for a ground to end a relationship now: a triage that says so, or a
serious report of abuse or unethical conduct. It goes to the owners and the client's
manager, each in their language; nobody else sees that client."""

from __future__ import annotations

import logging

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from partways.core.phrase import Phrase
from partways.i18n import render as word
from partways.store.models import Client, Incident, TeamMember, VerdictChange
from partways.web import labels

from . import mail

log = logging.getLogger(__name__)

# Reports that are a ground to end now when serious (PLAYBOOK [002 #2] [002 #3]);
# core.conduct_grounds reads the same kinds at the next triage.
GROUND_KINDS = frozenset(
    {Incident.Kind.ABUSE_TO_YOU, Incident.Kind.ABUSE_TO_STAFF, Incident.Kind.UNETHICAL}
)
SERIOUS = frozenset({Incident.Severity.MEDIUM, Incident.Severity.HIGH})


def queue_end_now(client_id: int, source: str, ref: str) -> None:
    """Queue the alert (sent by a worker): ``source`` is "triage" (``ref``: the change's
    id) or "incident" (``ref``: the report's id)."""
    if not mail.configured():
        return
    from partways.jobs.tasks import send_alert

    send_alert.enqueue(client_id, source, ref)


def incident_reported(report: Incident) -> None:
    """Alert at once when a new report is a ground to end now."""
    if report.kind in GROUND_KINDS and report.severity in SERIOUS:
        queue_end_now(report.client_id, "incident", str(report.pk))


def recipients(client: Client) -> list[TeamMember]:
    """The owners and the client's manager who can log in and have an address."""
    return list(
        TeamMember.objects.filter(
            Q(role=TeamMember.Role.OWNER) | Q(pk=client.manager_id),
            user__isnull=False,
            user__is_active=True,
        )
        .exclude(email="")
        .distinct()
    )


def send_end_now(client_id: int, source: str, ref: str) -> int:
    """Send the alert to each recipient; how many were sent."""
    client = Client.objects.filter(pk=client_id).first()
    if client is None:
        return 0
    sent = 0
    for member in recipients(client):
        with translation.override(mail.language_of(member)):
            subject, text = _compose(client, source, ref)
            mail.send(member, subject, text)
        sent += 1
    return sent


def _compose(client: Client, source: str, ref: str) -> tuple[str, str]:
    subject = _("partways: a ground to end %(client)s now") % {"client": client.name}
    lines: list[str] = []
    if source == "triage":
        change = VerdictChange.objects.filter(pk=ref).first()
        lines.append(
            _("The triage now recommends ending the relationship with %(client)s now.")
            % {"client": client.name}
        )
        for reason in change.reasons if change else []:
            lines.append("- " + word(Phrase.from_json(reason), isolated=False))
    else:
        report = Incident.objects.filter(pk=ref).first()
        lines.append(
            _("A serious incident was reported about %(client)s: it is a ground to end now.")
            % {"client": client.name}
        )
        if report is not None:
            kind = labels.INCIDENT_KINDS.get(report.kind, report.kind)
            lines.append(f"- {kind}, {report.occurred_at:%Y-%m-%d %H:%M}")
            if report.note:
                lines.append("  " + report.note[:500])
    lines += [
        "",
        _(
            "Read the evidence on the client's page before you act; ending now is done "
            "with care, in writing, and with your own staff looked after first."
        ),
    ]
    return subject, "\n".join(lines) + "\n"
