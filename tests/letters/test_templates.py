"""The built-in letter templates: every kind in every language composes, says what it must,
reads well when the optional data is missing, and stays safe whatever the data holds.

PLAYBOOK §4–§5 for the ending letters, `[003 #3]` for the apology, `[003 #2]` for the
expectations sheet.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from partways.letters import Letter, LetterError, UnknownLanguage, compose, letter_kinds
from partways.letters.compose import BUILTIN_TEMPLATES, OTHER_KINDS, REASONS
from partways.letters.context import (
    ApologyContext,
    EndingContext,
    ExpectationsContext,
    Invoice,
    Parties,
)
from partways.letters.locale import long_date, money, time_zone_name, weekday_names

LANGS = ("en", "id", "hr", "ar")
KINDS = letter_kinds()
NOTICE_ON = dt.date(2026, 10, 24)
END_ON = dt.date(2026, 11, 23)
CALL_BY = dt.date(2026, 10, 28)
SIGNED_ON = dt.date(2025, 3, 1)
DUE_PAST = dt.date(2026, 10, 1)
DUE_LATER = dt.date(2026, 12, 15)
OWED_CENTS = 125_000

# Data as a user of each language would type it, so that a letter in Indonesian or
# Croatian can be checked for stray English.
SAMPLE: dict[str, dict[str, Any]] = {
    "en": {
        "client": "Northwind Traders",
        "legal": "Northwind Traders Ltd",
        "contact": "Dana Whitfield",
        "gender": "female",
        "business": "Harbour Studio",
        "business_legal": "Harbour Studio Ltd",
        "sender": "Sam Ortega",
        "sender_title": "Director",
        "place": "Bristol",
        "contract_title": "Services Agreement",
        "clause": "Either party may end this agreement with 30 days' written notice.",
        "open_work": ["Spring catalogue layout", "Logo files in every format"],
        "referral": "Brightline Digital, a full-service agency",
        "scope": "Redesign of the online shop",
        "about": "the launch of the online shop was two weeks late.",
    },
    "id": {
        "client": "PT Sinar Abadi",
        "legal": "PT Sinar Abadi Sejahtera",
        "contact": "Rina Hartono",
        "gender": "female",
        "business": "Studio Lentera",
        "business_legal": "CV Studio Lentera",
        "sender": "Budi Santoso",
        "sender_title": "Direktur",
        "place": "Jakarta",
        "contract_title": "Perjanjian Jasa Desain",
        "clause": "Masing-masing pihak dapat mengakhiri perjanjian ini dengan pemberitahuan "
        "tertulis 30 hari sebelumnya.",
        "open_work": ["Tata letak katalog", "Berkas logo dalam semua format"],
        "referral": "Agensi Kreatif Nusantara",
        "scope": "Desain ulang toko daring",
        "about": "peluncuran toko daring terlambat dua minggu.",
    },
    "hr": {
        "client": "Jadran d.o.o.",
        "legal": "Jadran trgovina d.o.o.",
        "contact": "Ivana Babić",
        "gender": "female",
        "business": "Studio Kvadrat",
        "business_legal": "Studio Kvadrat j.d.o.o.",
        "sender": "Marko Horvat",
        "sender_title": "Direktor",
        "place": "Split",
        "contract_title": "Ugovor o pružanju usluga",
        "clause": "Svaka strana može otkazati ugovor pisanom obaviješću od 30 dana.",
        "open_work": ["Prijelom kataloga", "Datoteke logotipa u svim formatima"],
        "referral": "agencija Digitalni val",
        "scope": "Redizajn internetske trgovine",
        "about": "pokretanje internetske trgovine kasnilo je dva tjedna.",
    },
    "ar": {
        "client": "شركة الأفق",
        "legal": "شركة الأفق للتجارة ذ.م.م",
        "contact": "سلمى الحداد",
        "gender": "female",
        "business": "استوديو النخلة",
        "business_legal": "استوديو النخلة ذ.م.م",
        "sender": "كريم منصور",
        "sender_title": "المدير العام",
        "place": "دبي",
        "contract_title": "اتفاقية تقديم الخدمات",
        "clause": "يجوز لأي من الطرفين إنهاء هذه الاتفاقية بإشعار خطي قبل 30 يومًا.",
        "open_work": ["تصميم الكتالوج", "ملفات الشعار بكل الصيغ"],
        "referral": "وكالة المدار الرقمية",
        "scope": "إعادة تصميم المتجر الإلكتروني",
        "about": "تأخر إطلاق المتجر الإلكتروني أسبوعين.",
    },
}

HANDOVER = {
    "en": ("access credentials", "final invoice", "delete"),
    "id": ("kredensial akses", "tagihan akhir", "menghapus"),
    "hr": ("pristupne podatke", "završni račun", "izbrisati"),
    "ar": ("بيانات الدخول", "الفاتورة النهائية", "حذف"),
}
DEPOSIT = {"en": "Deposit", "id": "Uang muka", "hr": "Predujam", "ar": "الدفعة المقدّمة"}
DAY_SEPARATOR = {"en": ", ", "id": ", ", "hr": ", ", "ar": "، "}


def variables(kind: str, lang: str, *, full: bool = True, **changes: Any) -> dict[str, Any]:
    """A template's variables, built from context.py's dataclasses: every optional field
    filled (``full``: a contract ended on notice, open invoices, a named referral) or
    left empty (no contract, nothing owed); ``changes`` replace single variables after."""
    s = SAMPLE[lang]
    parties = Parties(
        client=s["client"],
        contact=s["contact"] if full else "",
        business=s["business"],
        sender=s["sender"] if full else "",
        letter_date=long_date(NOTICE_ON, lang),
        place=s["place"] if full else "",
        client_legal_name=s["legal"] if full else "",
        client_address=["Riva 1", "21000 Split"] if full else [],
        contact_gender=s["gender"] if full else "",
        contact_family_name=s["contact"].split()[-1] if full else "",
        business_legal_name=s["business_legal"] if full else "",
        business_address=["Ilica 1", "10000 Zagreb"] if full else [],
        business_registration="OIB 12345678903" if full else "",
        business_phone="+385 1 234 5678" if full else "",
        business_email="studio@example.com" if full else "",
        sender_title=s["sender_title"] if full else "",
        sender_email="sam@example.com" if full else "",
    )
    ctx: ApologyContext | ExpectationsContext | EndingContext
    if kind == "apology":
        ctx = ApologyContext(parties, call_by=long_date(CALL_BY, lang), about=s["about"])
    elif kind == "expectations":
        ctx = ExpectationsContext(
            parties,
            work_days=weekday_names(range(5), lang),
            work_start="09:00",
            work_end="17:00",
            time_zone=time_zone_name("Europe/Zagreb", lang),
            channel="email",
            reply_window_hours=24,
            check_in="weekly",
            revision_rounds=2,
            payment_terms_days=15,
            deposit_percent=30 if full else 0,
            scope=s["scope"] if full else "",
        )
    else:
        invoices = [
            Invoice("R-1", money(OWED_CENTS, "EUR", lang), long_date(DUE_PAST, lang), "overdue"),
            Invoice("R-2", money(30000, "EUR", lang), long_date(DUE_LATER, lang), "due"),
        ]
        ctx = EndingContext(
            parties,
            notice_on=long_date(NOTICE_ON, lang),
            end_on=long_date(END_ON, lang),
            notice_days=30,
            contract_title=s["contract_title"] if full else "",
            basis="notice" if full else "no_contract",
            contract_dated=long_date(SIGNED_ON, lang) if full else "",
            clause=s["clause"] if full else "",
            allowed_end=long_date(END_ON, lang) if full else "",
            open_work=list(s["open_work"]) if full else [],
            referral=s["referral"] if full else "",
            invoices=invoices if full else [],
            overdue_total=money(OWED_CENTS, "EUR", lang) if full else "",
            oldest_overdue=long_date(DUE_PAST, lang) if full else "",
            due_later=full,
            handover_contact=f"{s['sender']} (sam@example.com)" if full else "",
        )
    return {**ctx.template_vars(), **changes}


def unisolated(text: str) -> str:
    """Text without the isolates an Arabic letter puts around each value from the data
    (compose._isolated): what the reader sees."""
    return text.replace("\u2068", "").replace("\u2069", "")


def lines(letter: Letter) -> list[str]:
    """The subject and every line of every block, as plain text."""
    every = [letter.subject, *(line for block in letter.blocks for line in block.plain())]
    return [unisolated(line) for line in every]


def text(letter: Letter) -> str:
    return "\n".join(lines(letter))


def has(letter: Letter, value: str) -> bool:
    """Whether ``value`` appears in the letter, whitespace compared loosely: the composer
    flattens every value to one line, and a no-break space in a formatted amount may come
    out as a plain space."""
    return " ".join(value.split()) in " ".join(text(letter).split())


def assert_no_gaps(letter: Letter) -> None:
    """No trace of a missing value or of template syntax on any line."""
    for line in lines(letter):
        assert line == line.strip() and line
        for leftover in ("None", "[]", "{{", "}}", "{%", "%}", "()", "„”", "«»"):
            assert leftover not in line, (leftover, line)
        assert "  " not in line, line  # a value left out between two words
        assert not re.search(r"\s[,.;:،؛]", line), line  # "Dear ," and the like
        assert not re.search(r"[,،]\s*[,،.]", line), line


def html_lines(letter: Letter) -> list[str]:
    frame = [*letter.letterhead, *letter.recipient, letter.date_line, letter.subject_line]
    return [*frame, letter.subject_html, *(line for block in letter.blocks for line in block.lines)]


def list_blocks(letter: Letter) -> list[tuple[str, ...]]:
    return [
        tuple(unisolated(line) for line in block.plain())
        for block in letter.blocks
        if block.kind == "list"
    ]


# --- Every kind, every language ------------------------------------------------------


def test_every_kind_has_a_template_in_every_language() -> None:
    # Besides the letters, each language has its frame and its shared parts.
    shared = ["_ending", "_frame", "_parts"]
    for lang in LANGS:
        found = sorted(p.stem for p in (BUILTIN_TEMPLATES / lang).glob("*.txt"))
        assert found == sorted([*KINDS, *shared])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_full_letter_greets_the_contact_and_is_signed_by_sender_and_business(
    kind: str, lang: str
) -> None:
    letter = compose(kind, lang, variables(kind, lang))
    s = SAMPLE[lang]

    assert (letter.kind, letter.lang) == (kind, lang)
    assert letter.subject.strip()
    # Greeted by family name (or full name, where the language does so), never with a
    # hedge such as "Bapak/Ibu" when the gender is recorded.
    greeting = unisolated(" ".join(letter.blocks[0].plain()))
    assert s["contact"].split()[-1] in greeting and "/" not in greeting
    signature = tuple(unisolated(line) for line in letter.blocks[-1].plain())
    # The courteous close, then who signs, their title, and the registered name.
    assert signature[-3:] == (s["sender"], s["sender_title"], s["business_legal"])
    assert len(signature) == 4
    # The frame: letterhead, recipient, the date line, the subject line.
    letterhead = [unisolated(line) for line in letter.letterhead]
    recipient = " ".join(unisolated(line) for line in letter.recipient)
    assert letterhead[0] == s["business_legal"]
    assert "OIB 12345678903" in " ".join(letterhead)
    assert s["legal"] in recipient and "Riva 1" in recipient
    assert long_date(NOTICE_ON, lang) in unisolated(letter.date_line)
    assert letter.subject in letter.subject_line
    assert_no_gaps(letter)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_without_optional_data_the_letter_greets_the_client_and_leaves_no_gaps(
    kind: str, lang: str
) -> None:
    letter = compose(kind, lang, variables(kind, lang, full=False))
    s = SAMPLE[lang]

    # No person to greet: the letter goes to the client, greeted without a name.
    assert s["client"] in unisolated(" ".join(letter.recipient))
    assert not any(s["contact"] in line for line in lines(letter))
    signature = tuple(unisolated(line) for line in letter.blocks[-1].plain())
    assert len(signature) == 2 and signature[-1] == s["business"]  # no empty sender line
    assert tuple(unisolated(line) for line in letter.letterhead) == (s["business"],)
    assert_no_gaps(letter)
    if kind in REASONS:
        assert list_blocks(letter) == []  # no open work: no list, and no sentence introducing it
        assert all(not line.endswith(":") for line in lines(letter)[1:])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_letters_are_laid_out_as_paragraphs_of_one_line_each_but_the_signature(
    kind: str, lang: str
) -> None:
    letter = compose(kind, lang, variables(kind, lang))
    greeting, *middle, signature = letter.blocks
    assert greeting.kind == "paragraph" and len(greeting.lines) == 1
    assert signature.kind == "paragraph"
    for block in middle:
        if block.kind == "paragraph":
            assert len(block.lines) == 1, block  # prose is written on one line
        else:
            assert all(item for item in block.lines)


# --- Ending letters (PLAYBOOK §4) ----------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reason", REASONS)
def test_ending_letters_cite_the_contract_and_quote_its_clause_with_the_end_date(
    reason: str, lang: str
) -> None:
    s = SAMPLE[lang]
    end_on = long_date(END_ON, lang)
    with_contract = compose(reason, lang, variables(reason, lang))
    without = compose(reason, lang, variables(reason, lang, full=False))

    notice = next(line for line in lines(with_contract)[1:] if end_on in line)
    assert s["contract_title"] in notice and long_date(SIGNED_ON, lang) in notice
    assert s["clause"] in text(with_contract)
    assert s["contract_title"] in with_contract.subject
    # No contract: the end date, and nothing about a contract or a clause.
    assert end_on in text(without)
    assert s["clause"] not in text(without)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reason", REASONS)
def test_ending_letters_list_the_open_work_they_promise_to_finish(reason: str, lang: str) -> None:
    open_work = SAMPLE[lang]["open_work"]
    letter = compose(reason, lang, variables(reason, lang))

    assert list_blocks(letter)[0] == tuple(open_work)
    position = [b.kind for b in letter.blocks].index("list")
    assert letter.blocks[position - 1].plain()[0].endswith(":")  # a sentence leads into it


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reason", REASONS)
def test_ending_letters_promise_the_handover(reason: str, lang: str) -> None:
    for letter in (
        compose(reason, lang, variables(reason, lang)),
        compose(reason, lang, variables(reason, lang, full=False)),
    ):
        for words in HANDOVER[lang]:
            assert words in text(letter)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reason", [r for r in REASONS if r != "mistreats_staff"])
def test_a_referral_gets_its_own_paragraph_only_when_one_is_given(reason: str, lang: str) -> None:
    referral = SAMPLE[lang]["referral"]
    with_referral = compose(reason, lang, variables(reason, lang))
    without = compose(reason, lang, variables(reason, lang, referral=""))

    assert len(with_referral.blocks) == len(without.blocks) + 1
    added = [b for b in with_referral.blocks if b not in without.blocks]
    assert len(added) == 1 and referral in added[0].plain()[0]


@pytest.mark.parametrize("lang", LANGS)
def test_a_client_who_mistreated_staff_gets_no_referral_even_when_one_is_given(lang: str) -> None:
    referral = SAMPLE[lang]["referral"]
    with_referral = compose("mistreats_staff", lang, variables("mistreats_staff", lang))
    without = compose("mistreats_staff", lang, variables("mistreats_staff", lang, referral=""))

    assert referral not in text(with_referral)
    assert with_referral.blocks == without.blocks


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reason", REASONS)
def test_open_invoices_are_listed_with_their_own_due_dates_only_when_there_are_some(
    reason: str, lang: str
) -> None:
    owing = compose(reason, lang, variables(reason, lang))
    settled = compose(reason, lang, variables(reason, lang, invoices=[], overdue_total=""))

    invoices = list_blocks(owing)[-1]
    assert len(invoices) == 2 and "R-1" in invoices[0] and "R-2" in invoices[1]
    assert long_date(DUE_PAST, lang) in invoices[0] and long_date(DUE_LATER, lang) in invoices[1]
    assert not any(long_date(END_ON, lang) in line for line in invoices)
    assert len(list_blocks(settled)) == 1  # the open work only
    assert not has(settled, money(OWED_CENTS, "EUR", lang))


@pytest.mark.parametrize("lang", LANGS)
def test_the_payment_letter_says_since_when_invoices_are_overdue_only_when_some_are(
    lang: str,
) -> None:
    overdue = compose("payment", lang, variables("payment", lang))
    none_overdue = compose("payment", lang, variables("payment", lang, oldest_overdue=""))
    reason = overdue.blocks[2 if lang in ("id", "ar") else 1].plain()[0]
    assert long_date(DUE_PAST, lang) in reason
    assert long_date(DUE_PAST, lang) not in " ".join(b.plain()[0] for b in none_overdue.blocks[:3])


# --- The apology `[003 #3]` ----------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_apology_asks_what_help_is_needed_and_proposes_a_call_by_the_date(lang: str) -> None:
    letter = compose("apology", lang, variables("apology", lang))
    body = text(letter)

    assert long_date(CALL_BY, lang) in body
    assert SAMPLE[lang]["about"] in body  # what went wrong, in the writer's words
    assert "?" in body or "؟" in body  # it asks a question
    assert len(letter.blocks) <= 8  # short


# --- The expectations sheet `[003 #2]` -----------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_expectations_sheet_sets_out_days_hours_and_terms_in_lists(lang: str) -> None:
    letter = compose("expectations", lang, variables("expectations", lang))
    items = [item for block in list_blocks(letter) for item in block]
    days = weekday_names(range(5), lang)

    assert len(list_blocks(letter)) == 2
    assert any(DAY_SEPARATOR[lang].join(days) in item for item in items)
    zone = time_zone_name("Europe/Zagreb", lang)
    assert any("09:00" in item and "17:00" in item and zone in item for item in items)
    assert "Europe/Zagreb" not in text(letter)
    assert any("24" in item for item in items)  # the reply window
    assert any("15" in item for item in items)  # the payment terms
    assert any(DEPOSIT[lang] in item and "30" in item for item in items)
    assert SAMPLE[lang]["scope"] in text(letter)


@pytest.mark.parametrize("lang", LANGS)
def test_the_expectations_sheet_leaves_out_a_deposit_of_zero_and_an_unwritten_scope(
    lang: str,
) -> None:
    letter = compose("expectations", lang, variables("expectations", lang, full=False))
    body = text(letter)

    assert DEPOSIT[lang].lower() not in body.lower()
    assert not re.search(r"(?<!\d)0\s?%", body)
    full = compose("expectations", lang, variables("expectations", lang))
    assert len(letter.blocks) == len(full.blocks) - 1  # the scope paragraph


@pytest.mark.parametrize(
    ("lang", "code", "word"),
    [
        ("en", "sms", "text message"),
        ("id", "meeting", "rapat terjadwal"),
        ("id", "phone", "telepon"),
        ("hr", "email", "e-pošta"),
        ("hr", "meeting", "dogovoreni sastanci"),
        ("ar", "email", "البريد الإلكتروني"),
        ("ar", "chat", "المحادثة الفورية"),
    ],
)
def test_the_main_channel_is_named_in_the_readers_language(lang: str, code: str, word: str) -> None:
    letter = compose("expectations", lang, variables("expectations", lang, channel=code))
    assert word in text(letter)


@pytest.mark.parametrize("lang", LANGS)
def test_every_channel_and_cadence_code_has_its_own_wording(lang: str) -> None:
    def item_with(kind: str, code: str) -> str:
        changes = {"channel": code} if kind == "channel" else {"check_in": code}
        letter = compose("expectations", lang, {**variables("expectations", lang), **changes})
        return text(letter)

    channels = {item_with("channel", c) for c in ("email", "chat", "phone", "sms", "meeting")}
    cadences = {item_with("check_in", c) for c in ("weekly", "fortnightly", "monthly")}
    assert (len(channels), len(cadences)) == (5, 3)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("field", ["channel", "check_in"])
def test_an_unknown_channel_or_cadence_code_is_an_error_not_a_blank(lang: str, field: str) -> None:
    with pytest.raises(LetterError, match="pigeon"):
        compose("expectations", lang, {**variables("expectations", lang), field: "pigeon"})


@pytest.mark.parametrize(
    ("lang", "changes", "expected"),
    [
        ("en", {"reply_window_hours": 1}, "within 1 working hour,"),
        ("en", {"reply_window_hours": 48}, "within 48 working hours"),
        ("en", {"revision_rounds": 1}, "1 round per deliverable"),
        ("en", {"revision_rounds": 0}, "Revisions: not included"),
        ("en", {"payment_terms_days": 1}, "due 1 day from"),
        ("hr", {"reply_window_hours": 1}, "u roku od 1 radnog sata"),
        ("hr", {"reply_window_hours": 3}, "u roku od 3 radna sata"),
        ("hr", {"reply_window_hours": 12}, "u roku od 12 radnih sati"),
        ("hr", {"reply_window_hours": 22}, "u roku od 22 radna sata"),
        ("hr", {"reply_window_hours": 48}, "u roku od 48 radnih sati"),
        ("hr", {"revision_rounds": 1}, "1 krug izmjena"),
        ("hr", {"revision_rounds": 2}, "2 kruga izmjena"),
        ("hr", {"revision_rounds": 5}, "5 krugova izmjena"),
        ("hr", {"revision_rounds": 0}, "Izmjene: nisu uključene"),
        ("hr", {"payment_terms_days": 1}, "u roku od 1 dana"),
        ("id", {"reply_window_hours": 8}, "8 jam kerja"),
        ("id", {"revision_rounds": 0}, "Revisi: tidak termasuk"),
        ("ar", {"reply_window_hours": 1}, "خلال ساعة عمل واحدة"),
        ("ar", {"reply_window_hours": 2}, "خلال ساعتي عمل"),
        ("ar", {"reply_window_hours": 5}, "خلال 5 ساعات عمل"),
        ("ar", {"reply_window_hours": 48}, "خلال 48 ساعة عمل"),
        ("ar", {"revision_rounds": 1}, "جولة تعديل واحدة"),
        ("ar", {"revision_rounds": 2}, "جولتا تعديل"),
        ("ar", {"revision_rounds": 3}, "3 جولات تعديل"),
        ("ar", {"payment_terms_days": 2}, "خلال يومين"),
        ("ar", {"payment_terms_days": 10}, "خلال 10 أيام"),
        ("ar", {"payment_terms_days": 30}, "خلال 30 يومًا"),
    ],
)
def test_numbers_in_the_expectations_sheet_agree_with_their_nouns(
    lang: str, changes: dict[str, int], expected: str
) -> None:
    letter = compose("expectations", lang, {**variables("expectations", lang), **changes})
    assert expected in text(letter)


# --- Languages and scripts -----------------------------------------------------------


@pytest.mark.parametrize("full", [True, False])
@pytest.mark.parametrize("kind", KINDS)
def test_arabic_letters_run_right_to_left_in_arabic_script(kind: str, full: bool) -> None:
    # Latin names and codes from the data must not outweigh the letter's own words.
    latin_parties = {k: SAMPLE["en"][k] for k in ("client", "contact", "business", "sender")}
    if not full:
        latin_parties.update(contact="", sender="")
    letter = compose(kind, "ar", variables(kind, "ar", full=full, **latin_parties))
    body = text(letter)
    arabic = len(re.findall(r"[\u0600-\u06ff]", body))
    latin = len(re.findall(r"[A-Za-z]", body))

    assert letter.direction == "rtl"
    assert arabic > 0.75 * (arabic + latin)


@pytest.mark.parametrize("lang", ["en", "id", "hr"])
def test_other_letters_run_left_to_right(lang: str) -> None:
    assert compose("generic", lang, variables("generic", lang)).direction == "ltr"


@pytest.mark.parametrize("full", [True, False])
@pytest.mark.parametrize("lang", ["id", "hr"])
@pytest.mark.parametrize("kind", KINDS)
def test_indonesian_and_croatian_letters_contain_no_english(
    kind: str, lang: str, full: bool
) -> None:
    body = f" {text(compose(kind, lang, variables(kind, lang, full=full))).lower()} "
    for word in ("the", "we", "you", "your", "and", "will", "our", "of", "dear", "regards"):
        assert not re.search(rf"\b{word}\b", body), word


# --- Safety --------------------------------------------------------------------------

HOSTILE = "Acme <script>alert(1)</script>\nBcc: x@evil.test"
TEMPLATE_LIKE = "Studio {{ 7*7 }}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_hostile_names_stay_inert_text_on_one_line(kind: str, lang: str) -> None:
    letter = compose(
        kind,
        lang,
        variables(kind, lang, full=False, client=HOSTILE, business=TEMPLATE_LIKE),
    )
    # Without a contact, the client is named in the recipient block.
    greeting = " ".join(letter.recipient)

    for line in html_lines(letter):
        assert "<script>" not in line
        assert "49" not in line
        assert not line.startswith("Bcc")
    assert "Acme &lt;script&gt;alert(1)&lt;/script&gt; Bcc: x@evil.test" in greeting
    assert unisolated(letter.blocks[-1].plain()[-1]) == TEMPLATE_LIKE  # printed, not evaluated
    assert "\n" not in letter.subject and "\r" not in letter.subject
    assert "49" not in letter.subject


@pytest.mark.parametrize("lang", LANGS)
def test_open_work_items_and_referrals_cannot_add_lines_or_markup(lang: str) -> None:
    letter = compose(
        "generic",
        lang,
        variables(
            "generic",
            lang,
            open_work=["Logo\n- Free work forever", "<b>Site</b>"],
            referral="Brightline\r\n\r\nP.S. pay us twice",
        ),
    )
    assert list_blocks(letter)[0] == ("Logo - Free work forever", "<b>Site</b>")
    assert any(
        "&lt;b&gt;Site&lt;/b&gt;" in map(unisolated, b.lines)
        for b in letter.blocks
        if b.kind == "list"
    )
    assert not any(line.startswith("P.S.") for line in lines(letter))
    assert "Brightline P.S. pay us twice" in text(letter)


def test_bidirectional_overrides_in_a_name_are_removed() -> None:
    letter = compose(
        "generic", "ar", variables("generic", "ar", full=False, client="\u202eexe.gnp")
    )
    assert "\u202e" not in text(letter)
    assert "exe.gnp" in text(letter)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_missing_variable_is_an_error_that_names_it(kind: str, lang: str) -> None:
    data = variables(kind, lang)
    del data["business"]
    with pytest.raises(LetterError, match="business"):
        compose(kind, lang, data)


@pytest.mark.parametrize("reason", REASONS)
def test_an_ending_letter_without_its_end_date_is_an_error(reason: str) -> None:
    data = variables(reason, "en")
    del data["end_on"]
    with pytest.raises(LetterError, match="end_on"):
        compose(reason, "en", data)


def write_user_template(root: Path, body: str, lang: str = "en", kind: str = "generic") -> None:
    (root / lang).mkdir(parents=True, exist_ok=True)
    (root / lang / f"{kind}.txt").write_text(body, encoding="utf-8")


def test_a_users_template_overrides_the_builtin_one(tmp_path: Path) -> None:
    write_user_template(
        tmp_path,
        "{% block subject %}Our own words for {{ client }}{% endblock %}\n"
        "{% block body %}\nHello {{ client }}.\n\nBye.\n{% endblock %}\n",
    )
    data = variables("generic", "en")

    letter = compose("generic", "en", data, template_dirs=[tmp_path])
    assert letter.subject == "Our own words for Northwind Traders"
    assert [b.plain() for b in letter.blocks] == [("Hello Northwind Traders.",), ("Bye.",)]
    # Kinds and languages the folder doesn't hold still come from the built-in templates.
    assert compose("payment", "en", variables("payment", "en"), [tmp_path]).subject.startswith(
        "Notice of termination"
    )
    assert compose("generic", "hr", variables("generic", "hr"), [tmp_path]).lang == "hr"


@pytest.mark.parametrize(
    "expression",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ client.__class__.__base__.__subclasses__() }}",
        "{{ '{0.__class__.__init__.__globals__}'.format(client) }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ open_work.__len__() }}",
    ],
)
def test_a_users_template_cannot_reach_python_internals(tmp_path: Path, expression: str) -> None:
    write_user_template(
        tmp_path,
        "{% block subject %}Hi{% endblock %}\n{% block body %}\n"
        + expression
        + "\n{% endblock %}\n",
    )
    with pytest.raises(LetterError, match=r"en/generic\.txt: access to attribute .* is unsafe"):
        compose("generic", "en", variables("generic", "en"), template_dirs=[tmp_path])


def test_a_syntax_error_in_a_users_template_names_its_line(tmp_path: Path) -> None:
    write_user_template(
        tmp_path,
        "{% block subject %}Hi{% endblock %}\n"
        "{% block body %}\n"
        "Hello {{ client }},\n"
        "{% endif %}\n"
        "{% endblock %}\n",
    )
    with pytest.raises(LetterError, match=r"generic\.txt, line 4"):
        compose("generic", "en", variables("generic", "en"), template_dirs=[tmp_path])


def test_a_users_template_without_a_body_block_is_an_error(tmp_path: Path) -> None:
    write_user_template(tmp_path, "{% block subject %}Hi{% endblock %}\nHello\n")
    with pytest.raises(LetterError, match="body"):
        compose("generic", "en", variables("generic", "en"), template_dirs=[tmp_path])


def test_an_unknown_kind_is_an_error_listing_the_kinds() -> None:
    with pytest.raises(LetterError, match="too_demanding") as caught:
        compose("ghosting", "en", variables("generic", "en"))
    assert all(kind in str(caught.value) for kind in (*REASONS, *OTHER_KINDS))


@pytest.mark.parametrize("code", ["xx", "de", "", "fr-FR"])
def test_an_unknown_language_is_an_error_listing_the_supported_ones(code: str) -> None:
    with pytest.raises(UnknownLanguage) as caught:
        compose("generic", code, variables("generic", "en"))
    assert all(f"{c} (" in str(caught.value) for c in LANGS)


@pytest.mark.parametrize(
    ("code", "lang"),
    [("hr-HR", "hr"), ("ms", "id"), ("bs", "hr"), ("sr", "hr"), ("en_GB", "en"), ("AR-eg", "ar")],
)
def test_regional_and_neighbouring_language_codes_fold_to_a_supported_one(
    code: str, lang: str
) -> None:
    letter = compose("generic", code, variables("generic", lang))
    assert letter.lang == lang
    assert letter.blocks == compose("generic", lang, variables("generic", lang)).blocks


@pytest.mark.parametrize("lang", LANGS)
def test_a_client_of_long_standing_is_not_welcomed_as_new(lang: str) -> None:
    new = compose("expectations", lang, variables("expectations", lang))
    known = compose(
        "expectations",
        lang,
        variables("expectations", lang, new_client=False, working_since=long_date(SIGNED_ON, lang)),
    )
    assert long_date(SIGNED_ON, lang) in text(known)
    assert long_date(SIGNED_ON, lang) not in text(new)
    # The opening paragraph differs: one welcomes, the other restates.
    assert new.blocks[1] != known.blocks[1] or new.blocks[2] != known.blocks[2]
