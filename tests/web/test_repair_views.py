"""Repair plans on the web: the board by review state, opening a plan, reviewing it when
due, and who may do any of it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client as Browser
from django.urls import reverse
from django.utils.html import escape

from partways.core.repair import EXPECTATIONS, SELF_REVIEW
from partways.i18n import render
from partways.store.cases.repair import action_phrase, repair, review_findings
from partways.store.models import Client, RepairPlan
from partways.web.cases_letters import default_language, letter_case

from .conftest import AS_OF, Team

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today_is_the_demo_date() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 10, 31, 10, tzinfo=dt.UTC), tick=False):
        yield


def repair_url(client_id: int) -> str:
    return reverse("client_repair", args=[client_id])


def column(page: str, key: str) -> str:
    match = re.search(rf'<section id="column-{key}".*?</section>', page, re.S)
    assert match, f"no column {key}"
    return match.group(0)


def board(browser: Browser) -> str:
    response = browser.get(reverse("repair_board"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_board_puts_a_plan_past_its_review_date_under_review_due_and_overdue(
    portfolio: Team, as_bob: Browser
) -> None:
    # The demo's most troubled client has a plan whose review date (21 October) has passed.
    plan = RepairPlan.objects.get(client_id=portfolio.bob_clients[0], status="open")
    assert plan.review_on < AS_OF
    due = column(board(as_bob), "due")
    card = re.search(rf'<article class="card" id="plan-{plan.pk}">.*?</article>', due, re.S)
    assert card
    assert plan.client.name in card.group(0)
    assert reverse("client_repair", args=[plan.client_id]) in card.group(0)
    assert "overdue" in card.group(0)
    assert "Propose a new agreement at renewal" in card.group(0)  # a strategy, by its name


def test_the_board_shows_each_reader_the_plans_of_their_clients(
    portfolio: Team, as_alice: Browser, as_bob: Browser, as_dana: Browser
) -> None:
    other = Client.objects.get(pk=portfolio.other_client)
    mine = Client.objects.get(pk=portfolio.bob_clients[0])
    repair(other.pk, today=AS_OF, force=True)  # a plan bob must not see

    bobs = board(as_bob)
    assert mine.name in bobs and other.name not in bobs
    alices = board(as_alice)
    assert other.name in column(alices, "running") and mine.name in column(alices, "due")
    danas = board(as_dana)
    assert mine.name not in danas and other.name not in danas


def test_a_reviewed_plan_moves_to_recently_reviewed(portfolio: Team, as_bob: Browser) -> None:
    client = Client.objects.get(pk=portfolio.bob_clients[0])
    as_bob.post(repair_url(client.pk), {"action": "review"})
    page = board(as_bob)
    assert client.name in column(page, "recent")
    assert client.name not in column(page, "due")


def test_showing_a_plan_due_for_review_does_not_review_it(portfolio: Team, as_bob: Browser) -> None:
    client_id = portfolio.bob_clients[0]
    response = as_bob.get(repair_url(client_id))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="plan"' in body and "review due" in body
    assert 'name="action" value="review"' in body
    assert 'id="open-plan"' not in body  # a plan is running: no second one
    assert RepairPlan.objects.get(client_id=client_id).status == "open"


def test_reviewing_a_due_plan_records_and_shows_the_outcome(
    portfolio: Team, as_bob: Browser
) -> None:
    client_id = portfolio.bob_clients[0]
    response = as_bob.post(repair_url(client_id), {"action": "review"})
    assert response.status_code == 302
    plan = RepairPlan.objects.get(client_id=client_id)
    assert plan.status in ("improved", "failed")
    assert plan.reviewed_on == AS_OF
    assert plan.review["outcome"] == plan.status
    body = as_bob.get(repair_url(client_id)).content.decode()
    assert 'id="review"' in body
    assert 'id="open-plan"' in body  # the plan is over: a new one may be opened


def test_opening_a_plan_against_the_triage_needs_the_box_ticked(
    portfolio: Team, as_bob: Browser
) -> None:
    client_id = portfolio.bob_clients[1]  # the triage says keep
    response = as_bob.post(repair_url(client_id), {"action": "open"})
    assert response.status_code == 200
    assert re.search(
        r'id="id_force-errors".*?not repair: tick this box', response.content.decode(), re.S
    )
    assert not RepairPlan.objects.filter(client_id=client_id).exists()


def test_opening_a_plan_by_post_creates_it_as_the_cli_does(
    portfolio: Team, as_bob: Browser
) -> None:
    client_id = portfolio.bob_clients[1]
    response = as_bob.post(
        repair_url(client_id), {"action": "open", "force": "on", "review_on": "2027-01-15"}
    )
    assert response.status_code == 302
    plan = RepairPlan.objects.get(client_id=client_id)
    assert (plan.status, plan.opened_on, plan.review_on) == ("open", AS_OF, dt.date(2027, 1, 15))
    body = as_bob.get(repair_url(client_id)).content.decode()
    assert 'id="plan"' in body and "2027-01-15" in body
    assert 'id="open-plan"' not in body
    assert plan.client.name in column(board(as_bob), "running")


def test_a_review_date_that_is_not_in_the_future_is_a_form_error(
    portfolio: Team, as_bob: Browser
) -> None:
    client_id = portfolio.bob_clients[1]
    response = as_bob.post(
        repair_url(client_id), {"action": "open", "force": "on", "review_on": "2026-10-31"}
    )
    assert response.status_code == 200
    assert re.search(
        r'id="id_review_on-errors".*?must be after today', response.content.decode(), re.S
    )
    assert not RepairPlan.objects.filter(client_id=client_id).exists()


def test_the_repair_page_links_the_repair_letters_in_the_clients_language(
    portfolio: Team, as_bob: Browser
) -> None:
    client = Client.objects.filter(pk__in=portfolio.bob_clients, language="ar").get()
    body = as_bob.get(repair_url(client.pk)).content.decode()
    assert reverse("client_letter", args=[client.pk, "apology", "ar"]) in body
    assert reverse("client_letter", args=[client.pk, "expectations", "ar"]) in body


def test_another_managers_client_is_not_found(portfolio: Team, as_bob: Browser) -> None:
    other = portfolio.other_client
    assert as_bob.get(repair_url(other)).status_code == 404
    response = as_bob.post(repair_url(other), {"action": "open", "force": "on"})
    assert response.status_code == 404
    assert not RepairPlan.objects.filter(client_id=other).exists()


def test_staff_are_refused_every_repair_page(portfolio: Team, as_charlie: Browser) -> None:
    client_id = portfolio.bob_clients[1]
    assert as_charlie.get(reverse("repair_board")).status_code == 403
    assert as_charlie.get(repair_url(client_id)).status_code == 403
    response = as_charlie.post(repair_url(client_id), {"action": "open", "force": "on"})
    assert response.status_code == 403
    assert not RepairPlan.objects.filter(client_id=client_id).exists()


def test_anonymous_visitors_are_sent_to_log_in(portfolio: Team) -> None:
    anonymous = Browser()
    for url in (reverse("repair_board"), repair_url(portfolio.bob_clients[0])):
        response = anonymous.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url


def test_a_plan_stored_before_its_sentences_were_data_shows_their_english(
    portfolio: Team, as_bob: Browser
) -> None:
    client_id = portfolio.bob_clients[1]
    RepairPlan.objects.create(
        client_id=client_id,
        opened_on=AS_OF - dt.timedelta(days=70),
        review_on=AS_OF - dt.timedelta(days=10),
        baseline_score=20.0,
        strategies=["channel_cadence"],
        status="failed",
        reviewed_on=AS_OF - dt.timedelta(days=10),
        actions=[
            {
                "strategy": "channel_cadence",
                "text": "Hold a weekly check-in by chat [000 #4].",
                "owner": "Bob",
                "due": "2026-08-28",
            }
        ],
        review={
            "outcome": "failed",
            "score": 22.0,
            "target": 16.0,
            "evidence": ["Payment risk: low → high (worse)"],
        },
    )
    for lang in ("en", "hr"):
        body = as_bob.get(repair_url(client_id), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert "Hold a weekly check-in by chat [000 #4]." in body
        assert "Payment risk: low → high (worse)" in body


def test_a_plans_actions_review_and_questions_are_worded_in_the_readers_language(
    portfolio: Team, as_bob: Browser
) -> None:
    client_id = portfolio.bob_clients[1]
    plan = repair(client_id, today=AS_OF, force=True).plan
    plan.strategies = [*plan.strategies, "self_reflection"]
    plan.save(update_fields=["strategies"])
    body = as_bob.get(repair_url(client_id), HTTP_ACCEPT_LANGUAGE="hr").content.decode()
    assert plan.actions and all("phrase" in a for a in plan.actions)
    for a in plan.actions:
        assert escape(render(action_phrase(a), "hr")) in body
    for question in SELF_REVIEW:
        assert escape(render(question, "hr")) in body
    # The review action names no command: the page has its own button for it.
    english = as_bob.get(repair_url(client_id)).content.decode()
    assert "partways repair" not in english and "Review the plan on or after" in english

    repair(client_id, today=plan.review_on)
    plan.refresh_from_db()
    findings = review_findings(plan.review)
    assert [p.english() for p in findings] == plan.review["evidence"]
    body = as_bob.get(repair_url(client_id), HTTP_ACCEPT_LANGUAGE="hr").content.decode()
    for finding in findings:
        assert escape(render(finding, "hr")) in body


def test_an_action_with_a_letter_links_it_instead_of_naming_a_command(
    portfolio: Team, as_bob: Browser
) -> None:
    client = Client.objects.get(pk=portfolio.bob_clients[1])
    plan = repair(client.pk, today=AS_OF, force=True).plan
    plan.actions = [
        {**a, "phrase": {"code": EXPECTATIONS, "text": a["text"], "params": {}}}
        for a in plan.actions[:1]
    ]
    plan.save(update_fields=["actions"])
    body = as_bob.get(repair_url(client.pk)).content.decode()
    table = re.search(r'<table id="actions">.*?</table>', body, re.S)
    assert table
    lang = default_language(client, letter_case(client))
    assert reverse("client_letter", args=[client.pk, "expectations", lang]) in table.group(0)
    assert "partways letter" not in body
