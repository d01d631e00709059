"""A long message is stored whole and labelled from its start, with evidence into the whole."""

import datetime as dt

import pytest

from partways.core.text.lexicon import parse_lexicon
from partways.core.text.lexicon_analyzer import LexiconAnalyzer
from partways.store import models as m
from partways.store.analysis import analyze_messages

pytestmark = pytest.mark.django_db
SENT = dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC)
EN = parse_lexicon({"language": "en", "labels": {"abuse": ["idiot*"]}}, "en (test)")


def test_a_long_message_is_kept_whole_and_labelled_from_its_start():
    analyzer = LexiconAnalyzer(languages=("en",), lexicons=[EN], max_chars=2_000)
    client = m.Client.objects.create(name="Acme")
    early = "Listen, you idiot. " + "The plan is fine. " * 5_000
    late = "The plan is fine. " * 5_000 + "You idiot."
    for text in (early, late):
        m.Message.objects.create(client=client, direction="in", sent_at=SENT, text=text)

    run = analyze_messages(analyzer)

    assert (run.analysed, run.labelled) == (2, 1)
    assert sorted(len(t) for t in m.Message.objects.values_list("text", flat=True)) == sorted(
        [len(early), len(late)]
    )
    label = m.MessageLabel.objects.get()
    assert label.message.text == early
    assert [early[s:e] for s, e in label.spans] == ["idiot"]
