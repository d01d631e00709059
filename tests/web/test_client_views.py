"""A client's page: the verdict, signal cards with evidence and trends, flagged messages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from django.test import Client as Browser

from partways.store.models import ClientVerdict, MessageLabel
from partways.store.verdicts import latest_run

from .conftest import Team


def _worst(portfolio: Team) -> ClientVerdict:
    return ClientVerdict.objects.get(run=latest_run(), client_id=portfolio.bob_clients[0])


def test_the_page_shows_the_recommendation_and_its_reasons(
    portfolio: Team, as_bob: Browser
) -> None:
    verdict = _worst(portfolio)
    html = as_bob.get(f"/clients/{verdict.client_id}/").content.decode()
    assert f"rec-{verdict.recommendation}" in html
    reasons = re.search(r'<ul id="reasons">(.*?)</ul>', html, flags=re.S)
    assert reasons is not None
    assert reasons.group(1).count("<li>") == len(verdict.detail["reasons"]) > 0


def test_every_signal_has_a_card_with_its_explanation_and_a_trend(
    portfolio: Team, as_bob: Browser
) -> None:
    verdict = _worst(portfolio)
    html = as_bob.get(f"/clients/{verdict.client_id}/").content.decode()
    for sig in verdict.detail["signals"]:
        assert f'id="signal-{sig["id"]}"' in html
    flagged = [s for s in verdict.detail["signals"] if s["severity"] != "none"]
    assert flagged
    first = html.index(f'id="signal-{flagged[0]["id"]}"')
    calm = [s for s in verdict.detail["signals"] if s["severity"] == "none"]
    if calm:  # the signs that fire come first
        assert first < html.index(f'id="signal-{calm[0]["id"]}"')
    trends = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(trends) == len(verdict.detail["signals"])
    for svg in trends:
        ET.fromstring(svg)


def test_evidence_links_to_the_records_it_cites(portfolio: Team, as_bob: Browser) -> None:
    verdict = _worst(portfolio)
    html = as_bob.get(f"/clients/{verdict.client_id}/").content.decode()
    links = re.findall(rf'href="(/clients/{verdict.client_id}/records/[^"]+)"', html)
    assert links
    for url in set(links):
        assert as_bob.get(url).status_code == 200, url


def test_flagged_messages_show_the_matched_words_highlighted(
    portfolio: Team, as_bob: Browser
) -> None:
    verdict = _worst(portfolio)
    cited = {
        int(e["record"].split()[1])
        for s in verdict.detail["signals"]
        for e in s["evidence"]
        if e["record"].startswith("message ")
    }
    labelled = MessageLabel.objects.filter(message_id__in=cited).exclude(spans=[]).first()
    assert labelled is not None, "the demo's worst client has flagged messages"
    html = as_bob.get(f"/clients/{verdict.client_id}/").content.decode()
    item = re.search(rf'<li id="message-{labelled.message_id}">(.*?)</li>', html, flags=re.S)
    assert item is not None
    start, end = labelled.spans[0]
    word = labelled.message.text[start:end]
    marks = re.findall(r'<mark class="span label-[a-z_]+"[^>]*>(.*?)</mark>', item.group(1))
    from html import unescape

    assert unescape(marks[0]) == word or word in map(unescape, marks)


def test_message_text_is_escaped(portfolio: Team, as_bob: Browser) -> None:
    from partways.store.models import Message

    verdict = _worst(portfolio)
    msg = Message.objects.filter(client_id=verdict.client_id).first()
    assert msg is not None
    Message.objects.filter(pk=msg.pk).update(text="<script>alert(1)</script> you idiot")
    html = as_bob.get(f"/clients/{verdict.client_id}/records/message/{msg.pk}").content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_a_client_missing_from_the_triage_says_so(portfolio: Team, as_alice: Browser) -> None:
    from partways.store.models import Client

    fresh = Client.objects.create(name="Brand New Client")
    html = as_alice.get(f"/clients/{fresh.pk}/").content.decode()
    assert "not in the latest triage yet" in html


def test_003_3_the_hard_time_a_client_told_of_is_shown_with_the_verdict(
    portfolio: Team, as_alice: Browser
) -> None:
    # The demo's client in a hard time wrote of it: the message that says so is shown
    # among the flagged messages, and the reasons name it.
    verdict = next(
        v for v in ClientVerdict.objects.filter(run=latest_run()) if v.detail.get("hardship")
    )
    told = verdict.detail["hardship"][0]["record"].split()[1]
    html = as_alice.get(f"/clients/{verdict.client_id}/").content.decode()
    assert f'<li id="message-{told}">' in html
    assert "hard time in their own life" in html
    assert verdict.recommendation == "repair" and verdict.detail["pattern"] == "acute"
