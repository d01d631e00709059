"""The PLACEHOLDER text analyzer reads the demo's four languages well enough to run."""

import pytest

from partways.core.text import PlaceholderAnalyzer, guess_language
from partways.demo.phrases import FEEDBACK_CONCRETE, PHRASES

A = PlaceholderAnalyzer()


@pytest.mark.parametrize("lang", sorted(PHRASES))
def test_each_kind_of_demo_message_gets_its_label_and_neutral_ones_none(lang):
    for kind, texts in PHRASES[lang].items():
        for text, analysis in zip(texts, A.analyze([t.format(p="X") for t in texts]), strict=True):
            if kind in ("neutral", "ours"):
                assert analysis.labels == {}, (lang, text, analysis.labels)
            else:
                assert kind in analysis.labels, (lang, text)
    for text in FEEDBACK_CONCRETE[lang]:
        assert "vague" not in A.analyze([text])[0].labels


def test_croatian_diacritics_match_written_or_not_and_spans_point_into_the_original():
    (a, b) = A.analyze(["Jako sam razočaran.", "Jako sam razocaran."])
    assert "negative" in a.labels and "negative" in b.labels
    span = a.spans[0]
    assert "Jako sam razočaran."[span.start : span.end] == "razočaran"


def test_language_guess():
    assert guess_language("Terima kasih, kami tidak bisa datang") == "id"
    assert guess_language("شكرا جزيلا") == "ar"
    assert guess_language("Hvala, nije moguće da se to napravi") == "hr"
    assert guess_language("Thanks, please send the file") == "en"
