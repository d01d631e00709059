"""What moved reaches people and programs: webhooks signed to a local receiver, with
retries and a delivery log; the digest and the end-now alert through a local SMTP
server, each in its reader's language, each with only what its reader may see."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from partways.notify.alerts import incident_reported, send_end_now
from partways.notify.digest import send_digests
from partways.notify.webhooks import deliver
from partways.store.cases.offboarding import change_step, open_case
from partways.store.models import (
    Client,
    ClientVerdict,
    Incident,
    TeamMember,
    VerdictChange,
    Webhook,
    WebhookDelivery,
)
from partways.store.triage import run_triage
from partways.store.verdicts import latest_run

from .conftest import AS_OF, Team

pytestmark = pytest.mark.django_db


class Receiver:
    """A local HTTP server that keeps every POST and answers with the next status given."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/partways"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    yield found
    found.server.shutdown()


@pytest.fixture(scope="module")
def moved(
    portfolio: Team, receiver: Receiver, django_db_blocker: Any
) -> Iterator[tuple[Client, Webhook]]:
    """A serious report of abuse on one of bob's kept clients, and the triage after it,
    committed (the triage reads the database from a child process): the client moves
    to "end now". A webhook listens, and everyone's last digest was a week ago."""
    with django_db_blocker.unblock():
        hook = Webhook.objects.create(
            url=receiver.url, secret="whsec_test", events=["recommendation.changed"]
        )
        TeamMember.objects.filter(pk=portfolio.bob.pk).update(language="hr")
        TeamMember.objects.update(digest_sent_at=timezone.now() - dt.timedelta(days=7))
        client = _kept_client(portfolio)
        _mistreated(client, portfolio.charlie)
        run_triage(AS_OF)
        yield client, hook
        Webhook.objects.all().delete()
        DBTaskResult.objects.all().delete()


class Mailbox:
    """A local SMTP server (aiosmtpd) keeping every message it is given."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    from partways.bench.uploads import _free_port

    box = Mailbox()
    port = _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    with override_settings(
        PARTWAYS_MAIL_CONFIGURED=True,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        DEFAULT_FROM_EMAIL="partways@studio.example",
    ):
        yield box
    controller.stop()


def _mistreated(client: Client, reporter: TeamMember) -> Incident:
    """A serious report of abuse toward staff: a ground to end now."""
    return Incident.objects.create(
        client=client,
        kind=Incident.Kind.ABUSE_TO_STAFF,
        severity=Incident.Severity.HIGH,
        occurred_at=dt.datetime(2026, 10, 20, 15, tzinfo=dt.UTC),
        note="Shouted at our designer on the call and called her useless.",
        reporter=reporter,
        reporter_name=reporter.name,
    )


def _kept_client(team: Team) -> Client:
    """One of bob's clients that the latest triage keeps or watches."""
    run = latest_run()
    verdict = (
        ClientVerdict.objects.filter(run=run, client_id__in=team.bob_clients)
        .exclude(recommendation__in=("end_now", "end_at_contract_end"))
        .first()
    )
    assert verdict is not None, "bob has a client the triage does not end"
    return verdict.client


def test_a_recommendation_change_is_recorded_and_posted_signed(
    moved: tuple[Client, Webhook], receiver: Receiver
) -> None:
    client, hook = moved
    change = VerdictChange.objects.get(client=client)
    assert change.recommendation == "end_now" and change.reasons
    delivery = WebhookDelivery.objects.get(webhook=hook, payload__data__client_id=client.pk)
    # Queued for a worker, in the same transaction as the triage.
    assert DBTaskResult.objects.filter(args_kwargs__args=[delivery.pk]).exists()

    assert deliver(delivery.pk) == "delivered"
    (headers, body) = receiver.requests[-1]
    assert headers["X-Partways-Event"] == "recommendation.changed"
    assert headers["X-Partways-Delivery"] == str(delivery.pk)
    stamp, signed = headers["X-Partways-Signature"].split(",")
    t = stamp.removeprefix("t=")
    expected = hmac.new(b"whsec_test", f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    assert signed == f"v1={expected}"
    sent = json.loads(body)
    assert sent["event"] == "recommendation.changed" and sent["id"] == str(delivery.pk)
    data = sent["data"]
    assert (data["client_id"], data["recommendation"]) == (client.pk, "end_now")
    assert data["previous"] != "end_now" and data["reasons"][0]["code"]
    # Only what moved is sent: one change, one delivery.
    assert WebhookDelivery.objects.filter(webhook=hook).count() == VerdictChange.objects.count()


def test_a_refused_delivery_is_retried_later_and_logged(
    portfolio: Team, moved: tuple[Client, Webhook], receiver: Receiver
) -> None:
    hook = Webhook.objects.create(url=receiver.url, secret="s", events=["case.step_changed"])
    client = Client.objects.get(pk=portfolio.bob_clients[1])
    open_case(client.pk, reason="not_a_fit", by="Alice", today=AS_OF)
    receiver.statuses = [500]
    start = len(receiver.requests)
    change_step(client.pk, "contract_review", "done", on=AS_OF, by="Alice", note="Clause 9")
    delivery = WebhookDelivery.objects.get(webhook=hook)
    assert delivery.payload["data"]["step"] == "contract_review"
    assert delivery.payload["data"]["state"] == "done"

    assert deliver(delivery.pk) == "pending"
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.last_status) == (1, 500)
    assert delivery.next_attempt_at is not None and delivery.next_attempt_at > timezone.now()
    retry = DBTaskResult.objects.filter(args_kwargs__args=[delivery.pk]).order_by("-enqueued_at")
    assert retry.first().run_after == delivery.next_attempt_at  # deferred, not at once

    assert deliver(delivery.pk) == "delivered"
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.last_status) == (2, 204)
    first, second = receiver.requests[start:]
    assert first[0]["X-Partways-Delivery"] == second[0]["X-Partways-Delivery"]


def test_a_receiver_that_never_answers_ends_failed(
    portfolio: Team, moved: tuple[Client, Webhook]
) -> None:
    hook = Webhook.objects.create(
        url="http://127.0.0.1:9/nothing-listens-here", secret="s", events=["case.step_changed"]
    )
    client = Client.objects.get(pk=portfolio.bob_clients[1])
    open_case(client.pk, reason="not_a_fit", by="Alice", today=AS_OF)
    change_step(client.pk, "contract_review", "done", on=AS_OF, by="Alice")
    delivery = WebhookDelivery.objects.get(webhook=hook)
    states = [deliver(delivery.pk) for _ in range(7)]
    assert states == ["pending"] * 6 + ["failed"]
    delivery.refresh_from_db()
    assert delivery.attempts == 7 and delivery.last_error


def test_the_digest_arrives_in_each_reader_s_language_with_only_what_they_see(
    portfolio: Team, moved: tuple[Client, Webhook], mailbox: Mailbox
) -> None:
    client = moved[0]
    other = Client.objects.get(pk=portfolio.other_client)
    Incident.objects.create(
        client=other,
        kind=Incident.Kind.UNREASONABLE_DEMAND,
        severity=Incident.Severity.LOW,
        occurred_at=dt.datetime(2026, 10, 21, 9, tzinfo=dt.UTC),
        reporter=portfolio.alice,
        reporter_name="Alice",
    )

    sent = send_digests()
    assert {m.email for m, _s, _t in sent} == {
        "alice@example.com",
        "bob@example.com",
        "charlie@example.com",
    }  # dana: nothing moved among her (no) clients
    (alice,) = mailbox.to("alice@example.com")
    text = alice.get_content()
    assert alice["Subject"].startswith("partways: what moved since")
    assert client.name in text and other.name in text
    assert "Recommendations that changed" in text and "End now" in text
    (bob,) = mailbox.to("bob@example.com")
    with translation.override("hr"):
        from django.utils.translation import gettext

        heading = gettext("Recommendations that changed")
    assert heading != "Recommendations that changed"  # worded in Croatian
    assert heading in bob.get_content() and client.name in bob.get_content()
    assert other.name not in bob.get_content()  # not his client
    (charlie,) = mailbox.to("charlie@example.com")
    staff = charlie.get_content()
    assert client.name in staff  # the report he made
    assert "Recommendations that changed" not in staff and other.name not in staff
    # Sent: the next digest starts from now. What moved is not told twice; what is
    # due (a review, a date coming up) is told again while it is due.
    for _member, _subject, later in send_digests(timezone.now() + dt.timedelta(days=1)):
        assert "Recommendations that changed" not in later and "New incident" not in later


def test_a_serious_report_alerts_the_owner_and_the_manager_at_once(
    portfolio: Team, moved: tuple[Client, Webhook], mailbox: Mailbox
) -> None:
    client = Client.objects.get(pk=portfolio.bob_clients[1])
    report = _mistreated(client, portfolio.charlie)
    incident_reported(report)
    task = DBTaskResult.objects.get(
        task_path="partways.jobs.tasks.send_alert", args_kwargs__args__1="incident"
    )
    assert task.args_kwargs["args"] == [client.pk, "incident", str(report.pk)]
    assert send_end_now(client.pk, "incident", str(report.pk)) == 2
    assert {m["To"] for m in mailbox.messages} == {"alice@example.com", "bob@example.com"}
    text = mailbox.to("alice@example.com")[0].get_content()
    assert "a ground to end now" in text and "Shouted at our designer" in text


def test_without_a_mail_server_nothing_is_queued_and_the_digest_says_why(
    portfolio: Team, moved: tuple[Client, Webhook]
) -> None:
    from partways.notify.mail import MailNotConfigured

    report = _mistreated(Client.objects.get(pk=portfolio.bob_clients[1]), portfolio.charlie)
    incident_reported(report)
    assert not DBTaskResult.objects.filter(
        args_kwargs__args=[report.client_id, "incident", str(report.pk)]
    ).exists()
    with pytest.raises(MailNotConfigured, match="EMAIL_URL"):
        send_digests()
    assert send_digests(dry_run=True, only_due=False) != []
