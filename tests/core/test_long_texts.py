"""A long message is read in bounded time: its start is analysed, runs of letters skipped.

Before: lingua's time grew with the square of a run of letters (80,000 letters 1.5 s,
160,000 letters 12 s, a million several minutes), and every character of a message was
read, so one pasted blob kept an import busy for minutes.
"""

import time

import pytest

from partways.core.text.language import LONGEST_WORD, LanguageIdentifier
from partways.core.text.lexicon import parse_lexicon
from partways.core.text.lexicon_analyzer import LexiconAnalyzer
from partways.core.text.tokens import clip

EN = parse_lexicon(
    {"language": "en", "labels": {"abuse": ["idiot*"], "demand": ["asap"]}}, "en (test)"
)


@pytest.fixture(scope="module")
def shipped() -> LexiconAnalyzer:
    analyzer = LexiconAnalyzer()
    # lingua loads its models on first use (seconds): a short text and a long one, with
    # no common word of any language, load both of its modes before the clock starts.
    lorem = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed eiusmod tempor "
    analyzer.analyze(["Lorem ipsum dolor", lorem * 3])
    return analyzer


@pytest.mark.parametrize("letters", [160_000, 1_000_000])
def test_a_long_run_of_letters_is_labelled_within_a_second(shipped, letters):
    started = time.perf_counter()
    shipped.analyze_one("a" * letters)
    shipped.analyze_one("Please pay now. " + "qwertzuiop" * (letters // 10))
    assert time.perf_counter() - started < 1.0


def test_a_megabyte_of_words_is_labelled_within_a_second(shipped):
    body = "You idiots, send the invoice ASAP. " + "the plan is fine and " * 50_000
    started = time.perf_counter()
    analysis = shipped.analyze_one(body)
    assert time.perf_counter() - started < 1.0
    assert analysis.language == "en"
    assert "abuse" in analysis.labels


def test_runs_longer_than_any_word_do_not_decide_the_language():
    identifier = LanguageIdentifier()
    croatian = "Možete li poslati račun našem računovodstvu danas ili sutra?"
    blob = "x" * (LONGEST_WORD + 1)
    assert identifier.identify(f"{croatian} {blob} {blob}") == "hr"
    assert identifier.identify("q" * 200_000) is None


def test_only_the_start_of_a_long_message_is_analysed():
    analyzer = LexiconAnalyzer(languages=("en",), lexicons=[EN], max_chars=1_000)
    head = "Send it ASAP. " + "ok " * 400
    text = head + "you idiot " * 10
    analysis = analyzer.analyze_one(text)
    assert set(analysis.labels) == {"demand"}
    # The evidence points into the message as stored, whole.
    assert [text[s:e] for s, e in analysis.spans_of("demand")] == ["ASAP"]
    assert analyzer.analyze_one(text[:999]).labels == analysis.labels


def test_the_cut_does_not_halve_a_word():
    assert clip("the idiots", 6) == "the "
    assert clip("the idiots", 100) == "the idiots"
    assert clip("x" * 500, 100) == "x" * 100  # no word start near the cut: cut where it falls
    assert clip("abc", 0) == ""


def test_the_length_read_is_a_limit_and_part_of_the_version(monkeypatch):
    default = LexiconAnalyzer(languages=("en",), lexicons=[EN])
    monkeypatch.setenv("PARTWAYS_LIMIT_TEXT_MAX_ANALYSED_CHARS", "500")
    shorter = LexiconAnalyzer(languages=("en",), lexicons=[EN])
    assert (default.max_chars, shorter.max_chars) == (20_000, 500)
    # Stored labels are read again when the length read changes.
    assert default.version != shorter.version
    assert shorter.version == LexiconAnalyzer(languages=("en",), lexicons=[EN]).version
