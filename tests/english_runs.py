"""Finding English left in a translated interface: every run of four words or more
that the language identifier reads as English.

The user's own data does not count: text inside Unicode isolates (how findings wrap
names, titles and notes) is left out, and callers leave out what a page marks as the
user's (``data-user``, quoted messages).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from partways.core.text.language import LanguageIdentifier

_IDENTIFIER = LanguageIdentifier()
_ISOLATED = re.compile("[\u2066\u2067\u2068][^\u2069]*\u2069")
# Runs are read between marks that end a phrase: a run never spans two labels.
_BREAKS = re.compile(r"[·:;()\[\]\n|│┃•]|(?<=[.!?])\s|\s{2,}")
_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*")


def english_runs(texts: Iterable[str], min_words: int = 4) -> list[str]:
    found = []
    for text in texts:
        for run in _BREAKS.split(_ISOLATED.sub(" ", text)):
            if len(_WORD.findall(run)) >= min_words and _IDENTIFIER.identify(run) == "en":
                found.append(run.strip())
    return found
