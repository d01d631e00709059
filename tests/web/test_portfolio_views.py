"""The portfolio page: the triage table, its filters, sorting and paging, the charts."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import xml.etree.ElementTree as ET

from django.test import Client as Browser

from partways.store.models import ClientVerdict, VerdictSignal
from partways.store.triage import run_triage
from partways.store.verdicts import latest_run

from .conftest import AS_OF, Team


def _rows(html: str) -> list[str]:
    """The client names in the table, in order."""
    body = html.split('<table id="clients-table">', 1)[1].split("</table>", 1)[0]
    found = re.findall(r'<td><a href="/clients/\d+/"><bdi data-user>([^<]+)</bdi></a></td>', body)
    return [html_lib.unescape(name) for name in found]


def test_the_owner_sees_every_client_of_the_latest_triage(
    portfolio: Team, as_alice: Browser
) -> None:
    html = as_alice.get("/portfolio/?per=100").content.decode()
    assert len(_rows(html)) == ClientVerdict.objects.filter(run=latest_run()).count() == 45


def test_a_manager_sees_only_his_clients(
    portfolio: Team, as_bob: Browser, as_dana: Browser
) -> None:
    html = as_bob.get("/portfolio/").content.decode()
    names = set(_rows(html))
    from partways.store.models import Client

    assert names == set(
        Client.objects.filter(pk__in=portfolio.bob_clients).values_list("name", flat=True)
    )
    assert _rows(as_dana.get("/portfolio/").content.decode()) == []


def test_rows_are_sorted_by_score_by_default_and_by_name_on_request(as_alice: Browser) -> None:
    run = latest_run()
    by_score = list(
        ClientVerdict.objects.filter(run=run)
        .order_by("-score", "client__name")
        .values_list("client__name", flat=True)
    )
    assert _rows(as_alice.get("/portfolio/?per=100").content.decode()) == by_score
    by_name = _rows(as_alice.get("/portfolio/?sort=name&per=100").content.decode())
    assert by_name == sorted(by_name) and len(by_name) == 45
    descending = _rows(as_alice.get("/portfolio/?sort=name&dir=desc&per=100").content.decode())
    assert descending == list(reversed(by_name))


def test_filtering_by_recommendation_and_by_signal(as_alice: Browser) -> None:
    run = latest_run()
    repair = set(
        ClientVerdict.objects.filter(run=run, recommendation="repair").values_list(
            "client__name", flat=True
        )
    )
    assert repair
    assert set(_rows(as_alice.get("/portfolio/?rec=repair").content.decode())) == repair
    sign = VerdictSignal.objects.filter(verdict__run=run).values_list("signal", flat=True).first()
    with_sign = set(
        VerdictSignal.objects.filter(verdict__run=run, signal=sign).values_list(
            "verdict__client__name", flat=True
        )
    )
    assert (
        set(_rows(as_alice.get(f"/portfolio/?signal={sign}&per=100").content.decode())) == with_sign
    )


def test_an_unknown_filter_value_is_ignored_not_an_error(as_alice: Browser) -> None:
    response = as_alice.get("/portfolio/?rec=<script>&signal=nope&sort=drop&page=x&per=7")
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_pages_of_rows(as_alice: Browser) -> None:
    first = _rows(as_alice.get("/portfolio/?per=25").content.decode())
    second = _rows(as_alice.get("/portfolio/?per=25&page=2").content.decode())
    assert len(first) == 25 and len(second) == 20
    assert not set(first) & set(second)


def test_htmx_gets_the_table_alone(as_alice: Browser) -> None:
    html = as_alice.get("/portfolio/?rec=repair", HTTP_HX_REQUEST="true").content.decode()
    assert '<table id="clients-table">' in html and "<html" not in html


def test_the_charts_are_inline_svg_linking_to_clients(as_alice: Browser) -> None:
    html = as_alice.get("/portfolio/").content.decode()
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == 2
    for svg in svgs:
        ET.fromstring(svg)  # well-formed
    assert svgs[1].count("<circle") >= 40
    assert 'href="/clients/' in svgs[1]


def test_movement_since_last_month_compares_with_the_previous_months_run(as_alice: Browser) -> None:
    before = as_alice.get("/portfolio/").content.decode()
    assert "No triage from an earlier month" in before
    run_triage(dt.date(2026, 9, 30))
    after = as_alice.get("/portfolio/").content.decode()
    movement = re.search(r'<p id="movement">(.*?)</p>', after, flags=re.S)
    assert movement and "moved to a more urgent recommendation" in movement.group(1)
    # The table shows each client's score change against that run.
    assert re.search(r'class="(up|down)">', after)
    assert latest_run().as_of == AS_OF  # an older date does not replace the current view


def test_a_nul_in_the_search_is_ignored(as_alice: Browser) -> None:
    assert as_alice.get("/portfolio/?q=ab%00c").status_code == 200


def test_htmx_restoring_history_gets_the_whole_page(as_alice: Browser) -> None:
    html = as_alice.get(
        "/portfolio/", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    ).content.decode()
    assert "<html" in html


def test_a_new_base_currency_shows_at_once_despite_the_cache(as_alice: Browser) -> None:
    from partways.store.models import BusinessSettings

    assert "Revenue (EUR)" in as_alice.get("/portfolio/").content.decode()
    BusinessSettings.objects.filter(pk=1).update(base_currency="USD")
    assert "Revenue (USD)" in as_alice.get("/portfolio/").content.decode()
