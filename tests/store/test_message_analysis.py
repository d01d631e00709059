"""Stored messages are labelled once, and again only when their text or the analyzer changes."""

import datetime as dt

import pytest

from partways.core.text import Analysis, Span
from partways.store import models as m
from partways.store.analysis import analyze_messages, flagged_messages, pending_count

pytestmark = pytest.mark.django_db
SENT = dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC)


class CountingAnalyzer:
    """Labels 'idiot' as abuse; counts what it was asked to read."""

    name = "counting"

    def __init__(self, version="1"):
        self.version = version
        self.read: list[str] = []

    def analyze(self, texts):
        self.read += texts
        out = []
        for text in texts:
            at = text.find("idiot")
            if at < 0:
                out.append(Analysis("en", {}))
            else:
                out.append(Analysis("en", {"abuse": 0.9}, (Span(at, at + 5, "abuse"),)))
        return out


@pytest.fixture
def messages():
    client = m.Client.objects.create(name="Acme")
    return [
        m.Message.objects.create(client=client, direction="in", sent_at=SENT, text=text)
        for text in ("Thanks, all good.", "You idiot.", "See you Monday.")
    ]


def test_new_messages_are_labelled_with_their_evidence_and_the_analyzer(messages):
    analyzer = CountingAnalyzer()
    run = analyze_messages(analyzer)
    assert (run.analysed, run.labelled, run.analyzer) == (3, 1, "counting/1")
    label = m.MessageLabel.objects.get()
    assert (label.message_id, label.label, label.score, label.spans) == (
        messages[1].id,
        "abuse",
        0.9,
        [[4, 9]],
    )
    assert set(m.Message.objects.values_list("analyzer", "language")) == {("counting/1", "en")}


def test_a_second_run_reads_nothing_again(messages):
    analyzer = CountingAnalyzer()
    analyze_messages(analyzer)
    analyzer.read.clear()
    assert analyze_messages(analyzer).analysed == 0 and analyzer.read == []
    assert pending_count(analyzer) == 0


def test_an_edited_message_is_read_again_and_its_old_labels_go(messages):
    analyzer = CountingAnalyzer()
    analyze_messages(analyzer)
    edited = m.Message.objects.get(id=messages[1].id)
    edited.text = "You are right."
    edited.save()
    analyzer.read.clear()
    assert analyze_messages(analyzer).analysed == 1
    assert analyzer.read == ["You are right."]
    assert not m.MessageLabel.objects.exists()


def test_saving_a_message_without_editing_its_text_keeps_its_labels(messages):
    analyze_messages(CountingAnalyzer())
    same = m.Message.objects.get(id=messages[1].id)
    same.subject = "Re: invoice"
    same.save()
    assert pending_count(CountingAnalyzer()) == 0


def test_a_new_analyzer_version_reads_every_message_again(messages):
    analyze_messages(CountingAnalyzer("1"))
    newer = CountingAnalyzer("2")
    assert analyze_messages(newer).analysed == 3
    assert m.MessageLabel.objects.count() == 1  # replaced, not added twice


def test_flagged_messages_come_with_their_spans(messages):
    analyze_messages(CountingAnalyzer())
    (flagged,) = flagged_messages([messages[0].id, messages[1].id])
    assert flagged.client == "Acme" and flagged.labels == {"abuse": 0.9}
    assert flagged.spans == [(4, 9, "abuse")]
    assert flagged.text[4:9] == "idiot"


def test_an_edit_saved_with_update_fields_is_read_again(messages):
    analyze_messages(CountingAnalyzer())
    edited = m.Message.objects.get(id=messages[1].id)
    edited.text = "All fine."
    edited.save(update_fields=["text"])
    assert pending_count(CountingAnalyzer()) == 1


class EditingAnalyzer(CountingAnalyzer):
    """Someone edits one message and deletes another while the chunk is being read."""

    def analyze(self, texts):
        result = super().analyze(texts)
        m.Message.objects.filter(text="You idiot.").update(text="You are right.")
        m.Message.objects.filter(text="See you Monday.").delete()
        return result


def test_messages_edited_or_deleted_while_being_read_are_left_for_the_next_run(messages):
    run = analyze_messages(EditingAnalyzer())
    assert run.analysed == 3
    assert not m.MessageLabel.objects.exists()  # the idiot's text changed meanwhile
    assert pending_count(CountingAnalyzer()) == 1  # the edited one, read next time
