"""What the per-language lexicon tests share: the sign labels and reading a result."""

from partways.core.text import LABELS

# Every label that is a warning sign (all of them: ``positive`` is never reported).
SIGNS = frozenset(LABELS)


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
