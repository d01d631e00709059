"""The command line answers in the user's language: --lang, or the locale (issue 16).

Every run of four words or more in the output is language-identified; none may be
English, except the user's own data (client names), which is taken out first.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.english_runs import english_runs

AS_OF = "2026-10-31"
LANGS = ("id", "hr", "ar")


@pytest.fixture(scope="module")
def cli(cli):
    # Wide enough that no sentence wraps: a wrapped name could not be taken out whole.
    cli.env["COLUMNS"] = "500"
    return cli


@pytest.fixture(scope="module")
def demo(cli):
    cli("demo", "--as-of", AS_OF)
    rows = json.loads(cli("triage", "--as-of", AS_OF, "--format", "json").stdout)
    return rows


def _user_data(value: object) -> set[str]:
    """The plain strings among findings' parameters: the user's own words (a flag's
    reason, a proposal's title), which the web isolates and the terminal shows as is."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "params" and isinstance(item, dict):
                found |= {v for v in item.values() if isinstance(v, str)}
            found |= _user_data(item)
    elif isinstance(value, list):
        for item in value:
            found |= _user_data(item)
    return found


def _without_names(text: str, rows: list[dict]) -> str:
    for r in rows:
        text = text.replace(r["client"], " ")
    # Longest first, so a string inside another one does not leave half of it.
    for data in sorted(_user_data(rows), key=len, reverse=True):
        text = text.replace(data, " ")
    return text


def _english(text: str, rows: list[dict]) -> list[str]:
    return english_runs(_without_names(text, rows).splitlines())


@pytest.mark.parametrize("lang", LANGS)
def test_triage_answers_in_the_chosen_language(cli, demo, lang):
    shown = cli("--lang", lang, "triage", "--as-of", AS_OF).stdout
    assert _english(shown, demo) == []
    # The verdicts and the reasons themselves are translated, not only the headers.
    words = {
        "id": ("akhiri sekarang", "pertahankan"),
        "hr": ("završiti odmah", "zadržati"),
        "ar": ("إنهاء فوري", "إبقاء"),
    }[lang]
    assert all(w in shown for w in words)


@pytest.mark.parametrize("lang", LANGS)
def test_a_clients_signals_and_evidence_answer_in_the_chosen_language(cli, demo, lang):
    troubled = next(r for r in demo if r["recommendation"] == "repair")["client"]
    shown = cli("--lang", lang, "client", troubled, "--as-of", AS_OF).stdout
    assert _english(shown, demo) == []
    assert "in the window" not in shown and "Evidence:" not in shown


@pytest.mark.parametrize("lang", LANGS)
def test_errors_are_said_in_the_chosen_language(cli, demo, lang):
    unknown = cli("--lang", lang, "client", "Nobody At All", check=False)
    assert unknown.returncode == 2 and "Traceback" not in unknown.stderr
    assert _english(unknown.stderr, demo) == []
    assert "Error:" not in unknown.stderr
    bad_date = cli("--lang", lang, "triage", "--as-of", "2026-13-01", check=False)
    assert bad_date.returncode == 2
    assert _english(bad_date.stderr, demo) == []
    assert "2026-13-01" in bad_date.stderr


def test_the_locale_chooses_the_language_when_no_flag_does(cli, demo):
    env = {**cli.env, "LANG": "hr_HR.UTF-8"}
    env.pop("PARTWAYS_LANG")
    env.pop("LANGUAGE", None)
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    from tests.cli.conftest import CLI

    shown = CLI(env)("triage", "--as-of", AS_OF).stdout
    assert "Trijaža na dan" in shown
    # An unknown language, or the C locale, answers in English.
    env["LANG"] = "C.UTF-8"
    assert "Triage as of 2026-10-31" in CLI(env)("triage", "--as-of", AS_OF).stdout
    english = cli("--lang", "xx", "triage", "--as-of", AS_OF).stdout
    assert "Triage as of 2026-10-31" in english


def test_english_output_is_unchanged_for_scripts(cli, demo):
    shown = cli("triage", "--as-of", AS_OF).stdout
    assert "Triage as of 2026-10-31" in shown and "45 clients:" in shown


@pytest.mark.parametrize("lang", LANGS)
def test_an_offboarding_case_reads_in_the_chosen_language(cli, demo, lang):
    ending = next(r for r in demo if r["recommendation"] == "end_now")["client"]
    if cli("offboard", "status", ending, check=False).returncode != 0:
        cli("offboard", ending)
    shown = cli("--lang", lang, "offboard", "status", ending).stdout
    # The procedure's own words, the talking points and the handover are all translated;
    # what stays is the user's (the contract's wording, the deliverables' titles).
    for english in (
        "Talking points",
        "Rehearse:",
        "Handover checklist",
        "Thank them for the work together",
        "Write the talking points down",
        "Files and source material",
        "Earliest lawful end",
        "Checklist",
    ):
        assert english not in shown, (lang, english)
    expected = {
        "id": ("Poin pembicaraan", "Daftar periksa serah terima", "Tinjau kontrak"),
        "hr": ("Teme razgovora", "Popis za primopredaju", "Pregledajte ugovor"),
        "ar": ("نقاط الحديث", "قائمة التسليم", "مراجعة العقد"),
    }[lang]
    assert all(e in shown for e in expected), (lang, shown[:2000])


# What a help page or a settings table names rather than says: setting keys and file
# names (a dot or underscore inside a word), environment variables and placeholders
# (capitals), commands in backticks, the program's own command line, and the language
# codes --lang takes. They are the same in every language.
_CODES = re.compile(
    r"`[^`]*`|python -m partways[\w -]*|\S*\w[._]\w\S*|\b[A-Z][A-Z_]{2,}\b|\b(?:en|id|hr|ar)\b"
    r"|\b(?:mon|tue|wed|thu|fri|sat|sun)-(?:mon|tue|wed|thu|fri|sat|sun)\b"
    r"|Google Calendar|Google Takeout|Outlook|Apple|Thunderbird|mutt|Gmail|Invoice Ninja"
    r"|FreshBooks|Toggl Track|Invoice2go|Invoicely"
    # The roles as --member takes them.
    r"|\bowner, manager\b|\bstaff\b"
)


def _english_words(text: str, rows: list[dict]) -> list[str]:
    """English runs in ``text`` once its codes are taken out."""
    return _english(_CODES.sub(" ", text), rows)


HELP_WORDS = {
    # The root page's own sentence and Typer's panel title, in each language.
    "id": ("Opsi", "Temukan klien"),
    "hr": ("Opcije", "Pronađite klijente"),
    "ar": ("الخيارات", "اعثر على العملاء"),
}


@pytest.mark.parametrize("lang", LANGS)
def test_help_pages_answer_in_the_chosen_language(cli, lang):
    root = cli("--lang", lang, "--help").stdout
    assert all(w in root for w in HELP_WORDS[lang]), root
    assert _english_words(root, []) == []
    for command in (("setup",), ("import",), ("clients", "alias"), ("settings", "set")):
        page = cli("--lang", lang, *command, "--help").stdout
        assert _english_words(page, []) == [], (command, page)


@pytest.mark.parametrize("lang", LANGS)
def test_settings_and_clients_answer_in_the_chosen_language(cli, demo, lang):
    for command in (
        ("settings", "show", "--all"),
        ("clients", "list"),
        ("clients", "unmatched"),
        ("formats",),
    ):
        shown = cli("--lang", lang, *command).stdout
        assert _english_words(shown, demo) == [], (command, shown[:3000])
    refused = cli("--lang", lang, "settings", "set", "pessimism.lo", "0.2", check=False)
    assert refused.returncode == 2
    assert _english_words(refused.stderr, demo) == [] and "pessimism.low" in refused.stderr
    merged = cli("--lang", lang, "rate", "EUR", check=False)
    assert merged.returncode == 2 and _english_words(merged.stderr, demo) == []


@pytest.mark.parametrize("lang", LANGS)
def test_usage_errors_answer_in_the_chosen_language(cli, lang):
    for args in (("triage", "--bogus"), ("client",), ("serve", "--port", "abc")):
        refused = cli("--lang", lang, *args, check=False)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr
        assert _english_words(refused.stderr, []) == [], (args, refused.stderr)
        for english in ("No such option", "Missing argument", "Invalid value", "Usage:"):
            assert english not in refused.stderr, (args, refused.stderr)
