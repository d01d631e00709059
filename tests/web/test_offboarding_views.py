"""Offboarding on the web: the board of open cases, opening a case, moving its steps,
and who may do any of it."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator

import pytest
import time_machine
from django.test import Client as Browser
from django.urls import reverse

from partways.core.offboarding.reasons import REASONS
from partways.core.offboarding.steps import STEPS
from partways.store.cases.offboarding import open_case
from partways.store.models import Client, OffboardingCase, OffboardingStep
from partways.web import cases_labels

from .conftest import AS_OF, Team

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today_is_the_demo_date() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 10, 31, 10, tzinfo=dt.UTC), tick=False):
        yield


def offboard_url(client_id: int) -> str:
    return reverse("client_offboard", args=[client_id])


def step_url(client_id: int, step: str) -> str:
    return reverse("client_offboard_step", args=[client_id, step])


def board(browser: Browser) -> str:
    response = browser.get(reverse("offboarding_board"))
    assert response.status_code == 200
    return response.content.decode()


def column(page: str, step: str) -> str:
    match = re.search(rf'<section id="column-{step}".*?</section>', page, re.S)
    assert match, f"no column {step}"
    return match.group(0)


def state(client_id: int, step: str) -> str:
    return OffboardingStep.objects.get(
        case__client_id=client_id, case__status="open", step=step
    ).state


@pytest.fixture
def bobs_case(portfolio: Team) -> OffboardingCase:
    """An open case for bob's most troubled client (30 days' notice, an unpaid invoice)."""
    return open_case(portfolio.bob_clients[0], today=AS_OF, by="Bob", notice_on=AS_OF).case


def test_labels_name_every_step_and_reason_of_the_core() -> None:
    assert set(cases_labels.STEPS) == set(STEPS)
    assert set(cases_labels.REASONS) == set(REASONS)


def test_the_board_shows_each_reader_the_open_cases_of_their_clients(
    portfolio: Team, as_alice: Browser, as_bob: Browser, as_dana: Browser
) -> None:
    mine = Client.objects.get(pk=portfolio.bob_clients[0])
    other = Client.objects.get(pk=portfolio.other_client)
    open_case(mine.pk, today=AS_OF, by="Bob", notice_on=AS_OF)
    open_case(other.pk, today=AS_OF, by="Alice", notice_on=AS_OF)

    bobs = board(as_bob)
    assert mine.name in bobs and other.name not in bobs
    alices = board(as_alice)
    assert mine.name in alices and other.name in alices
    danas = board(as_dana)
    assert mine.name not in danas and other.name not in danas


def test_a_case_sits_in_the_column_of_its_first_unsettled_step(
    portfolio: Team, as_bob: Browser, bobs_case: OffboardingCase
) -> None:
    name = bobs_case.client.name
    assert name in column(board(as_bob), "contract_review")
    as_bob.post(step_url(bobs_case.client_id, "contract_review"), {"action": "done"})
    page = board(as_bob)
    assert name not in column(page, "contract_review")
    card = column(page, "owed_work")
    assert name in card
    assert str(bobs_case.notice_on.year) in card and "1 of 7 steps settled" in card


def test_the_open_form_offers_the_cli_options_with_labels(portfolio: Team, as_bob: Browser) -> None:
    body = as_bob.get(offboard_url(portfolio.bob_clients[0])).content.decode()
    for field in ("reason", "language", "notice_on", "end_on", "referral"):
        assert f'<label for="id_{field}">' in body
        assert f'name="{field}"' in body
    assert 'value="not_a_fit"' in body and 'value="ar"' in body


def test_opening_a_case_by_post_creates_it_and_the_board_shows_it(
    portfolio: Team, as_bob: Browser
) -> None:
    client_id = portfolio.bob_clients[0]
    response = as_bob.post(
        offboard_url(client_id),
        {
            "reason": "not_a_fit",
            "language": "hr",
            "notice_on": "2026-11-02",
            "end_on": "",
            "referral": "Ana at Studio Jug",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == offboard_url(client_id)
    case = OffboardingCase.objects.get(client_id=client_id, status="open")
    assert (case.reason, case.language, case.notice_on) == ("not_a_fit", "hr", dt.date(2026, 11, 2))
    assert case.referral == "Ana at Studio Jug"
    assert case.steps.count() == len(STEPS)
    assert list(case.events.values_list("action", "by")) == [("opened", "Bob")]

    page = as_bob.get(offboard_url(client_id)).content.decode()
    assert 'id="checklist"' in page and 'id="audit"' in page
    assert case.client.name in column(board(as_bob), "contract_review")


def test_a_notice_date_in_the_past_is_a_form_error_and_nothing_is_written(
    portfolio: Team, as_bob: Browser
) -> None:
    response = as_bob.post(offboard_url(portfolio.bob_clients[0]), {"notice_on": "2026-10-01"})
    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r'id="id_notice_on-errors".*?in the past', body, re.S)
    assert not OffboardingCase.objects.exists()


def test_an_end_date_before_the_notice_date_is_a_form_error(
    portfolio: Team, as_bob: Browser
) -> None:
    response = as_bob.post(
        offboard_url(portfolio.bob_clients[0]),
        {"notice_on": "2026-12-01", "end_on": "2026-11-15"},
    )
    assert response.status_code == 200
    assert "The last day is before the day the client is told." in response.content.decode()
    assert not OffboardingCase.objects.exists()


def test_an_end_date_the_notice_period_cant_reach_opens_a_case_that_needs_agreement(
    portfolio: Team, as_bob: Browser
) -> None:
    """Not refused: the case says plainly the date needs the client's agreement."""
    response = as_bob.post(
        offboard_url(portfolio.bob_clients[0]),
        {"notice_on": "2026-10-31", "end_on": "2026-11-05"},
    )
    assert response.status_code == 302
    case = OffboardingCase.objects.get()
    assert case.end_on == dt.date(2026, 11, 5)
    body = as_bob.get(offboard_url(portfolio.bob_clients[0])).content.decode()
    assert "needs the client&#x27;s agreement" in body or "needs the client's agreement" in body


def test_an_unknown_reason_or_garbled_date_is_a_form_error(
    portfolio: Team, as_bob: Browser
) -> None:
    response = as_bob.post(
        offboard_url(portfolio.bob_clients[0]), {"reason": "bored", "end_on": "31/31/2026"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_reason-errors"' in body and 'id="id_end_on-errors"' in body
    assert not OffboardingCase.objects.exists()


def test_a_case_the_store_refuses_shows_its_message_as_a_form_error(
    portfolio: Team, as_bob: Browser
) -> None:
    client_id = portfolio.bob_clients[1]
    Client.objects.filter(pk=client_id).update(archived=True)
    response = as_bob.post(offboard_url(client_id), {})
    assert response.status_code == 200
    assert "is archived" in response.content.decode()
    assert not OffboardingCase.objects.exists()


def test_the_case_page_shows_dates_money_owed_work_audit_trail_and_letters(
    portfolio: Team, as_bob: Browser, bobs_case: OffboardingCase
) -> None:
    body = as_bob.get(offboard_url(bobs_case.client_id)).content.decode()
    for section in ("dates", "checklist", "contract", "owed", "receivables", "audit", "letters"):
        assert f'id="{section}"' in body
    assert "2026-10-31" in body  # the notice date, machine-readable
    assert "€1,224.00" in body  # the unpaid invoice, in the reader's language
    assert "Next milestone" in body
    assert "opened the case" in body
    assert reverse("client_letter", args=[bobs_case.client_id, bobs_case.reason, "en"]) in body
    assert reverse("client_key_dates", args=[bobs_case.client_id]) in body


def test_marking_a_step_done_changes_its_state_and_adds_an_audit_event(
    portfolio: Team, as_bob: Browser, bobs_case: OffboardingCase
) -> None:
    client_id = bobs_case.client_id
    response = as_bob.post(
        step_url(client_id, "contract_review"), {"action": "done", "note": "Clause read"}
    )
    assert response.status_code == 302
    assert response["Location"] == offboard_url(client_id) + "#checklist"
    row = OffboardingStep.objects.get(case=bobs_case, step="contract_review")
    assert (row.state, row.on, row.by, row.note) == ("done", AS_OF, "Bob", "Clause read")
    event = bobs_case.events.order_by("pk").last()
    assert event is not None
    assert (event.action, event.step, event.by) == ("done", "contract_review", "Bob")
    page = as_bob.get(offboard_url(client_id)).content.decode()
    assert re.search(r'<tr id="step-contract_review" data-state="done">', page)
    assert "marked done" in page


def test_waiving_without_a_reason_shows_a_form_error_and_changes_nothing(
    portfolio: Team, as_bob: Browser, bobs_case: OffboardingCase
) -> None:
    events = bobs_case.events.count()
    response = as_bob.post(step_url(bobs_case.client_id, "owed_work"), {"action": "waive"})
    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r'id="note-owed_work-errors".*?Say why this step is waived.', body, re.S)
    assert state(bobs_case.client_id, "owed_work") == "pending"
    assert bobs_case.events.count() == events


def test_waiving_with_a_reason_records_it(
    portfolio: Team, as_bob: Browser, bobs_case: OffboardingCase
) -> None:
    as_bob.post(
        step_url(bobs_case.client_id, "receivables"),
        {"action": "waive", "note": "Written off by agreement"},
    )
    row = OffboardingStep.objects.get(case=bobs_case, step="receivables")
    assert (row.state, row.note) == ("waived", "Written off by agreement")
    assert bobs_case.events.filter(action="waive", step="receivables").exists()


def test_a_step_out_of_order_is_refused_with_the_procedures_reason(
    portfolio: Team, as_bob: Browser, bobs_case: OffboardingCase
) -> None:
    response = as_bob.post(step_url(bobs_case.client_id, "notification"), {"action": "done"})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    # Worded for the page, in its terms: the steps by their names, no command-line flag.
    said = page[page.index("“Tell the client” needs") :].split("</p>", 1)[0]
    assert "“Review the contract”" in said and "--" not in said and "_" not in said
    assert state(bobs_case.client_id, "notification") == "pending"


def test_a_settled_step_can_be_reopened(
    portfolio: Team, as_bob: Browser, bobs_case: OffboardingCase
) -> None:
    client_id = bobs_case.client_id
    as_bob.post(step_url(client_id, "conversation"), {"action": "done"})
    page = as_bob.get(offboard_url(client_id)).content.decode()
    row = re.search(r'<tr id="step-conversation".*?</tr>', page, re.S)
    assert row and 'value="reopen"' in row.group(0) and 'value="done"' not in row.group(0)
    as_bob.post(step_url(client_id, "conversation"), {"action": "reopen"})
    assert state(client_id, "conversation") == "pending"
    assert list(bobs_case.events.order_by("pk").values_list("action", flat=True))[-2:] == [
        "done",
        "reopen",
    ]


def test_closing_before_the_last_day_is_not_offered(
    portfolio: Team, as_bob: Browser, bobs_case: OffboardingCase
) -> None:
    page = as_bob.get(offboard_url(bobs_case.client_id)).content.decode()
    row = re.search(r'<tr id="step-closed".*?</tr>', page, re.S)
    assert row and "<button" not in row.group(0)
    assert "close the case on or after that day" in row.group(0)


def test_an_htmx_step_change_answers_with_the_checklist_and_the_audit_trail(
    portfolio: Team, as_bob: Browser, bobs_case: OffboardingCase
) -> None:
    response = as_bob.post(
        step_url(bobs_case.client_id, "contract_review"), {"action": "done"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="checklist"')
    assert '<section id="audit" aria-labelledby="audit-heading" hx-swap-oob="true">' in body
    assert "<html" not in body
    assert '<p role="status" class="muted">Review the contract: saved.</p>' in body
    assert state(bobs_case.client_id, "contract_review") == "done"


def test_the_step_forms_post_with_csrf_and_htmx(
    portfolio: Team, as_bob: Browser, bobs_case: OffboardingCase
) -> None:
    page = as_bob.get(offboard_url(bobs_case.client_id)).content.decode()
    url = step_url(bobs_case.client_id, "owed_work")
    form = re.search(rf'<form method="post" action="{url}".*?</form>', page, re.S)
    assert form
    assert f'hx-post="{url}"' in form.group(0)
    assert 'name="csrfmiddlewaretoken"' in form.group(0)
    assert '<label for="note-owed_work">' in form.group(0)


def test_posting_the_open_form_again_does_not_open_a_second_case(
    portfolio: Team, as_bob: Browser, bobs_case: OffboardingCase
) -> None:
    response = as_bob.post(offboard_url(bobs_case.client_id), {"reason": "payment"})
    assert response.status_code == 302
    assert list(OffboardingCase.objects.values_list("pk", flat=True)) == [bobs_case.pk]


def test_another_managers_client_is_not_found(portfolio: Team, as_bob: Browser) -> None:
    other = portfolio.other_client
    open_case(other, today=AS_OF, by="Alice", notice_on=AS_OF)
    assert as_bob.get(offboard_url(other)).status_code == 404
    assert as_bob.post(offboard_url(other), {}).status_code == 404
    response = as_bob.post(step_url(other, "contract_review"), {"action": "done"})
    assert response.status_code == 404
    assert state(other, "contract_review") == "pending"


def test_staff_are_refused_every_offboarding_page(portfolio: Team, as_charlie: Browser) -> None:
    client_id = portfolio.bob_clients[0]
    assert as_charlie.get(reverse("offboarding_board")).status_code == 403
    assert as_charlie.get(offboard_url(client_id)).status_code == 403
    assert as_charlie.post(offboard_url(client_id), {}).status_code == 403
    assert as_charlie.post(step_url(client_id, "owed_work"), {"action": "done"}).status_code == 403
    assert not OffboardingCase.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(portfolio: Team) -> None:
    anonymous = Browser()
    client_id = portfolio.bob_clients[0]
    for url in (reverse("offboarding_board"), offboard_url(client_id)):
        response = anonymous.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
    response = anonymous.post(step_url(client_id, "owed_work"), {"action": "done"})
    assert response.status_code == 302 and response["Location"].startswith("/login/")
