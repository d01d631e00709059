"""Tier 0 turns lexicon hits into scored labels with evidence (lexicons written here)."""

import pytest

from partways.core.text.lexicon import parse_lexicon
from partways.core.text.lexicon_analyzer import LexiconAnalyzer

EN = parse_lexicon(
    {
        "language": "en",
        "negators": ["not", "never", "don't"],
        "intensifiers": ["very", "so"],
        "spellings": {"u": "you"},
        "labels": {
            "abuse": ["idiot*", "shut up", "damn @0.4", "crap @0.4"],
            "negative": ["disappointed"],
            "positive": ["happy"],
            "demand": ["asap", "within # hours"],
            "payment_excuse": ["didn't receive the invoice"],
        },
    },
    "en (test)",
)
HR = parse_lexicon(
    {"language": "hr", "negators": ["nije"], "labels": {"abuse": ["glup*"]}}, "hr (test)"
)


@pytest.fixture(scope="module")
def analyzer():
    return LexiconAnalyzer(languages=("en", "hr"), lexicons=[EN, HR])


def evidence(text, analysis, label):
    return [text[s:e] for s, e in analysis.spans_of(label)]


def test_a_label_comes_with_the_words_that_are_its_evidence(analyzer):
    text = "You idiots, shut up and send it ASAP."
    a = analyzer.analyze_one(text)
    assert set(a.labels) == {"abuse", "demand"}
    assert evidence(text, a, "abuse") == ["idiots", "shut up"]
    assert evidence(text, a, "demand") == ["ASAP"]


def test_a_negator_cancels_the_sign_after_it_in_the_same_clause(analyzer):
    assert "abuse" not in analyzer.analyze_one("You are not an idiot.").labels
    assert "abuse" in analyzer.analyze_one("Not now, idiot.").labels  # another clause


def test_a_negated_positive_word_is_negative_with_the_negator_in_the_evidence(analyzer):
    text = "We are not happy with the result."
    a = analyzer.analyze_one(text)
    assert a.labels == {"negative": 1.0}
    assert evidence(text, a, "negative") == ["not happy"]


def test_a_weak_word_needs_an_intensifier_or_a_second_hint(analyzer):
    assert analyzer.analyze_one("damn, the printer").labels == {}
    assert "abuse" in analyzer.analyze_one("so damn slow").labels  # 0.4 × 1.5
    assert "abuse" in analyzer.analyze_one("damn it, what crap").labels  # 1 − 0.6²


def test_the_same_weak_word_repeated_is_still_one_hint(analyzer):
    assert analyzer.analyze_one("damn it, damn it all, damn").labels == {}


def test_shouting_and_stretching_count_as_emphasis(analyzer):
    assert analyzer.analyze_one("DAMN this").labels["abuse"] == 0.5
    assert "abuse" in analyzer.analyze_one("daaamn this").labels


def test_numbers_and_phrases_with_their_own_negation(analyzer):
    text = "We didn't receive the invoice; we need it within 2 hours."
    a = analyzer.analyze_one(text)
    assert evidence(text, a, "payment_excuse") == ["didn't receive the invoice"]
    assert evidence(text, a, "demand") == ["within 2 hours"]


def test_spellings_and_leetspeak(analyzer):
    assert "abuse" in analyzer.analyze_one("u 1d10t").labels


def test_a_croatian_message_is_read_with_croatian_and_english_words(analyzer):
    text = "Nije to glupo, ali ovaj idiot nije odgovorio ASAP."
    a = analyzer.analyze_one(text)
    assert a.language == "hr"
    assert evidence(text, a, "abuse") == ["idiot"]  # "nije ... glupo" negated
    assert "demand" not in a.labels  # "nije odgovorio ASAP": negated in its clause


def test_empty_and_wordless_messages_have_no_labels(analyzer):
    assert analyzer.analyze(["", "👍", "..."]) == [
        analyzer.analyze_one(""),
        analyzer.analyze_one("👍"),
        analyzer.analyze_one("..."),
    ]
    assert all(not a.labels for a in analyzer.analyze(["", "👍", "..."]))


def test_the_version_changes_with_the_lexicons_and_the_threshold():
    a = LexiconAnalyzer(languages=("en",), lexicons=[EN])
    b = LexiconAnalyzer(languages=("en",), lexicons=[EN], threshold=0.7)
    c = LexiconAnalyzer(languages=("en",), lexicons=[HR])
    assert len({a.version, b.version, c.version}) == 3
    assert a.version == LexiconAnalyzer(languages=("en",), lexicons=[EN]).version


def test_an_intensifier_right_after_the_sign_counts_too():
    lexicon = parse_lexicon(
        {"language": "id", "intensifiers": ["banget"], "labels": {"abuse": ["bodoh @0.4"]}},
        "id (test)",
    )
    analyzer = LexiconAnalyzer(languages=("id",), lexicons=[lexicon])
    assert "abuse" in analyzer.analyze_one("bodoh banget").labels
    assert "abuse" not in analyzer.analyze_one("bodoh, banget").labels  # another clause


def test_two_entries_for_the_same_words_are_one_piece_of_evidence():
    lexicon = parse_lexicon(
        {"language": "ar", "labels": {"negative": ["مشكلة @0.4", "مشكله @0.4"]}}, "ar (test)"
    )
    analyzer = LexiconAnalyzer(languages=("ar",), lexicons=[lexicon])
    assert analyzer.analyze_one("عندنا مشكلة").labels == {}


def test_entries_are_spelt_out_like_the_text():
    lexicon = parse_lexicon(
        {"language": "id", "spellings": {"gk": "tidak"}, "labels": {"negative": ["gk puas"]}},
        "id (test)",
    )
    analyzer = LexiconAnalyzer(languages=("id",), lexicons=[lexicon])
    assert "negative" in analyzer.analyze_one("Kami tidak puas sama sekali").labels


def test_words_joined_by_underscores_are_read_one_by_one(analyzer):
    text = "#you_idiot"
    a = analyzer.analyze_one(text)
    assert [text[s:e] for s, e in a.spans_of("abuse")] == ["idiot"]


def test_a_negator_far_from_an_insult_belongs_to_the_verb(analyzer):
    assert "abuse" in analyzer.analyze_one("We can't work with idiots.").labels
    assert "abuse" not in analyzer.analyze_one("You are not an idiot.").labels


def test_a_users_own_entries_are_added_to_the_shipped_lexicon(tmp_path):
    (tmp_path / "en.yaml").write_text(
        "language: en\nlabels:\n  payment_excuse: [the dog ate the invoice]\n", encoding="utf-8"
    )
    shipped = LexiconAnalyzer(languages=("en",))
    mine = LexiconAnalyzer(languages=("en",), additions=tmp_path)
    text = "Sorry, the dog ate the invoice."
    assert "payment_excuse" not in shipped.analyze_one(text).labels
    assert "payment_excuse" in mine.analyze_one(text).labels
    assert "abuse" in mine.analyze_one("you idiot").labels  # the shipped entries stay
    assert mine.version != shipped.version


def test_an_addition_in_the_wrong_language_is_refused(tmp_path):
    from partways.core.text.lexicon import LexiconError

    (tmp_path / "en.yaml").write_text("language: hr\nlabels: {}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="says language 'hr'; expected 'en'"):
        LexiconAnalyzer(languages=("en",), additions=tmp_path)


def test_a_question_mark_is_asks_evidence_with_its_own_span_000_4(analyzer):
    """[000 #4] The tokens drop punctuation, so "?" and the Arabic "؟" are found apart and
    point at themselves; one inside a link is not a question."""
    text = "The layout is ready. Shall we print?"
    assert evidence(text, analyzer.analyze_one(text), "asks") == ["?"]
    assert evidence("جاهز؟", analyzer.analyze_one("جاهز؟"), "asks") == ["؟"]
    assert "asks" not in analyzer.analyze_one("Preview: https://example.com/p?id=4 done.").labels
    assert "asks" not in analyzer.analyze_one("The layout is ready.").labels


def test_a_brush_off_counts_only_as_a_clause_of_its_own_000_6():
    # [000 #6] "Nanti dulu." as the whole answer to a question brushes it off; "nanti
    # dulu saya cek" (let me check first) is an ordinary reply.
    lexicon = parse_lexicon(
        {"language": "id", "labels": {"negative": ["^nanti dulu", "^terserah @0.6"]}},
        "id (test)",
    )
    analyzer = LexiconAnalyzer(languages=("id",), lexicons=[lexicon])
    for text in ("Dear Hasan,\n\nNanti dulu.\n\nSalam,\nJoko", "nanti dulu", "Oke, terserah."):
        assert "negative" in analyzer.analyze_one(text).labels, text
    for text in ("Nanti dulu saya cek ke tim.", "Terserah Kakak mau warna yang mana ya"):
        assert "negative" not in analyzer.analyze_one(text).labels, text


def test_an_entry_alone_is_read_and_versioned_as_such():
    entry = parse_lexicon({"language": "en", "labels": {"negative": ["^later"]}}, "t").entries[0]
    assert entry.alone and entry.words[0].text == "later"
    plain = parse_lexicon({"language": "en", "labels": {"negative": ["later"]}}, "t")
    alone = parse_lexicon({"language": "en", "labels": {"negative": ["^later"]}}, "t")
    versions = {LexiconAnalyzer(languages=("en",), lexicons=[x]).version for x in (plain, alone)}
    assert len(versions) == 2
