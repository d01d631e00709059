"""Issue 17's ending letters, read back as their reader gets them.

For every reason of PLAYBOOK §5, in every language, on a contract of each kind (ended at
any time with notice, only at the end of a term, early only for cause), a case is opened
from the records and its letter written out. Each letter must state only what the
contract allows, keep every invoice's own due date, name the disputed amount, and have
the form of a formal notice: date line, letterhead, recipient block, contract reference,
subject, what continues during the notice period, handover and signature block. It is
read back as text, from the Word file, and (once per language and kind of contract) from
the PDF.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import docx
import pytest

from partways.letters.compose import REASONS
from partways.letters.formats import render, to_text
from partways.letters.locale import long_date, money
from partways.store.cases.letters import letter_for
from partways.store.cases.offboarding import change_step, open_case
from partways.store.models import (
    BusinessSettings,
    Client,
    Contact,
    Contract,
    Deliverable,
    Invoice,
    TeamMember,
)

pytestmark = pytest.mark.django_db

LANGS = ("en", "id", "hr", "ar")
ENDINGS = ("any_time", "term_end", "for_cause")
TODAY = dt.date(2026, 12, 6)
MID_TERM = dt.date(2027, 1, 5)  # 30 days' notice from today, ten months before the term ends
TERM_END = dt.date(2027, 10, 31)
SIGNED = dt.date(2024, 10, 25)
CLAUSE = (
    "Either party may end this agreement with 30 days' written notice before the end of "
    "a term; either party may end it at once for a material breach."
)
TITLE = "Master Services Agreement"
# Invoice number, amount in cents, due date, disputed.
INVOICES = (
    ("INV-101", 120000, dt.date(2026, 11, 1), False),  # overdue at the notice date
    ("INV-102", 80000, dt.date(2026, 11, 20), True),  # overdue, but disputed
    ("INV-103", 45050, dt.date(2026, 12, 31), False),  # not yet due
)
# The reasons whose records give a ground to end for cause (payment: INV-101 is unpaid
# past its due date and undisputed).
GROUNDED = {"mistreats_staff", "unethical", "payment"}

# How each language words what an end date rests on: one phrase each, found in the
# letter of that basis and in no other (see the templates' _ending.txt).
BASIS_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "notice": "we hereby give notice of termination",
        "term_end": "beyond its current term",
        "cause": "for cause",
        "agreement": "ask for your agreement",
    },
    "id": {
        "notice": "Dengan ini kami menyampaikan pemberitahuan pengakhiran",
        "term_end": "tidak akan kami perpanjang",
        "cause": "Dengan ini kami mengakhiri",
        "agreement": "memohon persetujuan",
    },
    "hr": {
        "notice": "ugovornom odredbom o otkazu, otkazujemo",
        "term_end": "nakon isteka tekućeg",
        "cause": "raskidamo",
        "agreement": "molimo Vašu suglasnost",
    },
    "ar": {
        "notice": "نُشعركم بإنهاء",
        "term_end": "عدم تجديد",
        "cause": "لسبب مشروع",
        "agreement": "نطلب موافقتكم",
    },
}
# What continues until the end: the service under the agreement, invoiced on its terms.
CONTINUES = {
    "en": "we will continue to provide the services under the agreement",
    "id": "memberikan layanan berdasarkan perjanjian seperti selama ini",
    "hr": "Vam pružati usluge iz ugovora kao i dosad",
    "ar": "تقديم الخدمات المنصوص عليها في الاتفاقية كما في السابق",
}
# How each language names an invoice the client disputes.
DISPUTED = {"en": "disputed", "id": "keberatan", "hr": "osporili", "ar": "اعترضتم"}
# Salutations written with a slash for a name whose gender is recorded: never.
HEDGES = ("Bapak/Ibu", "Poštovani/", "/Poštovana", "المحترم/ة", "Mr/Ms", "Ms/Mr")
CONTACT = {"en": "Petra Đurić", "id": "Petra Đurić", "hr": "Petra Đurić", "ar": "ليلى حداد"}


def expected_basis(reason: str, ending: str) -> str:
    if ending == "any_time":
        return "notice"
    return "cause" if reason in GROUNDED else "agreement"


def _records(lang: str, ending: str) -> Client:
    business = BusinessSettings.load()
    business.name = "Studio Horvat"
    business.legal_name = "Studio Horvat j.d.o.o."
    business.address = "Ilica 42\n10000 Zagreb"
    business.registration = "OIB 12345678903"
    business.place = {"en": "Zagreb", "hr": "Zagreb", "id": "Jakarta", "ar": "دبي"}[lang]
    business.phone = "+385 1 4567 890"
    business.email = "hello@studio-horvat.example"
    business.save()
    owner = TeamMember.objects.create(
        name="Maja Horvat",
        email="maja@studio-horvat.example",
        role=TeamMember.Role.OWNER,
        job_title="Managing director",
    )
    client = Client.objects.create(
        name="Kovač Gradnja",
        legal_name="Kovač Gradnja d.o.o.",
        address="Savska cesta 12\n10000 Zagreb",
        language=lang,
        manager=owner,
    )
    Contact.objects.create(
        client=client,
        name=CONTACT[lang],
        email="petra@kovac.example",
        is_primary=True,
        gender="female",
        latin_name="Layla Haddad" if lang == "ar" else "",
    )
    Contract.objects.create(
        client=client,
        title=TITLE,
        start=dt.date(2024, 11, 1),
        signed_on=SIGNED,
        end=dt.date(2025, 10, 31),
        auto_renew=True,
        notice_days=30,
        termination_clause=CLAUSE,
        ending=ending,
        currency="EUR",
    )
    for number, amount, due, disputed in INVOICES:
        Invoice.objects.create(
            client=client,
            number=number,
            issued_on=due - dt.timedelta(days=30),
            due_on=due,
            amount_minor=amount,
            currency="EUR",
            disputed=disputed,
        )
    Deliverable.objects.create(
        client=client, title="Web shop, phase 2", status="in_progress", due=dt.date(2026, 12, 20)
    )
    return client


def _case(reason: str, lang: str, ending: str, end_on: dt.date | None = MID_TERM) -> Client:
    client = _records(lang, ending)
    open_case(
        client.pk, today=TODAY, by="test", reason=reason, lang=lang, notice_on=TODAY, end_on=end_on
    )
    return client


def unisolated(text: str) -> str:
    """Text without the isolates an Arabic letter puts around each value from the data
    (see compose._isolated): what a reader sees."""
    return text.replace("\u2068", "").replace("\u2069", "")


def _lines_with(text: str, needle: str) -> list[str]:
    return [line for line in text.splitlines() if needle in line]


def assert_formal_notice(text: str, lang: str, basis: str) -> None:
    """What every notice holds, whatever its basis, in any of its formats' text."""
    day = long_date(TODAY, lang)
    # The letterhead, the recipient block, the date line and the reference.
    for part in (
        "Studio Horvat j.d.o.o.",
        "Ilica 42",
        "10000 Zagreb",
        "OIB 12345678903",
        "hello@studio-horvat.example",
        "Kovač Gradnja d.o.o.",
        "Savska cesta 12",
        day,
        TITLE,
        long_date(SIGNED, lang),
        CLAUSE,
    ):
        assert part in text, f"{part!r} missing"
    if lang in ("id", "hr"):
        assert f"{'Jakarta' if lang == 'id' else 'Zagreb'}, {day}" in text
    if lang == "ar":
        assert "التاريخ" in text
    # The end date, and the date the contract allows only where the letter asks.
    assert long_date(MID_TERM, lang) in text
    assert (long_date(TERM_END, lang) in text) == (basis == "agreement")
    # What the date rests on, in words that say no more than that.
    for other, phrase in BASIS_WORDS[lang].items():
        assert (phrase in text) == (other == basis), f"{other}: {phrase!r}"
    # The notice period: the service goes on until the end date.
    assert CONTINUES[lang] in text
    # Handover contact and signature block.
    assert "maja@studio-horvat.example" in text
    assert "Maja Horvat" in text and "Managing director" in text
    assert not any(hedge in text for hedge in HEDGES)
    assert "{{" not in text and "{%" not in text


def assert_money_kept(text: str, lang: str) -> None:
    """Every open invoice on its own line, with its own due date (never the end date),
    the disputed one named as disputed."""
    for number, amount, due, disputed in INVOICES:
        lines = _lines_with(text, number)
        assert len(lines) == 1, (number, lines)
        line = lines[0]
        assert long_date(due, lang) in line, line
        assert money(amount, "EUR", lang) in line, line
        assert long_date(MID_TERM, lang) not in line, line
        assert (DISPUTED[lang] in line) == disputed, line
    # The overdue, undisputed amount is asked for now: it is named outside the list.
    overdue = money(INVOICES[0][1], "EUR", lang)
    assert len([line for line in text.splitlines() if overdue in line]) == 2


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reason", REASONS)
def test_the_notice_says_only_what_the_contract_allows(reason: str, lang: str, ending: str):
    client = _case(reason, lang, ending)
    addressed = letter_for(client.pk, kind=None, lang=None, today=TODAY)
    letter = addressed.letter
    basis = expected_basis(reason, ending)
    raw = to_text(letter)
    text = unisolated(raw)
    assert_formal_notice(text, lang, basis)
    assert_money_kept(text, lang)
    assert letter.date_line and long_date(TODAY, lang) in unisolated(letter.date_line)
    assert unisolated(letter.letterhead[0]) == "Studio Horvat j.d.o.o."
    assert any("Kovač Gradnja d.o.o." in line for line in letter.recipient)
    assert TITLE in letter.subject or basis == "no_contract"
    # Signed by the owner, with their title, for the business's registered name.
    signature = tuple(unisolated(line) for line in letter.blocks[-1].plain())
    assert signature[-3:] == ("Maja Horvat", "Managing director", "Studio Horvat j.d.o.o.")
    # In Arabic, a value in Latin letters keeps its own order and its full stop.
    assert ("\u2068Studio Horvat j.d.o.o.\u2069" in raw) == (lang == "ar")
    # The work still owed, promised by the end date.
    assert "Web shop, phase 2" in text
    # Word: the same notice, paragraph by paragraph.
    document = docx.Document(io.BytesIO(render(letter, "docx")))
    word = unisolated("\n".join(p.text for p in document.paragraphs))
    assert_formal_notice(word, lang, basis)
    assert_money_kept(word, lang)
    # The writer is told before the letter: the gate is open (INV-101 is unpaid), and
    # an early date rests on cause or on the client's agreement.
    codes = [w.code for w in addressed.warnings]
    said = " ".join(w.english() for w in addressed.warnings)
    assert "letter.gate_open" in codes
    assert ("rests on ending for cause" in said) == (basis == "cause")
    assert ("needs the client's agreement" in said) == (basis == "agreement")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ending", ENDINGS)
def test_at_the_term_end_every_kind_of_contract_is_ended_on_its_notice_terms(
    lang: str, ending: str
):
    client = _case("not_a_fit", lang, ending, end_on=None)
    text = unisolated(to_text(letter_for(client.pk, kind=None, lang=None, today=TODAY).letter))
    basis = "notice" if ending == "any_time" else "term_end"
    assert long_date(TERM_END, lang) in text
    for other, phrase in BASIS_WORDS[lang].items():
        assert (phrase in text) == (other == basis), f"{other}: {phrase!r}"


def test_a_letter_written_once_the_gate_is_settled_no_longer_warns_of_it():
    client = _case("generic", "en", "any_time")
    change_step(client.pk, "receivables", "waive", on=TODAY, by="test", note="agreed a plan")
    addressed = letter_for(client.pk, kind=None, lang=None, today=TODAY)
    assert "letter.gate_open" not in [w.code for w in addressed.warnings]


def _pdf_text(pdf: bytes, tmp_path: Path, *, normalised: bool = True) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed (Debian: apt install poppler-utils)")
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        [tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # Bidirectional marks dropped; normalised, presentation forms back to letters.
    out = re.sub("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", out)
    return " ".join((unicodedata.normalize("NFKC", out) if normalised else out).split())


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_reads_back_as_the_same_notice(lang: str, ending: str, tmp_path: Path):
    reason = REASONS[(LANGS.index(lang) * 3 + ENDINGS.index(ending)) % len(REASONS)]
    client = _case(reason, lang, ending)
    letter = letter_for(client.pk, kind=None, lang=None, today=TODAY).letter
    text = _pdf_text(render(letter, "pdf"), tmp_path)
    # pdftotext may move a colon or comma between a right-to-left word and a number, or
    # drop the space between them: in Arabic, each word is looked for in the squeezed text.
    punctuation = ":،,.()"
    # Arabic's vowel marks (damma, shadda) are moved about by pdftotext: compared bare.
    bare = lambda t: "".join(c for c in t if unicodedata.category(c) != "Mn")  # noqa: E731
    squeezed = bare("".join(text.split()))
    for part in (
        "Studio Horvat j.d.o.o.",
        unisolated(letter.date_line),
        long_date(MID_TERM, lang),
        *(long_date(due, lang) for _, _, due, _ in INVOICES),
        BASIS_WORDS[lang][expected_basis(reason, ending)],
    ):
        normal = " ".join(unicodedata.normalize("NFKC", part).split())
        if lang == "ar":
            # Right-to-left lines come back in reading order, but a run of digits or
            # Latin letters may move within its line: every word must be there.
            assert all(bare(w.strip(punctuation)) in squeezed for w in normal.split()), part
        else:
            assert normal in text, part
    if lang == "ar":
        # Lam-alef, drawn as one ligature, copies back as its two letters, in order, from
        # the PDF's own text layer (not normalised: NFKC would hide a ligature left as is).
        raw = _pdf_text(render(letter, "pdf"), tmp_path, normalised=False)
        assert "الاتفاقية" in raw and "\ufefb" not in raw and "\ufefc" not in raw
