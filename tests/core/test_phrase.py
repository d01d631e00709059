"""Findings as data: a code, an English template and typed parameters (issue 16)."""

from __future__ import annotations

import datetime as dt
import json

from partways.core.phrase import (
    Items,
    Money,
    Month,
    Num,
    Phrase,
    Ref,
    Sentences,
    Share,
    Term,
    listed,
    say,
    say_n,
    sentences,
    storable,
    stored,
)


def test_a_finding_keeps_its_code_and_parameters_through_json():
    inner = say_n("n.messages", "{n} message", "{n} messages", 3)
    finding = say(
        "all.kinds",
        "{money} {share} {num} {month} {day} {moment} {term} {ref} {inner} {items} {text}",
        money=Money(123456, "EUR"),
        share=Share(0.25),
        num=Num(1.25, 1),
        month=Month(dt.date(2026, 3, 1)),
        day=dt.date(2026, 3, 14),
        moment=dt.datetime(2026, 3, 14, 9, 30),
        term=Term("pessimism", "sign", "Pessimistic attitude"),
        ref=Ref("invoice INV-7"),
        inner=inner,
        items=Items((say("a", "one"), say("b", "two"))),
        text="Their own words",
    )
    back = Phrase.from_json(json.loads(json.dumps(finding.to_json())))
    assert back == finding
    assert back.english() == (
        "EUR 1,234.56 25% 1.2 March 2026 2026-03-14 2026-03-14 09:30 Pessimistic attitude "
        "invoice INV-7 3 messages one and two Their own words"
    )


def test_the_plural_is_chosen_by_n_and_a_list_reads_as_one():
    assert say_n("x", "{n} invoice was late.", "{n} invoices were late.", 1).english() == (
        "1 invoice was late."
    )
    assert say_n("x", "{n} invoice was late.", "{n} invoices were late.", 2).english() == (
        "2 invoices were late."
    )
    three = [say("a", "a"), say("b", "b"), say("c", "c")]
    assert listed("l", "In the window: {items}.", three).english() == "In the window: a, b and c."


def test_sentences_leave_out_what_is_not_said():
    one = say("one", "First.")
    assert sentences(one, None) is one
    both = sentences(one, None, say("two", "Second."))
    assert both.english() == "First. Second."
    assert isinstance(both.params["all"], Sentences)


def test_a_finding_stored_in_a_text_field_reads_back_and_plain_text_stands_as_it_is():
    finding = say("end_why.notice", "{n} days' notice", n=30)
    assert stored(storable(finding)) == finding
    typed = stored("Agreed on the phone with Ana.")
    assert typed.english() == "Agreed on the phone with Ana."
    # Text that only looks like JSON is kept as text, not lost.
    assert stored('{"code": broken').english() == '{"code": broken'
