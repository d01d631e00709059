"""Every letter in every format, read back the way its reader's software reads it:
Markdown rendered, HTML parsed, e-mail parsed, Word opened, PDF text extracted."""

from __future__ import annotations

import datetime as dt
import email.policy
import io
import logging
import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from email.message import EmailMessage
from email.parser import BytesParser
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import icalendar
import pytest
from docx.oxml.ns import qn
from markdown_it import MarkdownIt

from partways.letters import LANGUAGES, Block, Letter, compose, letter_kinds
from partways.letters.compose import BUILTIN_TEMPLATES, REASONS
from partways.letters.context import (
    ApologyContext,
    EndingContext,
    ExpectationsContext,
    Invoice,
    Parties,
)
from partways.letters.formats import (
    FORMATS,
    KeyDate,
    UnknownFormat,
    render,
    to_ics,
    to_markdown,
)
from partways.letters.formats.markdown import escape
from partways.letters.formats.text import to_text
from partways.letters.locale import long_date, money, weekday_names

PARTIES = Parties(
    client="Kovač & Partneri", contact="Ana Kovač", business="Northwind Studio", sender="Sam Lee"
)
NOTICE, END = dt.date(2026, 11, 23), dt.date(2026, 12, 23)
SENT = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
SENDER = ("سامي العلي", "sami@northwind.example")
TO = ("Ana Kovačević", "ana@kovac.example")
ARABIC_PARTIES = Parties(client="شركة الواحة", contact="", business="استوديو النخيل", sender="")
# Whom a letter greets: its contact, or the client when there is no contact.
ADDRESSEES = (PARTIES.contact, PARTIES.client, ARABIC_PARTIES.client)

# Bidirectional marks and embeddings: pdftotext wraps right-to-left runs in them.
_BIDI_MARKS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def context_for(kind: str, lang: str) -> dict[str, Any]:
    """Realistic template variables for ``kind``, dates and money in ``lang``."""
    parties = replace(
        PARTIES,
        letter_date=long_date(NOTICE, lang),
        place="Zagreb",
        business_legal_name="Northwind Studio d.o.o.",
        business_address=["Ilica 1", "10000 Zagreb"],
        business_registration="OIB 12345678903",
        client_address=["Riva 2", "21000 Split"],
    )
    if kind in REASONS:
        return EndingContext(
            parties=parties,
            notice_on=long_date(NOTICE, lang),
            end_on=long_date(END, lang),
            notice_days=30,
            contract_title="Services agreement",
            basis="notice",
            contract_dated=long_date(dt.date(2025, 1, 15), lang),
            clause="Either party may end this agreement with 30 days' notice.",
            open_work=["Website redesign", "Quarterly report"],
            referral="Jadran Digital",
            invoices=[
                Invoice(
                    "INV-7",
                    money(120000, "EUR", lang),
                    long_date(dt.date(2026, 11, 1), lang),
                    "overdue",
                )
            ],
            overdue_total=money(120000, "EUR", lang),
            oldest_overdue=long_date(dt.date(2026, 11, 1), lang),
        ).template_vars()
    if kind == "apology":
        return ApologyContext(
            parties=parties, call_by=long_date(NOTICE, lang), about="the delay to the launch."
        ).template_vars()
    if kind == "expectations":
        return ExpectationsContext(
            parties=parties,
            work_days=weekday_names(range(5), lang),
            work_start="09:00",
            work_end="17:00",
            time_zone="Europe/Zagreb",
            channel="email",
            reply_window_hours=24,
            check_in="weekly",
            revision_rounds=2,
            payment_terms_days=14,
            deposit_percent=30,
            scope="Design and build of the company website",
        ).template_vars()
    raise AssertionError(f"no test context for letter kind {kind!r}: add one here")


@cache
def builtin_letter(kind: str, lang: str) -> Letter:
    return compose(kind, lang, context_for(kind, lang))


def expected_blocks(letter: Letter) -> list[str]:
    """What a reader sees, block by block: the frame (letterhead, recipient block and
    date line, each a paragraph), the subject line, each paragraph (lines joined by
    newlines), each list item."""
    frame = letter.frame_plain()
    out = [
        "\n".join(frame[part]) for part in ("letterhead", "recipient", "date_line") if frame[part]
    ]
    out.append(frame["subject_line"][0])
    for block in letter.blocks:
        if block.kind == "list":
            out += block.plain()
        else:
            out.append("\n".join(block.plain()))
    return out


class _Blocks(HTMLParser):
    """The text of an HTML document's h1, p and li elements, <br> as a newline."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.attrs: dict[str, dict[str, str | None]] = {}
        self.title = ""
        self._open: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs.setdefault(tag, dict(attrs))
        if tag in ("h1", "p", "li", "title"):
            self._open, self._text = tag, []
        elif tag == "br":
            self._text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            lines = (line.strip() for line in "".join(self._text).split("\n"))
            text = "\n".join(line for line in lines if line)
            if tag == "title":
                self.title = text
            else:
                self.blocks.append(text)
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)


def parse_html(markup: str) -> _Blocks:
    parser = _Blocks()
    parser.feed(markup)
    parser.close()
    return parser


def normalise(text: str) -> str:
    """Text as extracted from a PDF, comparable with the letter: bidirectional marks
    dropped, presentation forms and ligatures back to letters (NFKC), one space for any
    run of white space."""
    text = unicodedata.normalize("NFKC", _BIDI_MARKS.sub("", text))
    return " ".join(text.split())


def _marked(char: str) -> bool:
    return unicodedata.category(char) == "Mn"


def words(text: str) -> list[str]:
    """The words of ``text``, each with its combining marks (Arabic's short vowels,
    shadda); a bidirectional mark, which pdftotext puts where a run of one direction
    ends, ends a word too, even where pdftotext left out the space (see below)."""
    text = unicodedata.normalize("NFKC", _BIDI_MARKS.sub(" ", text))
    kept = (c if c.isalnum() or c == "_" or _marked(c) else " " for c in text)
    return "".join(kept).split()


def bare(word: str) -> str:
    return "".join(c for c in word if not _marked(c))


def assert_in_order(text: str, phrases: list[str]) -> None:
    at = 0
    for phrase in phrases:
        found = text.find(phrase, at)
        assert found >= 0, f"{phrase!r} missing after position {at} in {text!r}"
        at = found + len(phrase)


def assert_words_in_order(text: str, phrases: list[str]) -> None:
    """Each phrase's words appear together, the phrases in the order given.

    Words, not characters: where right-to-left text meets digits or Latin letters,
    pdftotext guesses where a space or a full stop belongs from the glyphs' positions
    alone and can put it on the wrong side ("يوم 23 ديسمبر 2026." comes back as
    "يوم 23ديسمبر .2026"), though the PDF shows it in its place.
    """
    haystack = [bare(word) for word in words(text)]
    at = 0
    for phrase in phrases:
        needle = [bare(word) for word in words(phrase)]
        found = next(
            (i for i in range(at, len(haystack)) if haystack[i : i + len(needle)] == needle),
            None,
        )
        assert found is not None, f"{phrase!r} missing after word {at} in {haystack!r}"
        at = found + len(needle)


def tool(name: str) -> str:
    """The path of a command-line tool; the test is skipped without it, except in CI."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is missing: .ci/run installs poppler-utils")
    pytest.skip(f"{name} is not installed (Debian: apt install poppler-utils)")


def pdf_text(pdf: bytes, tmp_path: Path, pdftotext: str) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def addressee_named(text: str) -> bool:
    return any(name in text for name in ADDRESSEES)


# Per format: check the output's content against the letter it was written from.


def check_text(letter: Letter, data: bytes, tmp_path: Path) -> None:
    text = data.decode("utf-8")
    assert text.startswith(f"{letter.letterhead[0]}\n")
    assert f"\n\n{letter.subject_line}\n\n" in text
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert addressee_named(text)
    for block in letter.blocks:
        prefix = "- " if block.kind == "list" else ""
        assert "\n".join(prefix + line for line in block.plain()) in text


def check_md(letter: Letter, data: bytes, tmp_path: Path) -> None:
    markdown = data.decode("utf-8")
    rendered = MarkdownIt("commonmark").render(markdown)
    assert parse_html(rendered).blocks == expected_blocks(letter)
    assert addressee_named(rendered)
    # The frame's paragraphs first, then the subject line as the heading.
    assert markdown.count("\n# ") == 1
    if letter.direction == "rtl":
        assert markdown.startswith(f'<div dir="rtl" lang="{letter.lang}">\n\n')
        assert rendered.startswith(f'<div dir="rtl" lang="{letter.lang}">\n<p>')


def check_html(letter: Letter, data: bytes, tmp_path: Path) -> None:
    markup = data.decode("utf-8")
    page = parse_html(markup)
    assert page.attrs["html"] == {"lang": letter.lang, "dir": letter.direction}
    assert page.attrs["meta"] == {"charset": "utf-8"}
    assert page.title == letter.subject
    assert page.blocks == expected_blocks(letter)
    # Nothing to fetch: no linked file, image, stylesheet or font.
    assert not re.search(r"\b(src|href)\s*=|url\(|@import", markup)


def check_eml(letter: Letter, data: bytes, tmp_path: Path) -> EmailMessage:
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    msg = BytesParser(policy=email.policy.default).parsebytes(data)
    assert isinstance(msg, EmailMessage)
    assert msg["Subject"] == letter.subject.replace("\u2068", "").replace("\u2069", "")
    assert msg["Content-Language"] == letter.lang
    assert msg["MIME-Version"] == "1.0"
    assert msg.get_content_type() == "multipart/alternative"
    plain, html = msg.get_body(("plain",)), msg.get_body(("html",))
    assert plain is not None and html is not None
    assert plain.get_content_charset() == "utf-8"
    assert plain.get_content() == to_text(letter).replace("\n", "\r\n")
    assert parse_html(html.get_content()).blocks == expected_blocks(letter)
    return msg


def check_docx(letter: Letter, data: bytes, tmp_path: Path) -> None:
    document = docx.Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    assert [p.text for p in paragraphs] == expected_blocks(letter)
    subject = next(p for p in paragraphs if p.text == letter.subject_line)
    assert all(run.bold for run in subject.runs)
    assert paragraphs[0].runs[0].bold  # the business's name heads the letterhead
    items = [p for p in paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert len(items) == sum(len(b.lines) for b in letter.blocks if b.kind == "list")
    assert document.core_properties.title == letter.subject
    assert document.core_properties.language == letter.lang
    rtl = letter.direction == "rtl"
    lang = document.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:lang')}")
    assert lang is not None and lang.get(qn("w:bidi")) == "ar-SA"
    if not rtl:
        assert lang.get(qn("w:val")) == {"en": "en-US", "id": "id-ID", "hr": "hr-HR"}[letter.lang]
    for paragraph in paragraphs:
        p_pr = paragraph._p.pPr
        assert (p_pr is not None and p_pr.find(qn("w:bidi")) is not None) == rtl
        assert all((run.font.rtl is True) == rtl for run in paragraph.runs)


def check_pdf(letter: Letter, data: bytes, tmp_path: Path) -> None:
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext:  # the full round trip is test_*_pdf_text_*; here, every word is there
        found = {bare(word) for word in words(pdf_text(data, tmp_path, pdftotext))}
        # Not the words with a combining mark: pdftotext moves a mark raised above its
        # letter (Arabic's shadda, tanween) away, and often a letter or a space with it.
        expected = {w for w in words(" ".join(expected_blocks(letter))) if w == bare(w)}
        assert expected and expected <= found, expected - found


CHECKS = {
    "text": check_text,
    "md": check_md,
    "html": check_html,
    "eml": check_eml,
    "docx": check_docx,
    "pdf": check_pdf,
}


def test_every_format_has_a_check() -> None:
    assert CHECKS.keys() == FORMATS.keys()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", letter_kinds())
def test_every_letter_in_every_format(kind: str, lang: str, fmt: str, tmp_path: Path) -> None:
    if not (BUILTIN_TEMPLATES / lang / f"{kind}.txt").exists():
        pytest.skip(f"template {lang}/{kind}.txt not written yet")
    letter = builtin_letter(kind, lang)
    data = render(letter, fmt, sender=SENDER, to=TO, date=SENT)
    CHECKS[fmt](letter, data, tmp_path)


# A right-to-left letter from a template of the test's own, so that these tests don't
# wait for the built-in Arabic templates.
ARABIC_TEMPLATE = """\
{% block subject %}إنهاء التعاون بيننا{% endblock %}
{% block body %}
السادة {{ client }} المحترمين،

شكرا لثقتكم بنا طوال هذه الفترة.
سينتهي تعاوننا يوم {{ end_on }}.

قبل ذلك سنقوم بما يلي:

{% for item in open_work %}
- {{ item }}
{% endfor %}

مع أطيب التحيات،
{{ business }}
{% endblock %}
"""
ARABIC_PHRASES = [
    "إنهاء التعاون بيننا",
    "السادة شركة الواحة المحترمين،",
    "شكرا لثقتكم بنا طوال هذه الفترة.",
    "سينتهي تعاوننا يوم",
    "قبل ذلك سنقوم بما يلي:",
    "تسليم جميع الملفات والوثائق",
    "إرسال الفاتورة النهائية",
    "مع أطيب التحيات،",
    "استوديو النخيل",
]


@pytest.fixture(scope="module")
def arabic_letter(tmp_path_factory: pytest.TempPathFactory) -> Letter:
    templates = tmp_path_factory.mktemp("templates")
    (templates / "ar").mkdir()
    (templates / "ar" / "generic.txt").write_text(ARABIC_TEMPLATE, encoding="utf-8")
    context = EndingContext(
        parties=ARABIC_PARTIES,
        notice_on=long_date(NOTICE, "ar"),
        end_on=long_date(END, "ar"),
        notice_days=30,
        contract_title="",
        open_work=["تسليم جميع الملفات والوثائق", "إرسال الفاتورة النهائية"],
    )
    letter = compose("generic", "ar", context.template_vars(), template_dirs=[templates])
    assert letter.direction == "rtl"
    return letter


@pytest.fixture(scope="module")
def arabic_pdf(arabic_letter: Letter) -> bytes:
    return render(arabic_letter, "pdf")


@pytest.mark.parametrize("fmt", FORMATS)
def test_arabic_letter_in_every_format(arabic_letter: Letter, fmt: str, tmp_path: Path) -> None:
    data = render(arabic_letter, fmt, sender=SENDER, to=TO, date=SENT)
    CHECKS[fmt](arabic_letter, data, tmp_path)


def test_arabic_pdf_text_comes_back_in_reading_order(
    arabic_letter: Letter, arabic_pdf: bytes, tmp_path: Path
) -> None:
    text = pdf_text(arabic_pdf, tmp_path, tool("pdftotext"))
    # The date in its place, its day, month and year in Arabic's order.
    phrases = [*ARABIC_PHRASES[:4], long_date(END, "ar"), *ARABIC_PHRASES[4:]]
    assert_words_in_order(text, phrases)
    # Letters and spaces as written, where no digits or Latin letters are near.
    assert_in_order(normalise(text), [normalise(p) for p in ARABIC_PHRASES[:3]])


def test_arabic_pdf_embeds_an_arabic_font(arabic_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_bytes(arabic_pdf)
    listing = subprocess.run(
        [tool("pdffonts"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    # name, type (may hold spaces), encoding, emb, sub, uni, object, generation
    fonts = re.findall(r"^(\S+) .* (yes|no) +(?:yes|no) +(?:yes|no) +\d+ +\d+$", listing, re.M)
    arabic = [name for name, emb in fonts if re.search(r"Noto-?(Naskh|Sans)-?Arabic", name)]
    assert arabic, listing
    assert all(emb == "yes" for _, emb in fonts), listing


def test_english_pdf_text_round_trips(tmp_path: Path) -> None:
    letter = builtin_letter("generic", "en")
    text = normalise(pdf_text(render(letter, "pdf"), tmp_path, tool("pdftotext")))
    assert_in_order(text, [normalise(block) for block in expected_blocks(letter)])


def test_pdf_fetches_nothing_but_data_urls(caplog: pytest.LogCaptureFixture) -> None:
    # A user's template is not escaped: it could name an image on the disk or the web.
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4"
        "nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="
    )
    lines = (
        '<img src="file:///etc/hostname" alt="">',
        '<img src="http://192.0.2.1/logo.png" alt="">',
        f'<img src="{pixel}" alt="">',
    )
    letter = Letter("generic", "en", "ltr", "Images", (Block("paragraph", lines),))
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = render(letter, "pdf")
    assert pdf.startswith(b"%PDF-")
    refused = " ".join(record.getMessage() for record in caplog.records)
    assert "file:///etc/hostname" in refused and "http://192.0.2.1/logo.png" in refused
    assert "data:image" not in refused


def test_eml_addresses_and_headers() -> None:
    letter = builtin_letter("generic", "en")
    msg = check_eml(letter, render(letter, "eml", sender=SENDER, to=TO, date=SENT), Path())
    (sender,) = msg["From"].addresses
    (to,) = msg["To"].addresses
    assert (sender.display_name, sender.addr_spec) == SENDER
    assert (to.display_name, to.addr_spec) == TO
    assert msg["Date"].datetime == SENT
    assert re.fullmatch(r"<[^<>@\s]+@partways\.invalid>", msg["Message-ID"])
    assert msg["X-Unsent"] == "1"


def test_eml_draft_has_no_to_and_a_sender_without_address_no_from() -> None:
    letter = builtin_letter("generic", "en")
    msg = check_eml(letter, render(letter, "eml", date=SENT), Path())
    assert "To" not in msg and "From" not in msg


def test_eml_display_name_cannot_add_a_header() -> None:
    letter = builtin_letter("generic", "en")
    evil = ("Ana\r\nBcc: spy@attacker.test\r\n\r\nInjected body", "ana@kovac.example")
    data = render(letter, "eml", sender=SENDER, to=evil, date=SENT)
    assert b"\r\nBcc:" not in data
    msg = check_eml(letter, data, Path())
    assert "Bcc" not in msg
    (to,) = msg["To"].addresses
    assert to.addr_spec == "ana@kovac.example"
    assert to.display_name == "Ana Bcc: spy@attacker.test Injected body"


def test_eml_international_domain_and_bad_address() -> None:
    letter = builtin_letter("generic", "en")
    data = render(letter, "eml", sender=SENDER, to=("Ana", "ana@čokolada.example"), date=SENT)
    msg = check_eml(letter, data, Path())
    assert msg["To"].addresses[0].domain == "xn--okolada-i6a.example"
    with pytest.raises(ValueError, match="address"):
        render(letter, "eml", sender=SENDER, to=("Ana", "ana@@kovac"), date=SENT)


def test_ics_key_dates() -> None:
    dates = [
        KeyDate(NOTICE, "Notice sent to Kovač & Partneri"),
        KeyDate(dt.date(2026, 12, 16), "Handover of files", "Files, access, documentation"),
        KeyDate(END, "Last day of work"),
    ]
    first = to_ics(dates, calendar_name="Kovač: ending", uid_seed="client-7", stamp=SENT)
    cal = icalendar.Calendar.from_ical(first)
    assert str(cal["PRODID"]) == "-//partways//offboarding//EN"
    assert str(cal["X-WR-CALNAME"]) == "Kovač: ending"
    events = cal.walk("VEVENT")
    assert [(e["DTSTART"].dt, e["DTEND"].dt, str(e["SUMMARY"])) for e in events] == [
        (d.day, d.day + dt.timedelta(days=1), d.summary) for d in dates
    ]
    assert b"DTSTART;VALUE=DATE:20261123" in first
    assert str(events[1]["DESCRIPTION"]) == "Files, access, documentation"
    for event in events:
        assert event["DTSTAMP"].dt == SENT
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm["TRIGGER"].dt == -dt.timedelta(days=1)

    # Same seed and summaries, a date moved and a later stamp: the same events, updated.
    moved = [*dates[:2], KeyDate(dt.date(2027, 1, 8), "Last day of work")]
    second = to_ics(moved, calendar_name="x", uid_seed="client-7", stamp=SENT.replace(day=30))
    other = to_ics(dates, calendar_name="x", uid_seed="client-8", stamp=SENT)

    def uids(ics: bytes) -> list[str]:
        return [str(e["UID"]) for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")]

    assert uids(first) == uids(second)
    assert len(set(uids(first))) == 3
    assert not set(uids(first)) & set(uids(other))


@pytest.mark.parametrize(
    "text",
    [
        "*Acme* [x](http://e.test) # _y_",
        "# Hi",
        "1. first",
        "2) second",
        "- dash",
        "+ plus",
        "===",
        "> quote",
        "<b>bold</b> <!-- c -->",
        "&copy; &#169; Smith & Co",
        "`code` ~~gone~~ a|b \\ back",
        "trailing #",
    ],
)
def test_markdown_escape_keeps_text_literal(text: str) -> None:
    rendered = MarkdownIt("commonmark").render(f"para\n{escape(text)}\n\n{escape(text)}")
    assert parse_html(rendered).blocks == [f"para\n{text}", text]
    assert not re.search(r"<(em|strong|a|h\d|ol|ul|blockquote|code|b|hr)\b", rendered)


def test_markdown_client_name_stays_literal() -> None:
    name = "*Acme* [x](http://e.test) # _y_"
    context = {**context_for("generic", "en"), "client": name, "contact": ""}
    letter = compose("generic", "en", context)
    rendered = MarkdownIt("commonmark").render(to_markdown(letter))
    # Named, as written, in the recipient block (its first line).
    assert parse_html(rendered).blocks[1].split("\n")[0] == name
    assert not re.search(r"<(em|a|h2)\b", rendered)


def test_unknown_format_lists_the_formats() -> None:
    with pytest.raises(UnknownFormat) as raised:
        render(builtin_letter("generic", "en"), "rtf")
    assert isinstance(raised.value, ValueError)
    assert "'rtf'" in str(raised.value)
    for fmt in FORMATS:
        assert fmt in str(raised.value)


def test_a_pdf_without_a_font_for_its_script_is_refused_not_garbled(
    arabic_letter: Letter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With only DejaVu installed (fontconfig told so by its own configuration file),
    fontconfig would draw the Arabic letter from a fallback; the PDF is refused instead,
    naming the fonts and the package, and the Latin letter still renders."""
    from partways.letters.formats import pdf

    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    if not dejavu.is_dir():
        pytest.skip("needs Debian's fonts-dejavu-core")
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><dir>{dejavu}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    monkeypatch.setattr(pdf, "_FONTS_FOUND", set())
    assert "Noto Naskh Arabic" not in pdf.installed_families()
    with pytest.raises(pdf.MissingFonts, match="fonts-noto-core"):
        render(arabic_letter, "pdf")
    # Once the fonts are there (here: the machine's own configuration again), the
    # same process renders it; no restart needed.
    monkeypatch.delenv("FONTCONFIG_FILE")
    assert render(arabic_letter, "pdf").startswith(b"%PDF")
