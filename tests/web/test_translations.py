"""The interface in Indonesian, Croatian and Arabic: complete, current and compiled.

- every string of the templates and code is in each catalog, translated, not fuzzy;
- placeholders survive translation (a missing ``%(client)s`` would crash a page);
- the compiled .mo files say what the .po files say;
- the plural rules are the language's own (Arabic has six forms).
"""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

WEB = Path(__file__).resolve().parents[2] / "src" / "partways" / "web"
LANGUAGES = {"id": 1, "hr": 3, "ar": 6}  # language → number of plural forms
# Django's %(name)s in the interface's own strings, {name} in the core's findings.
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]|\{(\w+)\}")


def _names(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def _po(lang: str):  # type: ignore[no-untyped-def]
    with open(WEB / "locale" / lang / "LC_MESSAGES" / "django.po", "rb") as f:
        return read_po(f, locale=lang)


def _ids(message) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return tuple(message.id) if isinstance(message.id, tuple) else (message.id,)


def _strings(message) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    return tuple(message.string) if isinstance(message.string, tuple) else (message.string,)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_is_translated(lang: str) -> None:
    catalog = _po(lang)
    missing = [m.id for m in catalog if m.id and not all(_strings(m))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not missing, f"{lang}: {len(missing)} untranslated, e.g. {missing[:5]}"
    assert not fuzzy, f"{lang}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_survive_translation(lang: str) -> None:
    for m in _po(lang):
        if not m.id:
            continue
        wanted = {p for i in _ids(m) for p in _names(i)}
        for text in _strings(m):
            got = _names(text)
            # A singular translation may leave out the count (e.g. "one client"), never
            # add one the code does not pass.
            assert got <= wanted and (wanted - got) <= {"n", "counter"}, (lang, m.id, text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_rules_are_the_languages_own(lang: str) -> None:
    assert _po(lang).num_plurals == LANGUAGES[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalog_matches_the_source(lang: str) -> None:
    with open(WEB / "locale" / lang / "LC_MESSAGES" / "django.mo", "rb") as f:
        compiled = gettext.GNUTranslations(f)
    for m in _po(lang):
        if not m.id or m.context:
            continue
        if isinstance(m.id, tuple):
            for n, text in enumerate(_strings(m)):
                assert compiled._catalog[(m.id[0], n)] == text, (lang, m.id)  # type: ignore[attr-defined]
        else:
            assert compiled.gettext(m.id) == m.string, (lang, m.id)


def test_the_catalogs_hold_every_string_of_the_code(tmp_path: Path) -> None:
    """Re-collect the strings from a copy of the package, the core's findings included,
    as `make messages` does: nothing new may turn up."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is needed in CI to check the catalogs")
        pytest.skip("GNU gettext is not installed (apt-get install gettext)")
    copy = tmp_path / "partways"
    shutil.copytree(WEB.parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    locale = copy / "web" / "locale"
    # The copy's own catalog, never the repository's: makemessages writes to the first
    # of LOCALE_PATHS.
    script = (
        "import django, sys; django.setup();"
        "from django.conf import settings; settings.LOCALE_PATHS = [sys.argv[1]];"
        "from django.core.management import call_command;"
        "call_command('makemessages', locale=['id'], no_obsolete=True, no_location=True,"
        " ignore_patterns=['evaluation/*', 'demo/*', 'bench/*', 'letters/*'], verbosity=0)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "partways.store.settings"}
    subprocess.run(
        [sys.executable, "-c", script, str(locale)],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    with open(locale / "id" / "LC_MESSAGES" / "django.po", "rb") as f:
        fresh = {m.id for m in read_po(f) if m.id}
    committed = {m.id for m in _po("id") if m.id}
    assert fresh - committed == set(), "run `make messages` and translate the new strings"
    # The core's findings are among them (collected through say, say_n, detail, ...).
    assert "{negative} of {n} client message was negative ({share})." in {
        i[0] if isinstance(i, tuple) else i for i in fresh
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_our_translations_win_over_djangos_own(lang: str) -> None:
    """The admin's catalog says "Prijavi se" for "Log in"; our pages say what ours says."""
    from django.utils import translation

    ours = {m.id: m.string for m in _po(lang) if m.id and isinstance(m.id, str) and not m.context}
    with translation.override(lang):
        differ = {k: translation.gettext(k) for k, v in ours.items() if translation.gettext(k) != v}
    assert not differ, differ
