"""The analyzer's answers for proposals' feedback, kept on disk (store/remembered.py):
the same answers as the analyzer's own, each text analysed once per analyzer version."""

from partways.core.text.lexicon_analyzer import LexiconAnalyzer
from partways.store.remembered import RememberingAnalyzer

FEEDBACK = [
    "Not quite it.",
    "Terlalu mahal",
    "Nije to to, ne znam",
    "ليس ما نريده",
    "Not quite it.",
]


class Counting:
    def __init__(self, analyzer):
        self.analyzer, self.name, self.version, self.texts = analyzer, analyzer.name, "v1", []

    def analyze(self, texts):
        self.texts += list(texts)
        return self.analyzer.analyze(texts)


def test_answers_are_the_analyzer_s_and_each_text_is_analysed_once(tmp_path):
    lexicon = LexiconAnalyzer()
    counting = Counting(lexicon)
    first = RememberingAnalyzer(counting, tmp_path).analyze(FEEDBACK)
    assert first == lexicon.analyze(FEEDBACK)
    assert sorted(counting.texts) == sorted(set(FEEDBACK))
    # Another process, later: nothing is analysed again.
    counting.texts.clear()
    assert RememberingAnalyzer(counting, tmp_path).analyze(FEEDBACK[::-1]) == first[::-1]
    assert counting.texts == []
    # A new version of the analyzer answers afresh.
    counting.version = "v2"
    RememberingAnalyzer(counting, tmp_path).analyze(FEEDBACK)
    assert sorted(counting.texts) == sorted(set(FEEDBACK))


def test_an_unreadable_file_only_costs_time(tmp_path):
    counting = Counting(LexiconAnalyzer())
    remembering = RememberingAnalyzer(counting, tmp_path)
    remembering.path.parent.mkdir(parents=True)
    remembering.path.write_text("{ not json", encoding="utf-8")
    assert remembering.analyze(FEEDBACK) == LexiconAnalyzer().analyze(FEEDBACK)
    assert RememberingAnalyzer(counting, tmp_path)._known()  # written anew, readable
