"""What the per-language lexicon tests share: the sign labels and reading a result."""

from partways.core.text import LABELS

# The labels that are warning signs: every label but ``hardship`` (context for an acute
# spike [003 #3]) and ``asks`` (a message waiting for a reply [000 #4]), which ordinary
# business mail carries all the time. ``positive`` is never reported.
CONTEXT = frozenset({"hardship", "asks"})
SIGNS = frozenset(LABELS) - CONTEXT


def labels(analyzer, text):
    """The labels found in ``text``."""
    return set(analyzer.analyze_one(text).labels)


def evidence(analyzer, text, label):
    """The pieces of ``text`` that are evidence for ``label``."""
    analysis = analyzer.analyze_one(text)
    return [text[s:e] for s, e in analysis.spans_of(label)]


def shows(analyzer, text, label, piece):
    """True when ``piece`` lies inside the evidence for ``label``."""
    return any(piece in found for found in evidence(analyzer, text, label))
