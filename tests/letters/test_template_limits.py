"""A user's own letter template can't hold the machine: loops, ranges, recursion and
huge values are stopped with a LetterError naming the template, in well under a second.

Before, ``range(10**9)`` (Jinja2's OverflowError) and a recursive macro
(RecursionError) ended in tracebacks, and nested loops ran for as long as they liked.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from partways.letters import LetterError, compose, letter_kinds

from .test_templates import LANGS, variables, write_user_template

BOMBS = {
    "a huge range": ("{{ range(10**9)|length }}", "range of 1,000,000,000 numbers"),
    "a range past 64 bits": ("{% for i in range(10**30) %}{% endfor %}", "letter.max_steps"),
    "nested loops writing nothing": (
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
        "letter.max_steps",
    ),
    "nested loops writing": (
        "{% for i in range(300) %}{% for j in range(1000) %}x{% endfor %}{% endfor %}",
        "letter.max_steps",
    ),
    "a macro calling itself": (
        "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
        "calls itself without end",
    ),
    "a recursive loop without end": (
        "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}",
        "calls itself without end",
    ),
    "a text multiplied": ("{{ 'x' * 10**9 }}", "letter.max_chars"),
    "a list multiplied": ("{% for i in [1] * 10**8 %}{% endfor %}", "letter.max_chars"),
    "a text doubled in a loop": (
        "{% set s = namespace(v='x') %}{% for i in range(60) %}{% set s.v = s.v ~ s.v %}"
        "{% endfor %}{{ s.v|length }}",
        "letter.max_chars",
    ),
    "a power tower": ("{{ 2 ** 99999999 }}", "exponent"),
    "a number grown in a loop": (
        "{% set s = namespace(v=10) %}{% for i in range(60) %}{% set s.v = s.v ** 64 %}"
        "{% endfor %}{{ s.v > 1 }}",
        "bits",
    ),
    "a filter asked for a huge width": ("{{ 'x'|center(10**9) }}", "too large a size"),
    "a format with a huge width": ("{{ '{:>999999999}'.format(1) }}", "width"),
    "a %-format with a huge width": ("{{ '%999999999d' % 1 }}", "width"),
    # Found in review: loops over a text or a list, filter results and macro arguments
    # were not counted.
    "nested loops over a text": (
        "{% set s = 'x' * 1200 %}{% for a in s %}{% for b in s %}{% for c in s %}"
        "{% endfor %}{% endfor %}{% endfor %}",
        "letter.max_steps",
    ),
    "a filter's result grown past the limit": (
        "{{ ('x'|center(2000))|replace(' ', 'y' * 2000) }}",
        "letter.max_chars",
    ),
    "a macro doubling its argument": (
        "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% endif %}{% endmacro %}"
        "{{ d('x', 40) }}",
        "letter.max_chars",
    ),
}


@pytest.mark.parametrize("body", [b for b, _ in BOMBS.values()], ids=list(BOMBS))
def test_a_template_that_asks_too_much_is_stopped_with_its_name(tmp_path: Path, body: str) -> None:
    expected = next(e for b, e in BOMBS.values() if b == body)
    write_user_template(
        tmp_path, "{% block subject %}Hi{% endblock %}{% block body %}" + body + "{% endblock %}"
    )
    start = time.monotonic()
    with pytest.raises(LetterError) as raised:
        compose("generic", "en", variables("generic", "en"), template_dirs=[tmp_path])
    assert time.monotonic() - start < 3
    assert str(raised.value).startswith("template en/generic.txt: ")
    assert expected in str(raised.value)


def test_the_time_limit_stops_a_template_the_other_limits_let_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARTWAYS_LIMIT_LETTER_MAX_SECONDS", "1")
    monkeypatch.setenv("PARTWAYS_LIMIT_LETTER_MAX_STEPS", "100000000")
    write_user_template(
        tmp_path,
        "{% block subject %}Hi{% endblock %}{% block body %}"
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"
        "{% endblock %}",
    )
    start = time.monotonic()
    with pytest.raises(LetterError, match="longer than 1 s"):
        compose("generic", "en", variables("generic", "en"), template_dirs=[tmp_path])
    assert time.monotonic() - start < 3


def test_ordinary_loops_ranges_and_arithmetic_still_work(tmp_path: Path) -> None:
    write_user_template(
        tmp_path,
        "{% block subject %}Hi {{ client }}{% endblock %}{% block body %}\n"
        "{% for i in range(3) %}- item {{ i + 1 }} of {{ 2 ** 3 }}\n{% endfor %}\n\n"
        "{{ '%05.1f'|format(2.5) }} {{ 'ab' * 2 }} {{ '{:>6}'.format('x') }}\n"
        "{% endblock %}",
    )
    letter = compose("generic", "en", variables("generic", "en"), template_dirs=[tmp_path])
    assert [b.kind for b in letter.blocks] == ["list", "paragraph"]
    assert letter.blocks[0].lines == ("item 1 of 8", "item 2 of 8", "item 3 of 8")
    # (Values are flattened to one line with single spaces, as for any data.)
    assert letter.blocks[1].lines == ("002.5 abab x",)


@pytest.mark.parametrize("lang", LANGS)
def test_every_built_in_letter_stays_far_inside_the_limits(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A tenth of the default step budget is plenty for the built-in templates.
    monkeypatch.setenv("PARTWAYS_LIMIT_LETTER_MAX_STEPS", "10000")
    for kind in letter_kinds():
        assert compose(kind, lang, variables(kind, lang)).subject_html
