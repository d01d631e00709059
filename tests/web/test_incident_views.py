"""Staff incident reports `[002 #2]`: report, see your own, and feed the next triage."""

from __future__ import annotations

import datetime as dt

from django.test import Client as Browser
from django.utils import timezone

from partways.store.models import Incident

from .conftest import Team


def _report(browser: Browser, client_id: int, **extra: str) -> object:
    data = {
        "client": str(client_id),
        "kind": "abuse_to_staff",
        "severity": "high",
        "occurred_at": (timezone.localtime() - dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "note": "Shouted at our designer on the call and called her useless.",
        **extra,
    }
    return browser.post("/incidents/", data, follow=True)


def test_staff_report_an_incident_and_see_it_in_their_list(
    portfolio: Team, as_charlie: Browser
) -> None:
    response = _report(as_charlie, portfolio.other_client)
    html = response.content.decode()  # type: ignore[attr-defined]
    saved = Incident.objects.get(note__startswith="Shouted at our designer")
    assert saved.reporter == portfolio.charlie and saved.reporter_name == "Charlie"
    assert saved.kind == "abuse_to_staff" and saved.severity == "high"
    assert "Your report on" in html
    assert html.count("Shouted at our designer") == 1


def test_staff_see_only_their_own_reports(portfolio: Team, as_charlie: Browser) -> None:
    Incident.objects.create(
        client_id=portfolio.other_client,
        kind="other",
        reporter=portfolio.bob,
        reporter_name="Bob",
        occurred_at=timezone.now(),
        note="Bob's private note about the client",
    )
    html = as_charlie.get("/incidents/").content.decode()
    assert "Bob&#x27;s private note" not in html and "private note" not in html


def test_a_manager_sees_reports_on_his_clients_but_not_on_others(
    portfolio: Team, as_charlie: Browser, as_bob: Browser, as_alice: Browser
) -> None:
    _report(as_charlie, portfolio.bob_clients[0], note="About one of Bob's clients")
    _report(as_charlie, portfolio.other_client, note="About somebody else's client")
    bob = as_bob.get("/incidents/").content.decode()
    assert "About one of Bob" in bob and "somebody else" not in bob
    alice = as_alice.get("/incidents/").content.decode()
    assert "About one of Bob" in alice and "somebody else" in alice


def test_a_report_in_the_future_or_without_a_note_is_refused(
    portfolio: Team, as_charlie: Browser
) -> None:
    before = Incident.objects.count()
    future = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    html = _report(as_charlie, portfolio.other_client, occurred_at=future).content.decode()  # type: ignore[attr-defined]
    assert "The time is in the future." in html
    html = _report(as_charlie, portfolio.other_client, note="").content.decode()  # type: ignore[attr-defined]
    assert "This field is required." in html
    html = _report(as_charlie, portfolio.other_client, kind="lunch").content.decode()  # type: ignore[attr-defined]
    assert "Select a valid choice" in html
    assert Incident.objects.count() == before


def test_the_form_labels_every_field(as_charlie: Browser) -> None:
    html = as_charlie.get("/incidents/").content.decode()
    for field in ("client", "kind", "severity", "occurred_at", "note"):
        assert f'<label for="id_{field}">' in html
        assert f'id="id_{field}"' in html
    # The help text is announced with its field.
    assert 'aria-describedby="id_note_helptext"' in html and 'id="id_note_helptext"' in html


def test_a_manager_reports_only_on_his_own_clients(portfolio: Team, as_bob: Browser) -> None:
    from partways.store.models import Client

    html = as_bob.get("/incidents/").content.decode()
    other = Client.objects.get(pk=portfolio.other_client).name
    assert f">{other}<" not in html.replace("&amp;", "&")
    before = Incident.objects.count()
    html = _report(as_bob, portfolio.other_client).content.decode()  # type: ignore[attr-defined]
    assert "Select a valid choice" in html
    assert Incident.objects.count() == before
    _report(as_bob, portfolio.bob_clients[0])
    assert Incident.objects.count() == before + 1
