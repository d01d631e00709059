"""A long message is stored whole and labelled from its start, with evidence into the whole;
only that start is read from the database, so memory does not grow with a message's length."""

import datetime as dt

import pytest

from partways.core.text import Analysis
from partways.core.text.lexicon import parse_lexicon
from partways.core.text.lexicon_analyzer import LexiconAnalyzer
from partways.store import analysis
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


class Recording:
    """Finds nothing; keeps the batches of texts it was given."""

    name, version = "recording", "1"

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def analyze(self, texts):
        self.batches.append(list(texts))
        return [Analysis(None, {}) for _ in texts]


def test_only_the_analysed_start_is_read_and_long_texts_make_smaller_chunks(monkeypatch):
    monkeypatch.setenv("PARTWAYS_LIMIT_TEXT_MAX_ANALYSED_CHARS", "100")
    monkeypatch.setattr(analysis, "CHUNK_CHARS", 250)
    client = m.Client.objects.create(name="Acme")
    for n in range(5):
        m.Message.objects.create(
            client=client, direction="in", sent_at=SENT, text=f"{n} " + "word " * 400
        )
    analyzer = Recording()

    assert analyze_messages(analyzer).analysed == 5

    # 101 characters each (the analysed 100 and the next, to cut between words), and
    # no more than 250 characters in one batch.
    assert [len(b) for b in analyzer.batches] == [2, 2, 1]
    assert {len(t) for b in analyzer.batches for t in b} == {101}
    assert m.Message.objects.filter(analyzer="recording/1").count() == 5
