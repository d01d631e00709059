"""The labelled messages partways ships score the new and narrowed labels, and the
held-out and blind figures stay above their floors: [003 #3] hardship, [000 #4] asks,
[002 #4] payment excuses, [002 #3] unethical requests, [000 #8] demands and [000 #6]
negative messages."""

import pytest

from partways.core.text.evaluation.datasets import DatasetError
from partways.core.text.evaluation.labelled import (
    BLIND_F1_FLOOR,
    HELD_OUT_F1_FLOOR,
    LABELLED_LABELS,
    LANGUAGES,
    load_labelled,
    parse_labelled,
    score_labelled,
)
from partways.core.text.lexicon_analyzer import LexiconAnalyzer


@pytest.fixture(scope="module")
def sets():
    return load_labelled()


@pytest.fixture(scope="module")
def outcomes(sets):
    return score_labelled(LexiconAnalyzer(), sets)


def test_every_label_and_language_has_enough_positives_and_near_misses(sets):
    """At least 25 positives and 25 near misses per label and language, over the splits;
    every label has messages to tune on and messages never tuned on."""
    for label in LABELLED_LABELS:
        for language in LANGUAGES:
            mine = [s for s in sets if s.label == label and s.language == language]
            splits = {s.split for s in mine}
            assert "dev" in splits and splits & {"held_out", "blind"}, (label, language)
            examples = [e for s in mine for e in s.examples]
            assert sum(e.gold for e in examples) >= 25, (label, language)
            assert sum(not e.gold for e in examples) >= 25, (label, language)


def test_no_message_is_in_two_splits(sets):
    for label in LABELLED_LABELS:
        for language in LANGUAGES:
            dev, held, blind = (
                {
                    e.text
                    for s in sets
                    if (s.label, s.language, s.split) == (label, language, split)
                    for e in s.examples
                }
                for split in ("dev", "held_out", "blind")
            )
            assert not (dev & held or dev & blind or held & blind), (label, language)


@pytest.mark.parametrize("label", LABELLED_LABELS)
def test_held_out_f1_is_above_the_floor(outcomes, label):
    """[003 #3] [000 #4] [002 #4] [002 #3] [000 #8]: the held-out F1 of each language stays
    at or above HELD_OUT_F1_FLOOR, so a lexicon change that loses these labels fails."""
    for o in outcomes:
        if o.set.label == label and o.set.split == "held_out":
            assert o.confusion.f1 >= HELD_OUT_F1_FLOOR, (
                o.set.language,
                o.confusion,
                o.false_negatives,
                o.false_positives,
            )


@pytest.mark.parametrize("label", [lb for lb in LABELLED_LABELS if lb != "asks"])
def test_blind_f1_is_above_its_floor(outcomes, label):
    """[003 #3] [002 #4] [002 #3] [000 #8] [000 #6]: on the messages nobody tuning the
    lexicons has read, the F1 of each language stays at or above BLIND_F1_FLOOR. The
    misses are not printed: the split stays blind."""
    for o in outcomes:
        if o.set.label == label and o.set.split == "blind":
            # Only figures in the failure: pytest would show the messages of `o`.
            language, f1, confusion = o.set.language, o.confusion.f1, str(o.confusion)
            assert f1 >= BLIND_F1_FLOOR, (language, confusion)


def test_the_blind_splits_misses_are_never_listed(outcomes):
    from partways.core.text.evaluation.report import render_labelled_errors

    blind = [o for o in outcomes if o.set.split == "blind" and o.false_negatives]
    assert blind, "expected at least one blind miss to hide"
    listed = render_labelled_errors(outcomes)
    assert all(t[:60] not in listed for o in blind for t in o.false_negatives)


def test_near_misses_are_counted_as_false_positives_when_found():
    """A near miss the analyzer labels is a false positive, and kept for the curator."""
    [labelled] = parse_labelled(
        {
            "language": "en",
            "dev": {
                "asks": {
                    "positive": ["Could you confirm the date?"],
                    "negative": ["Noted, thanks.", "Why not? Because it shipped."],
                }
            },
        },
        "test",
    )
    [o] = score_labelled(LexiconAnalyzer(languages=("en",)), [labelled])
    assert (o.confusion.tp, o.confusion.fp, o.confusion.tn) == (1, 1, 1)
    assert o.false_positives == ("Why not? Because it shipped.",)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"dev": {}}, "expected a mapping with 'language'"),
        ({"language": "en", "test": {}}, r"unknown keys \['test'\]"),
        ({"language": "en", "dev": {"rudeness": {}}}, "'rudeness' is not a label"),
        ({"language": "en", "dev": {"asks": {"yes": []}}}, "expected 'positive' and 'negative'"),
        ({"language": "en", "dev": {"asks": {"positive": [3]}}}, "expected a list of message"),
    ],
)
def test_a_malformed_file_is_an_error_naming_what_is_wrong(data, message):
    with pytest.raises(DatasetError, match=message):
        parse_labelled(data, "labelled/en.yaml")
