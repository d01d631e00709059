"""Lexicon files: what an entry means, and clear errors for what cannot be read."""

import pytest

from partways.core.text.lexicon import (
    Kind,
    LexiconError,
    builtin_languages,
    builtin_lexicon,
    load_lexicon,
    parse_entry,
    parse_lexicon,
)


def test_an_entry_reads_stems_numbers_gaps_and_weight():
    entry = parse_entry("within # hours ? glup* @0.4", "demand", "hr", "test")
    assert [w.kind for w in entry.words] == [
        Kind.EXACT,
        Kind.NUMBER,
        Kind.EXACT,
        Kind.ANY,
        Kind.PREFIX,
    ]
    assert entry.weight == 0.4 and entry.words[-1].text == "glup"


def test_a_gap_stands_for_up_to_four_words_of_the_same_clause():
    from partways.core.text.lexicon_analyzer import LexiconAnalyzer

    lexicon = parse_lexicon(
        {"language": "en", "labels": {"unethical_request": ["date ... invoice*"]}}, "en.yaml"
    )
    analyzer = LexiconAnalyzer(languages=["en"], lexicons=[lexicon])

    def found(text: str) -> bool:
        return "unethical_request" in analyzer.analyze_one(text).labels

    assert parse_entry("date … invoice", "unethical_request", "en", "t").words[1].kind is Kind.GAP
    assert found("Can you date invoice 12 for December?")
    assert found("Please date the two March invoices for last year.")
    assert not found("Date it today. The invoice is attached.")  # another sentence
    assert not found("date one two three four five invoices")  # five words apart


def test_entries_are_folded_like_the_text():
    assert parse_entry("razočaran", "negative", "hr", "t").words[0].text == "razocaran"
    assert parse_entry("أحمق", "abuse", "ar", "t").words[0].text == "احمق"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ba*", "shorter than 3 letters"),
        ("# hours", "must start with a word"),
        ("... invoice", "must start with a word"),
        ("date the ...", "must end with a word"),
        ("idiot @2", "at most 1"),
        ("idiot @x", "not a number"),
    ],
)
def test_bad_entries_say_what_is_wrong(text, message):
    with pytest.raises(LexiconError, match=message):
        parse_entry(text, "abuse", "en", "en.yaml: labels.abuse[0]")


def test_unknown_labels_and_keys_are_refused():
    with pytest.raises(LexiconError, match="unknown label 'rude'"):
        parse_lexicon({"language": "en", "labels": {"rude": ["x"]}}, "en.yaml")
    with pytest.raises(LexiconError, match="unknown keys"):
        parse_lexicon({"language": "en", "stopwords": []}, "en.yaml")
    with pytest.raises(LexiconError, match="'language'"):
        parse_lexicon({"labels": {}}, "en.yaml")


def test_invalid_yaml_names_the_line_and_column(tmp_path):
    path = tmp_path / "en.yaml"
    path.write_text("language: en\nlabels:\n  abuse: [idiot\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"en\.yaml, line \d+, column \d+"):
        load_lexicon(path)


def test_every_shipped_lexicon_loads_and_has_every_reported_label():
    assert set(builtin_languages()) >= {"en", "id", "hr", "ar"}
    for code in builtin_languages():
        lexicon = builtin_lexicon(code)
        labels = {e.label for e in lexicon.entries}
        assert {"abuse", "disrespect", "negative", "demand", "payment_excuse"} <= labels, code
        assert lexicon.negators, code


def test_a_bare_no_is_refused_rather_than_read_as_false():
    with pytest.raises(LexiconError, match=r"negators\[1\]: 'false' was read as a yes/no value"):
        parse_lexicon({"language": "en", "negators": ["not", False]}, "en.yaml")
    assert "no" in builtin_lexicon("en").negators
