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
from partways.letters.context import ApologyContext, EndingContext, ExpectationsContext, Parties
from partways.letters.locale import long_date, money, weekday_names

LANGS = ("en", "id", "hr", "ar")
KINDS = letter_kinds()
NOTICE_ON = dt.date(2026, 10, 24)
END_ON = dt.date(2026, 11, 23)
CALL_BY = dt.date(2026, 10, 28)
OWED_CENTS = 125_000

# Data as a user of each language would type it, so that a letter in Indonesian or
# Croatian can be checked for stray English.
SAMPLE: dict[str, dict[str, Any]] = {
    "en": {
        "client": "Northwind Traders",
        "contact": "Dana Whitfield",
        "business": "Harbour Studio",
        "sender": "Sam Ortega",
        "contract_title": "Services Agreement",
        "open_work": ["Spring catalogue layout", "Logo files in every format"],
        "referral": "Brightline Digital, a full-service agency",
        "scope": "Redesign of the online shop",
    },
    "id": {
        "client": "PT Sinar Abadi",
        "contact": "Rina Hartono",
        "business": "Studio Lentera",
        "sender": "Budi Santoso",
        "contract_title": "Perjanjian Jasa Desain",
        "open_work": ["Tata letak katalog", "Berkas logo dalam semua format"],
        "referral": "Agensi Kreatif Nusantara",
        "scope": "Desain ulang toko daring",
    },
    "hr": {
        "client": "Jadran d.o.o.",
        "contact": "Ivana Babić",
        "business": "Studio Kvadrat",
        "sender": "Marko Horvat",
        "contract_title": "Ugovor o pružanju usluga",
        "open_work": ["Prijelom kataloga", "Datoteke logotipa u svim formatima"],
        "referral": "agencija Digitalni val",
        "scope": "Redizajn internetske trgovine",
    },
    "ar": {
        "client": "شركة الأفق",
        "contact": "سلمى الحداد",
        "business": "استوديو النخلة",
        "sender": "كريم منصور",
        "contract_title": "اتفاقية تقديم الخدمات",
        "open_work": ["تصميم الكتالوج", "ملفات الشعار بكل الصيغ"],
        "referral": "وكالة المدار الرقمية",
        "scope": "إعادة تصميم المتجر الإلكتروني",
    },
}

# Words each language's letters use for what PLAYBOOK §4 requires them to say.
NOTICE_TERMS = {
    "en": "notice terms",
    "id": "masa pemberitahuan",
    "hr": "otkaznim rokom",
    "ar": "مدة الإشعار",
}
HANDOVER = {
    "en": ("access credentials", "final invoice", "delete"),
    "id": ("kredensial akses", "tagihan akhir", "menghapus"),
    "hr": ("pristupne podatke", "završni račun", "izbrisati"),
    "ar": ("بيانات الدخول", "الفاتورة النهائية", "نحذفها"),
}
DEPOSIT = {"en": "Deposit", "id": "Uang muka", "hr": "Predujam", "ar": "الدفعة المقدّمة"}
DAY_SEPARATOR = {"en": ", ", "id": ", ", "hr": ", ", "ar": "، "}


def variables(kind: str, lang: str, *, full: bool = True, **changes: Any) -> dict[str, Any]:
    """A template's variables, built from context.py's dataclasses: every optional field
    filled (``full``) or left empty; ``changes`` replace single variables afterwards."""
    s = SAMPLE[lang]
    parties = Parties(
        client=s["client"],
        contact=s["contact"] if full else "",
        business=s["business"],
        sender=s["sender"] if full else "",
    )
    ctx: ApologyContext | ExpectationsContext | EndingContext
    if kind == "apology":
        ctx = ApologyContext(parties, call_by=long_date(CALL_BY, lang))
    elif kind == "expectations":
        ctx = ExpectationsContext(
            parties,
            work_days=weekday_names(range(5), lang),
            work_start="09:00",
            work_end="17:00",
            time_zone="Europe/Zagreb",
            channel="email",
            reply_window_hours=24,
            check_in="weekly",
            revision_rounds=2,
            payment_terms_days=15,
            deposit_percent=30 if full else 0,
            scope=s["scope"] if full else "",
        )
    else:
        ctx = EndingContext(
            parties,
            notice_on=long_date(NOTICE_ON, lang),
            end_on=long_date(END_ON, lang),
            notice_days=30,
            contract_title=s["contract_title"] if full else "",
            open_work=list(s["open_work"]) if full else [],
            referral=s["referral"] if full else "",
            outstanding=money(OWED_CENTS, "EUR", lang) if full else "",
        )
    return {**ctx.template_vars(), **changes}


def lines(letter: Letter) -> list[str]:
    """The subject and every line of every block, as plain text."""
    return [letter.subject, *(line for block in letter.blocks for line in block.plain())]


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
    return [letter.subject_html, *(line for block in letter.blocks for line in block.lines)]


def list_blocks(letter: Letter) -> list[tuple[str, ...]]:
    return [block.plain() for block in letter.blocks if block.kind == "list"]


# --- Every kind, every language ------------------------------------------------------


def test_every_kind_has_a_template_in_every_language() -> None:
    for lang in LANGS:
        assert sorted(p.stem for p in (BUILTIN_TEMPLATES / lang).glob("*.txt")) == sorted(KINDS)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_full_letter_greets_the_contact_and_is_signed_by_sender_and_business(
    kind: str, lang: str
) -> None:
    letter = compose(kind, lang, variables(kind, lang))
    s = SAMPLE[lang]

    assert (letter.kind, letter.lang) == (kind, lang)
    assert letter.subject.strip()
    assert s["contact"] in " ".join(letter.blocks[0].plain())
    signature = letter.blocks[-1].plain()
    assert signature[-2:] == (s["sender"], s["business"])
    assert len(signature) == 3  # the courteous close, then sender, then business
    assert_no_gaps(letter)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_without_optional_data_the_letter_greets_the_client_and_leaves_no_gaps(
    kind: str, lang: str
) -> None:
    letter = compose(kind, lang, variables(kind, lang, full=False))
    s = SAMPLE[lang]

    assert s["client"] in " ".join(letter.blocks[0].plain())
    signature = letter.blocks[-1].plain()
    assert len(signature) == 2 and signature[-1] == s["business"]  # no empty sender line
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
    assert greeting.kind == "paragraph"
    assert signature.kind == "paragraph"
    for block in middle:
        if block.kind == "paragraph":
            assert len(block.lines) == 1, block  # prose is written on one line
        else:
            assert all(item for item in block.lines)


# --- Ending letters (PLAYBOOK §4) ----------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reason", REASONS)
def test_ending_letters_state_the_end_date_under_the_contracts_notice_terms(
    reason: str, lang: str
) -> None:
    end_on = long_date(END_ON, lang)
    with_contract = compose(reason, lang, variables(reason, lang))
    without = compose(reason, lang, variables(reason, lang, full=False))

    date_line = next(line for line in lines(with_contract)[1:] if end_on in line)
    assert SAMPLE[lang]["contract_title"] in date_line
    assert NOTICE_TERMS[lang] in date_line
    assert "30" in date_line  # the notice, in days
    assert end_on in text(without)
    assert NOTICE_TERMS[lang] not in text(without)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("reason", REASONS)
def test_ending_letters_list_the_open_work_they_promise_to_finish(reason: str, lang: str) -> None:
    open_work = SAMPLE[lang]["open_work"]
    letter = compose(reason, lang, variables(reason, lang))

    assert list_blocks(letter) == [tuple(open_work)]
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
def test_the_payment_letter_names_the_amount_still_owed_only_when_there_is_one(lang: str) -> None:
    owed = money(OWED_CENTS, "EUR", lang)
    owing = compose("payment", lang, variables("payment", lang))
    settled = compose("payment", lang, variables("payment", lang, outstanding=""))

    assert has(owing, owed)
    assert len(owing.blocks) == len(settled.blocks) + 1
    assert not has(settled, owed)


@pytest.mark.parametrize(
    ("lang", "days", "expected"),
    [
        ("en", 1, "1 day from today"),
        ("en", 30, "30 days from today"),
        ("hr", 1, "za 1 dan."),
        ("hr", 3, "za 3 dana."),
        ("hr", 21, "za 21 dan."),
        ("hr", 30, "za 30 dana."),
        ("id", 30, "30 hari"),
        ("ar", 1, "بعد يوم واحد"),
        ("ar", 2, "بعد يومين"),
        ("ar", 7, "بعد 7 أيام"),
        ("ar", 30, "بعد 30 يومًا"),
        ("ar", 100, "بعد 100 يوم "),
    ],
)
def test_the_notice_period_reads_correctly_for_any_number_of_days(
    lang: str, days: int, expected: str
) -> None:
    letter = compose("not_a_fit", lang, variables("not_a_fit", lang, notice_days=days))
    assert expected in text(letter)


# --- The apology `[003 #3]` ----------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_apology_asks_what_help_is_needed_and_proposes_a_call_by_the_date(lang: str) -> None:
    letter = compose("apology", lang, variables("apology", lang))
    body = text(letter)

    assert long_date(CALL_BY, lang) in body
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
    assert any("09:00" in item and "17:00" in item and "Europe/Zagreb" in item for item in items)
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
    greeting = " ".join(letter.blocks[0].lines)

    for line in html_lines(letter):
        assert "<script>" not in line
        assert "49" not in line
        assert not line.startswith("Bcc")
    assert "Acme &lt;script&gt;alert(1)&lt;/script&gt; Bcc: x@evil.test" in greeting
    assert letter.blocks[-1].plain()[-1] == TEMPLATE_LIKE  # printed, never evaluated
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
    assert list_blocks(letter) == [("Logo - Free work forever", "<b>Site</b>")]
    assert any("&lt;b&gt;Site&lt;/b&gt;" in b.lines for b in letter.blocks if b.kind == "list")
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
        "Our work together"
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
