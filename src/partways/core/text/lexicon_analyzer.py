"""Tier 0, the default analyzer: curated lexicons in each language, no downloads.

For each message: identify the language, tokenise, match that language's lexicon (and
the English one, which Latin-script writers mix in), and turn the hits into label
scores. A label's score combines its hits like independent pieces of evidence,
``1 − Π(1 − weight)``, so two weak hints make a sign where one does not; the label is
reported from ``threshold`` on, with every hit's span as evidence.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from ..limits import limit
from .language import LanguageIdentifier
from .lexicon import (
    Lexicon,
    LexiconError,
    builtin_languages,
    builtin_lexicon,
    builtin_path,
    load_lexicon,
    merged,
)
from .matcher import Hit, Matcher
from .model import Analysis, Span
from .tokens import Token, clip, tokenize

DEFAULT_LANGUAGES: tuple[str, ...] = ("en", "id", "hr", "ar")
DEFAULT_THRESHOLD = 0.5
_LATIN = frozenset({"en", "id", "hr"})
# A question mark (Arabic writes it mirrored, ؟) is a sign the writer asks something
# [000 #4]. The tokens leave punctuation out, so it is found here, with its own span; one
# inside a link ("page?id=3") or between digits is not a question.
QUESTION_MARK = re.compile(r"(?<![=/])[?\u061F](?![\w=&/])")
QUESTION_WEIGHT = 0.6


@cache
def _engine_fingerprint() -> str:
    """What else decides the labels: the matching rules' code and lingua's version.

    A change to either reads every message again, as a lexicon change does.
    """
    from importlib.metadata import PackageNotFoundError, version

    here = Path(__file__).parent
    code = hashlib.sha256()
    for module in ("tokens.py", "matcher.py", "language.py", "lexicon.py", "lexicon_analyzer.py"):
        code.update((here / module).read_bytes())
    try:
        lingua = version("lingua-language-detector")
    except PackageNotFoundError:
        lingua = "?"
    return f"{code.hexdigest()}:{lingua}"


def _file_digest(language: str) -> str:
    """The shipped lexicon file of ``language``, hashed (its parser is in the engine's
    fingerprint)."""
    return hashlib.sha256(builtin_path(language).read_bytes()).hexdigest()


def _canonical(lexicon: Lexicon) -> list[object]:
    # Sorted, so the version is the same in every process (set order is not).
    return [
        lexicon.language,
        sorted(lexicon.negators),
        sorted(lexicon.intensifiers),
        sorted(lexicon.spellings.items()),
        [
            [e.label, e.weight, [[w.kind.value, w.text] for w in e.words], e.alone]
            for e in lexicon.entries
        ],
    ]


def _with_additions(lexicon: Lexicon, folder: Path) -> Lexicon:
    path = folder / f"{lexicon.language}.yaml"
    if not path.is_file():
        return lexicon
    extra = load_lexicon(path)
    if extra.language != lexicon.language:
        raise LexiconError(
            f"{path}: says language {extra.language!r}; expected {lexicon.language!r}."
        )
    return merged(lexicon, extra)


class LexiconAnalyzer:
    """The tier-0 analyzer over the built-in lexicons (or the ones given)."""

    name = "lexicon"

    def __init__(
        self,
        languages: Sequence[str] = DEFAULT_LANGUAGES,
        lexicons: Sequence[Lexicon] | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        additions: Path | None = None,
        max_chars: int | None = None,
    ) -> None:
        """``additions`` is a folder of the user's own ``<language>.yaml`` files, whose
        entries are added to the shipped lexicons. ``max_chars`` is how much of a text is
        read (default: the ``text.max_analysed_chars`` limit). Raises
        :class:`LexiconError`, and :class:`partways.core.limits.LimitMisconfigured`."""
        self.languages = tuple(languages)
        self.threshold = threshold
        self.max_chars = max_chars if max_chars is not None else limit("text.max_analysed_chars")
        self.identifier = LanguageIdentifier(self.languages)
        self._matchers: dict[str | None, Matcher] = {}
        self._lexicons: dict[str, Lexicon] | None = None
        shipped = set(builtin_languages())
        self._codes = [code for code in languages if code in shipped]
        own = additions is not None and any(additions.glob("*.yaml"))
        if lexicons is None and not own:
            # The shipped lexicons alone: named by their files' bytes, and read only when
            # a text is analysed (a triage that finds every answer it needs already made
            # never reads them; reading them takes a third of a second).
            identity: list[object] = [[code, _file_digest(code)] for code in self._codes]
        else:
            if lexicons is None:
                lexicons = [builtin_lexicon(code) for code in self._codes]
            if additions is not None and additions.is_dir():
                lexicons = [_with_additions(lex, additions) for lex in lexicons]
            self._lexicons = {lex.language: lex for lex in lexicons}
            identity = [_canonical(lex) for _, lex in sorted(self._lexicons.items())]
        # The version changes whenever a lexicon, the languages, the threshold or the
        # length read do, so stored labels are recomputed exactly when they could differ.
        digest = hashlib.sha256(
            json.dumps([identity, self.languages, threshold, self.max_chars]).encode()
        )
        digest.update(_engine_fingerprint().encode())
        self.version = f"1.0+{digest.hexdigest()[:10]}"

    @property
    def lexicons(self) -> dict[str, Lexicon]:
        """The lexicons by language (the shipped ones are read on first use)."""
        if self._lexicons is None:
            self._lexicons = {code: builtin_lexicon(code) for code in self._codes}
        return self._lexicons

    def _matcher(self, language: str | None) -> Matcher:
        matcher = self._matchers.get(language)
        if matcher is None:
            if language is None:
                # Unknown language: every lexicon, the message's own words decide.
                chosen = list(self.lexicons.values())
            else:
                chosen = [self.lexicons[language]] if language in self.lexicons else []
                if language in _LATIN and language != "en" and "en" in self.lexicons:
                    chosen.append(self.lexicons["en"])
            matcher = self._matchers[language] = Matcher(chosen)
        return matcher

    def analyze(self, texts: Sequence[str]) -> list[Analysis]:
        """One :class:`Analysis` per text, in order."""
        return [self.analyze_one(text) for text in texts]

    def analyze_one(self, text: str) -> Analysis:
        """The language, labels and evidence of the first ``max_chars`` of one text.

        The spans are offsets into ``text`` itself.
        """
        text = clip(text, self.max_chars)
        language = self.identifier.identify(text)
        tokens = tokenize(text)
        if not tokens:
            return Analysis(language, {})
        hits = self._matcher(language).find(tokens)
        # Most messages ask nothing: a plain look for the marks is cheaper than the regex.
        asked = "?" in text or "\u061f" in text
        marks = [(m.start(), m.end()) for m in QUESTION_MARK.finditer(text)] if asked else []
        return _scores(hits, tokens, self.threshold, language, marks)


def _scores(
    hits: list[Hit],
    tokens: list[Token],
    threshold: float,
    language: str | None,
    questions: Sequence[tuple[int, int]] = (),
) -> Analysis:
    """Label scores and evidence from the lexicon ``hits`` and the question marks found
    at ``questions`` (character offsets), which are one piece of ``asks`` evidence."""
    # Entries that match the same words (a stem and a spelling of it, "مشكلة" and
    # "مشكله") are one piece of evidence, at the strongest weight among them.
    # One entry found again and again ("kill" sixteen times in a technical mail) counts
    # once too: repetition is not more evidence.
    by_span: dict[tuple[str, int, int], Hit] = {}
    for hit in hits:
        key = (hit.label, hit.first, hit.last)
        if key not in by_span or hit.weight > by_span[key].weight:
            by_span[key] = hit
    by_entry: dict[tuple[str, str], float] = {}
    for hit in by_span.values():
        entry_key = (hit.label, hit.entry.source)
        by_entry[entry_key] = max(by_entry.get(entry_key, 0.0), hit.weight)
    if questions:
        by_entry[("asks", "?")] = max(by_entry.get(("asks", "?"), 0.0), QUESTION_WEIGHT)
    remaining: dict[str, float] = {}
    for (label, _), weight in by_entry.items():
        remaining[label] = remaining.get(label, 1.0) * (1.0 - weight)
    labels = {
        label: round(1.0 - rest, 3)
        for label, rest in remaining.items()
        if label != "positive" and 1.0 - rest >= threshold
    }
    spans = sorted(
        {(tokens[h.first].start, tokens[h.last].end, h.label) for h in hits if h.label in labels}
        | ({(start, end, "asks") for start, end in questions} if "asks" in labels else set())
    )
    return Analysis(language, labels, tuple(Span(s, e, lb) for s, e, lb in _merged(spans)))


def _merged(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping spans of one label joined ("very stupid idiot" is one piece of evidence)."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in sorted(spans, key=lambda s: (s[2], s[0])):
        if out and out[-1][2] == label and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]), label)
        else:
            out.append((start, end, label))
    return sorted(out)
