"""Letters on the web: preview in the client's language, edit, download in every format,
and the key dates as a calendar; all within the reader's clients."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html import unescape

import pytest
import time_machine
from django.test import Client as Browser
from django.urls import reverse

from partways.jobs.files import discard_files
from partways.jobs.runner import run
from partways.letters.formats import FORMATS
from partways.store.cases.offboarding import open_case
from partways.store.models import Client, Job, LetterDraft

from .conftest import AS_OF, Team

pytestmark = pytest.mark.django_db

CONTENT_TYPES = {
    "text": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "eml": "message/rfc822",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@pytest.fixture(autouse=True)
def today_is_the_demo_date() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 10, 31, 10, tzinfo=dt.UTC), tick=False):
        yield


def letter_url(client_id: int, kind: str = "expectations", lang: str = "en") -> str:
    return reverse("client_letter", args=[client_id, kind, lang])


def download_url(client_id: int, fmt: str, kind: str = "expectations", lang: str = "en") -> str:
    return reverse("client_letter_download", args=[client_id, kind, lang, fmt])


def letter_html(body: str) -> str:
    """The letter container of a preview page, from its opening tag to its end."""
    match = re.search(r'<article class="card letter".*?</article>', body, re.S)
    assert match, "no letter preview on the page"
    return match.group(0)


def client_in(team: Team, language: str) -> Client:
    return Client.objects.filter(pk__in=team.bob_clients, language=language).get()


def test_preview_shows_the_letter_addressed_to_the_client(portfolio: Team, as_bob: Browser) -> None:
    client = Client.objects.get(pk=portfolio.bob_clients[0])
    contact = client.contacts.order_by("-is_primary", "pk").first()
    assert contact is not None
    response = as_bob.get(letter_url(client.pk))
    assert response.status_code == 200
    body = unescape(response.content.decode())
    assert f"{client.name}" in body
    letter = letter_html(response.content.decode())
    assert 'lang="en" dir="ltr"' in letter
    # Greeted by the recorded form of address, never with a hedge such as "Mr/Ms".
    greeting = (
        f"Dear {'Ms' if contact.gender == 'female' else 'Mr'} {contact.name.split()[-1]},"
        if contact.gender
        else f"Dear {contact.name},"
    )
    assert greeting in unescape(letter)
    # The frame of a formal letter: the recipient block names the client.
    assert re.search(r'<p class="recipient">[^<]*' + re.escape(client.name), unescape(letter))


def test_preview_without_a_contact_greets_the_client_by_name(
    portfolio: Team, as_bob: Browser
) -> None:
    client = Client.objects.get(pk=portfolio.bob_clients[0])
    client.contacts.all().delete()
    letter = letter_html(as_bob.get(letter_url(client.pk)).content.decode())
    # No one to greet by name: "Dear Sir or Madam", and the client in the recipient block.
    assert "Dear Sir or Madam," in unescape(letter)
    assert re.search(r'<p class="recipient">[^<]*' + re.escape(client.name), unescape(letter))


def test_arabic_preview_is_marked_right_to_left(portfolio: Team, as_bob: Browser) -> None:
    client = client_in(portfolio, "ar")
    client.contacts.all().delete()
    response = as_bob.get(letter_url(client.pk, "expectations", "ar"))
    letter = letter_html(response.content.decode())
    assert 'lang="ar" dir="rtl"' in letter
    assert client.name in unescape(letter)
    # The text to edit is marked the same way, so it is typed and read right to left.
    assert re.search(r'<textarea[^>]*lang="ar" dir="rtl"', response.content.decode())


def test_the_letter_page_offers_every_format_and_language(portfolio: Team, as_bob: Browser) -> None:
    client_id = portfolio.bob_clients[0]
    body = as_bob.get(letter_url(client_id)).content.decode()
    for fmt in FORMATS:
        assert download_url(client_id, fmt) in body
    for lang in ("en", "id", "hr", "ar"):
        assert letter_url(client_id, "expectations", lang) in body


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "pdf"])
def test_every_format_downloads_as_an_attachment_of_its_type(
    portfolio: Team, as_bob: Browser, fmt: str
) -> None:
    client = Client.objects.get(pk=portfolio.bob_clients[0])
    response = as_bob.get(download_url(client.pk, fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    disposition = response["Content-Disposition"]
    assert disposition.isascii()
    assert re.fullmatch(
        rf'attachment; filename="[\w.-]+-expectations-en{FORMATS[fmt]}"', disposition
    )
    data = response.content
    assert data
    if fmt == "docx":
        assert data.startswith(b"PK")
    else:
        assert b"Working with Studio Horvat" in data  # the subject, in every text format


def test_the_pdf_is_laid_out_by_a_job_and_downloaded_from_its_page(
    portfolio: Team, as_bob: Browser, as_dana: Browser
) -> None:
    client = Client.objects.get(pk=portfolio.bob_clients[0])
    url = download_url(client.pk, "pdf")
    assert as_bob.get(url).status_code == 302  # a link followed: back to the letter
    response = as_bob.post(url, {"about": ""})
    assert response.status_code == 302 and response.url.startswith("/jobs/")
    job = Job.objects.get(kind=Job.Kind.LETTER_PDF)
    assert job.params["client_id"] == client.pk and job.started_by == portfolio.bob.user
    assert "Waiting for a worker" in as_bob.get(response.url).content.decode()
    run(str(job.pk))  # as the worker runs it
    page = as_bob.get(response.url).content.decode()
    assert "The PDF is ready." in page and f"/jobs/{job.pk}/file/" in page
    assert letter_url(client.pk) in page  # back to the letter
    download = as_bob.get(f"/jobs/{job.pk}/file/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert re.fullmatch(
        r'attachment; filename="[\w.-]+-expectations-en\.pdf"', download["Content-Disposition"]
    )
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # Another manager neither follows the job nor takes the file.
    assert as_dana.get(response.url).status_code == 404
    assert as_dana.get(f"/jobs/{job.pk}/file/").status_code == 404
    discard_files(job.pk)  # kept a day for download; not past this test


def test_an_arabic_download_has_an_ascii_file_name(portfolio: Team, as_bob: Browser) -> None:
    client = client_in(portfolio, "ar")
    Client.objects.filter(pk=client.pk).update(name="مكتبة النور")
    client.contacts.all().delete()  # so that the letter greets the client by name
    response = as_bob.get(download_url(client.pk, "text", lang="ar"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="client-{client.pk}-expectations-ar.txt"'
    )
    assert "مكتبة النور" in response.content.decode()


def test_edited_text_is_kept_and_used_by_the_preview_and_every_download(
    portfolio: Team, as_bob: Browser
) -> None:
    client_id = portfolio.bob_clients[0]
    text = (
        "How we work together\n\nDear team,\n\nWe answer within one day.\n\n"
        "- Weekly call\n- Monthly report\n"
    )
    response = as_bob.post(letter_url(client_id), {"text": text})
    assert response.status_code == 302
    draft = LetterDraft.objects.get(client_id=client_id, kind="expectations", language="en")
    assert draft.updated_by == "Bob"
    assert draft.case is None

    preview = letter_html(as_bob.get(letter_url(client_id)).content.decode())
    assert "How we work together" in preview
    assert "<li>Weekly call</li>" in preview

    # The download is the edited text in the letter's frame (letterhead, addresses, date).
    plain = as_bob.get(download_url(client_id, "text")).content.decode()
    assert plain.endswith(text.split("\n", 1)[1].lstrip("\n"))
    assert f"Subject: {text.splitlines()[0]}" in plain
    html = as_bob.get(download_url(client_id, "html")).content.decode()
    assert "<li>Monthly report</li>" in html and "We answer within one day." in html
    # The edit is for this language only.
    other = as_bob.get(download_url(client_id, "text", lang="hr")).content.decode()
    assert "We answer within one day." not in other


def test_edited_text_is_escaped_in_html_output(portfolio: Team, as_bob: Browser) -> None:
    client_id = portfolio.bob_clients[0]
    as_bob.post(letter_url(client_id), {"text": "Subject\n\n<script>alert(1)</script> & co"})
    preview = as_bob.get(letter_url(client_id)).content.decode()
    assert "<script>alert(1)</script>" not in preview
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in letter_html(preview)


def test_a_letter_without_a_body_is_a_form_error_and_nothing_is_saved(
    portfolio: Team, as_bob: Browser
) -> None:
    client_id = portfolio.bob_clients[0]
    response = as_bob.post(letter_url(client_id), {"text": "Only a subject"})
    assert response.status_code == 200
    assert "Write the subject on the first line and the letter below it." in (
        response.content.decode()
    )
    assert not LetterDraft.objects.filter(client_id=client_id).exists()


def test_discarding_the_edits_brings_back_the_composed_letter(
    portfolio: Team, as_bob: Browser
) -> None:
    client_id = portfolio.bob_clients[0]
    as_bob.post(letter_url(client_id), {"text": "Edited subject\n\nEdited body."})
    response = as_bob.post(letter_url(client_id), {"discard": "1", "text": "x"})
    assert response.status_code == 302
    assert not LetterDraft.objects.filter(client_id=client_id).exists()
    assert "Edited body." not in as_bob.get(download_url(client_id, "text")).content.decode()


def test_the_ending_letter_follows_the_open_case_and_its_edit_belongs_to_it(
    portfolio: Team, as_bob: Browser
) -> None:
    client_id = portfolio.bob_clients[0]
    case = open_case(client_id, today=AS_OF, by="Bob", reason="not_a_fit", lang="hr").case
    body = as_bob.get(reverse("client_offboard", args=[client_id])).content.decode()
    assert letter_url(client_id, "not_a_fit", "hr") in body

    response = as_bob.get(letter_url(client_id, "not_a_fit", "hr"))
    assert response.status_code == 200
    assert 'lang="hr" dir="ltr"' in letter_html(response.content.decode())
    as_bob.post(letter_url(client_id, "not_a_fit", "hr"), {"text": "Kraj\n\nHvala vam."})
    assert LetterDraft.objects.get(kind="not_a_fit").case == case
    markdown = as_bob.get(download_url(client_id, "md", "not_a_fit", "hr")).content
    assert b"\n\n# Predmet: Kraj\n\nHvala vam.\n" in markdown


def test_an_ending_letter_without_a_case_unknown_language_or_format_is_not_found(
    portfolio: Team, as_bob: Browser
) -> None:
    client_id = portfolio.bob_clients[0]
    assert as_bob.get(letter_url(client_id, "not_a_fit", "en")).status_code == 404
    assert as_bob.get(letter_url(client_id, "expectations", "fr")).status_code == 404
    assert as_bob.get(download_url(client_id, "odt")).status_code == 404


def test_key_dates_download_as_a_calendar(portfolio: Team, as_bob: Browser) -> None:
    # The demo's most troubled client has a repair plan running: its review is a key date.
    response = as_bob.get(reverse("client_key_dates", args=[portfolio.bob_clients[0]]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert response.content.startswith(b"BEGIN:VCALENDAR")


def test_key_dates_are_written_in_the_readers_language_without_commands(
    portfolio: Team, as_bob: Browser
) -> None:
    url = reverse("client_key_dates", args=[portfolio.bob_clients[0]])
    english = as_bob.get(url).content.decode()
    croatian = as_bob.get(url, HTTP_ACCEPT_LANGUAGE="hr").content.decode()
    assert "SUMMARY:Review the repair plan for" in english
    assert "SUMMARY:Pregledajte plan popravka za" in croatian
    # A page never tells anyone to type a command, and the same date keeps its UID
    # whatever language the calendar was downloaded in.
    assert "partways repair" not in english
    uid = [line for line in english.splitlines() if line.startswith("UID:")]
    assert uid and uid == [line for line in croatian.splitlines() if line.startswith("UID:")]


def test_key_dates_of_a_client_without_plan_or_case_are_not_found(
    portfolio: Team, as_bob: Browser
) -> None:
    assert (
        as_bob.get(reverse("client_key_dates", args=[portfolio.bob_clients[1]])).status_code == 404
    )


def _every_url(client_id: int) -> list[str]:
    return [
        letter_url(client_id),
        letter_url(client_id, "apology", "ar"),
        *(download_url(client_id, fmt) for fmt in FORMATS),
        reverse("client_key_dates", args=[client_id]),
    ]


def test_another_managers_client_is_not_found_on_every_letter_page_and_download(
    portfolio: Team, as_bob: Browser
) -> None:
    for url in _every_url(portfolio.other_client):
        assert as_bob.get(url).status_code == 404, url
    assert as_bob.post(download_url(portfolio.other_client, "pdf")).status_code == 404
    assert not Job.objects.exists()
    response = as_bob.post(letter_url(portfolio.other_client), {"text": "Hi\n\nThere."})
    assert response.status_code == 404
    assert not LetterDraft.objects.exists()


def test_staff_are_refused_every_letter_page_and_download(
    portfolio: Team, as_charlie: Browser
) -> None:
    for url in _every_url(portfolio.bob_clients[0]):
        assert as_charlie.get(url).status_code == 403, url
    assert (
        as_charlie.post(letter_url(portfolio.bob_clients[0]), {"text": "a\n\nb"}).status_code == 403
    )


def test_anonymous_visitors_are_sent_to_log_in(portfolio: Team) -> None:
    anonymous = Browser()
    for url in _every_url(portfolio.bob_clients[0]):
        response = anonymous.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/"), url


def test_the_details_a_letter_needs_are_asked_for_and_used_at_once(
    portfolio: Team, as_bob: Browser
) -> None:
    client = Client.objects.get(pk=portfolio.bob_clients[0])
    contact = client.contacts.order_by("-is_primary", "pk").first()
    assert contact is not None
    contact.gender, contact.title = "", ""
    contact.save()
    page = unescape(as_bob.get(letter_url(client.pk)).content.decode())
    # Said before the letter, and asked for right there.
    assert "is not recorded: the letter greets them by full name" in page
    assert re.search(r'<details open>\s*<summary><h2 id="details-heading">', page)
    response = as_bob.post(
        letter_url(client.pk),
        {
            "details": "1",
            "gender": "male",
            "title": "",
            "latin_name": "",
            "legal_name": "Beacon Fitness Chain Ltd",
            "address": "  12 High Street \n\nLeeds LS1 4AB ",
            "ending": "term_end",
            "signed_on": "2024-10-20",
        },
    )
    assert response.status_code == 302
    client.refresh_from_db()
    contact.refresh_from_db()
    assert (contact.gender, client.address) == ("male", "12 High Street\nLeeds LS1 4AB")
    contract = client.contracts.order_by("-start").first()
    assert contract is not None and contract.ending == "term_end"
    assert contract.signed_on == dt.date(2024, 10, 20)
    letter = unescape(letter_html(as_bob.get(letter_url(client.pk)).content.decode()))
    assert f"Dear Mr {contact.name.split()[-1]}," in letter
    assert "Beacon Fitness Chain Ltd<br>" in letter and "Leeds LS1 4AB" in letter


def test_a_detail_that_is_not_valid_is_refused_by_its_field_and_nothing_is_saved(
    portfolio: Team, as_bob: Browser
) -> None:
    client = Client.objects.get(pk=portfolio.bob_clients[0])
    response = as_bob.post(
        letter_url(client.pk),
        {"details": "1", "gender": "other", "legal_name": "New Name Ltd", "signed_on": "soon"},
    )
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    client.refresh_from_db()
    assert client.legal_name != "New Name Ltd"


def test_an_apology_asks_what_it_is_for_and_names_only_that(
    portfolio: Team, as_bob: Browser
) -> None:
    client = Client.objects.get(pk=portfolio.bob_clients[0])
    page = as_bob.get(letter_url(client.pk, "apology")).content.decode()
    assert 'id="apology-about"' in page and "<article" not in page
    url = letter_url(client.pk, "apology") + "?about=the+launch+was+two+weeks+late"
    letter = unescape(letter_html(as_bob.get(url).content.decode()))
    assert "We owe you an apology for what happened: the launch was two weeks late." in letter
    assert "misunderstanding" not in letter
    text = as_bob.get(
        download_url(client.pk, "text", "apology") + "?about=the+launch+was+two+weeks+late"
    ).content.decode()
    assert "the launch was two weeks late." in text
