"""The demo's client messages, in all four languages, get the labels they were written for."""

import pytest

from partways.core.text.lexicon_analyzer import LexiconAnalyzer
from partways.demo.phrases import FEEDBACK_CONCRETE, PHRASES
from tests.core.lexicon_cases import SIGNS, labels


@pytest.fixture(scope="module")
def analyzer():
    # The analyzer the demo uses: every language, language identified per message.
    return LexiconAnalyzer()


@pytest.mark.parametrize(
    ("language", "kind"), [(lang, kind) for lang in sorted(PHRASES) for kind in PHRASES[lang]]
)
def test_each_kind_of_demo_message_gets_its_label_and_ordinary_ones_none(analyzer, language, kind):
    for phrase in PHRASES[language][kind]:
        text = phrase.replace("{p}", "Atlas")
        found = labels(analyzer, text)
        if kind in ("neutral", "ours"):
            assert not found & SIGNS, (text, found)
        else:
            assert kind in found, (text, found)


@pytest.mark.parametrize("language", sorted(FEEDBACK_CONCRETE))
def test_concrete_feedback_is_not_vague(analyzer, language):
    for text in FEEDBACK_CONCRETE[language]:
        assert "vague" not in labels(analyzer, text), text
