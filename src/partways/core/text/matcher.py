"""Lexicon entries found in a token sequence, with negation and intensifiers applied.

One :class:`Matcher` serves one set of lexicons (a message's language, plus English for
the English words Latin-script writers mix in). Entries are indexed by their first word,
exact or stem, so a token costs a few dictionary look-ups whatever the lexicon's size,
and what a word's forms match is remembered across messages (vocabulary repeats).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .lexicon import GAP_WORDS, MIN_STEM, Entry, Kind, Lexicon, TokenPattern
from .tokens import Token, forms, is_elongated, is_shouted

# Labels a preceding negator cancels ("not urgent", "nije glup"); a negated positive
# word becomes a negative sign ("not happy"). The phrase labels (excuses, scope creep,
# unethical requests, vague feedback) carry their own negations ("didn't receive").
NEGATABLE = frozenset({"abuse", "disrespect", "negative", "demand", "positive"})
NEGATION_WINDOW = 3  # words before a sign that a negator may stand at
# An insult is negated only from close by ("not an idiot", "nije glup"): further back the
# negator belongs to a verb ("I'm not paying this stupid invoice", "don't be an idiot").
INSULT_NEGATION_WINDOW = 2
INSULTS = frozenset({"abuse", "disrespect"})
INTENSIFIER_WINDOW = 2
# Some languages put the intensifier after the word: "bodoh banget", "سيء جدا", "stupid af".
INTENSIFIER_AFTER = 1
INTENSIFIED = 1.5  # weight factor for "very", "jako", "sangat", "جدا" before a sign
EMPHASISED = 1.25  # weight factor for a shouted ("IDIOT") or stretched ("stupiiid") word
_CACHE_LIMIT = 200_000


@dataclass(frozen=True)
class Hit:
    """An entry found at tokens ``first..last``, with its effective weight."""

    label: str
    first: int
    last: int
    weight: float
    entry: Entry


@dataclass(frozen=True)
class _Word:
    forms: tuple[str, ...]
    # Entries whose first word this word matches: one-word entries; longer ones keyed by
    # their exact second word (so "can you also" is only tried before "you"); the rest.
    # With each longer one, the exact words it needs after its first (or, keyed by the
    # second, after its second): all must be in the message for it to match.
    singles: tuple[Entry, ...]
    by_second: dict[str, tuple[tuple[Entry, frozenset[str]], ...]]
    others: tuple[tuple[Entry, frozenset[str]], ...]
    negator: bool
    intensifier: bool
    # Whether any entry starts at this word: most words start none.
    starts: bool
    # Written for emphasis: shouted ("IDIOT") or stretched ("stupiiid").
    emphasised: bool


class Matcher:
    """Finds the entries of ``lexicons`` in tokenised text."""

    def __init__(self, lexicons: Sequence[Lexicon]) -> None:
        self.language = lexicons[0].language if lexicons else ""
        self._exact: dict[str, list[Entry]] = defaultdict(list)
        self._stems: dict[str, list[Entry]] = defaultdict(list)
        self._spellings: dict[str, str] = {}
        self.negators: frozenset[str] = frozenset()
        self.intensifiers: frozenset[str] = frozenset()
        # Later lexicons (English mixed into a Croatian message) never override the
        # message language's own spellings.
        for lexicon in reversed(lexicons):
            self._spellings.update(lexicon.spellings)
        # Nor do they hide a word of that language: English reads "u" as "you" and "ya" as
        # "you", but Croatian "u bolnici" and Indonesian "sabar ya" must still be found, so
        # a word is also read with the message language's spellings alone.
        self._own_spellings: Mapping[str, str] | None = (
            lexicons[0].spellings if len(lexicons) > 1 else None
        )
        for lexicon in lexicons:
            self.negators |= lexicon.negators
            self.intensifiers |= lexicon.intensifiers
            for entry in lexicon.entries:
                first = entry.words[0]
                index = self._exact if first.kind is Kind.EXACT else self._stems
                index[first.text].append(entry)
        self._stem_lengths = sorted({len(s) for s in self._stems})
        self._words: dict[str, _Word] = {}

    def _word(self, raw: str) -> _Word:
        known = self._words.get(raw)
        if known is not None:
            return known
        fs = forms(raw, self.language, self._spellings)
        if self._own_spellings is not None:
            fs = tuple(dict.fromkeys(fs + forms(raw, self.language, self._own_spellings)))
        starts: list[Entry] = []
        for f in fs:
            starts += self._exact.get(f, ())
            for n in self._stem_lengths:
                if n > len(f):
                    break
                starts += self._stems.get(f[:n], ())
        singles: list[Entry] = []
        by_second: dict[str, list[Entry]] = defaultdict(list)
        others: list[Entry] = []
        for entry in _distinct(starts):
            if len(entry.words) == 1:
                singles.append(entry)
            elif entry.words[1].kind is Kind.EXACT:
                by_second[entry.words[1].text].append(entry)
            else:
                others.append(entry)
        word = _Word(
            fs,
            tuple(singles),
            {k: tuple((e, _needed(e, after=2)) for e in v) for k, v in by_second.items()},
            tuple((e, _needed(e)) for e in others),
            any(f in self.negators for f in fs),
            any(f in self.intensifiers for f in fs),
            bool(singles or by_second or others),
            is_shouted(raw) or is_elongated(raw),
        )
        if len(self._words) >= _CACHE_LIMIT:
            self._words.clear()
        self._words[raw] = word
        return word

    def find(self, tokens: Sequence[Token]) -> list[Hit]:
        """Every entry found in ``tokens``, negated ones dropped or turned negative."""
        known = self._words
        # t[2] is the word as written (an index reads faster than the field's name).
        words = [known.get(t[2]) or self._word(t[2]) for t in tokens]
        hits: list[Hit] = []
        n = len(words)
        present: set[str] | None = None  # every form of every word, made when first asked
        for i, word in enumerate(words):
            # Most words start no entry: nothing is looked at for them (this runs for
            # every word of every message).
            if not word.starts:
                continue
            for entry in word.singles:
                hit = self._weigh(entry, i, i, words, tokens)
                if hit is not None:
                    hits.append(hit)
            candidates: Sequence[Entry] = ()
            if word.others:
                # An entry whose other exact words are not all in the message cannot
                # match: it is not walked word by word (most entries with a "..." are not).
                if present is None:
                    present = {f for w in words for f in w.forms}
                candidates = [e for e, needed in word.others if needed <= present]
            if word.by_second and i + 1 < n:
                following = [pair for f in words[i + 1].forms for pair in word.by_second.get(f, ())]
                if any(needed for _, needed in following):
                    # The same test for the words after the second ("can you also send"
                    # after "can you"): in a long message, most such entries fail it.
                    if present is None:
                        present = {f for w in words for f in w.forms}
                    seen = present
                    following = [(e, n) for e, n in following if n <= seen]
                if following:
                    candidates = [*candidates, *(e for e, _ in following)]
            if not candidates:
                continue
            for entry in _distinct(candidates) if len(candidates) > 1 else candidates:
                last = _match_rest(entry.words, words, tokens, i)
                if last is None:
                    continue
                hit = self._weigh(entry, i, last, words, tokens)
                if hit is not None:
                    hits.append(hit)
        return hits

    def _negator_before(
        self, first: int, words: list[_Word], tokens: Sequence[Token], window: int
    ) -> int | None:
        """The negator that governs the word at ``first``, if any.

        A negator governs only the next sign: in "tidak kalah enak" (no less tasty) it
        negates "kalah", and "enak" stays positive.
        """
        clause = tokens[first].clause
        for j in range(first - 1, max(-1, first - window - 1), -1):
            if tokens[j].clause != clause:
                return None
            if words[j].negator:
                return j
            if any(e.label in NEGATABLE for e in words[j].singles):
                return None
        return None

    def _weigh(
        self, entry: Entry, first: int, last: int, words: list[_Word], tokens: Sequence[Token]
    ) -> Hit | None:
        clause = tokens[first].clause
        if entry.alone and not _whole_clause(tokens, first, last):
            return None
        label = entry.label
        window = INSULT_NEGATION_WINDOW if label in INSULTS else NEGATION_WINDOW
        negated_at = self._negator_before(first, words, tokens, window)
        weight = entry.weight
        for j in (
            *range(max(0, first - INTENSIFIER_WINDOW), first),
            *range(last + 1, min(len(words), last + 1 + INTENSIFIER_AFTER)),
        ):
            if words[j].intensifier and tokens[j].clause == clause:
                weight *= INTENSIFIED
                break
        if words[first].emphasised:
            weight *= EMPHASISED
        start = first
        if negated_at is not None and label in NEGATABLE:
            if label != "positive":
                return None
            label, start = "negative", negated_at  # "not happy": evidence from "not"
        return Hit(label, start, last, min(weight, 1.0), entry)


def _needed(entry: Entry, after: int = 1) -> frozenset[str]:
    """The exact words ``entry`` asks for from its word number ``after`` (0-based) on."""
    return frozenset(p.text for p in entry.words[after:] if p.kind is Kind.EXACT)


def _distinct(entries: Sequence[Entry]) -> Iterable[Entry]:
    """``entries`` without repeats, in order. By identity: an entry's own hash walks all
    its words, and this runs for every word of every message."""
    return {id(entry): entry for entry in entries}.values()


def _whole_clause(tokens: Sequence[Token], first: int, last: int) -> bool:
    """Whether tokens ``first..last`` are one clause with no other word in it."""
    clause = tokens[first].clause
    return (
        tokens[last].clause == clause
        and (first == 0 or tokens[first - 1].clause != clause)
        and (last + 1 == len(tokens) or tokens[last + 1].clause != clause)
    )


def _match_rest(
    patterns: tuple[TokenPattern, ...], words: list[_Word], tokens: Sequence[Token], i: int
) -> int | None:
    """The index of the last token when ``patterns`` match from token ``i``, else None.

    A ``...`` takes as few words as it can, so the match is the shortest one.
    """
    return _match_from(patterns, 1, words, tokens, i + 1, tokens[i].clause)


def _match_from(
    patterns: tuple[TokenPattern, ...],
    k: int,
    words: list[_Word],
    tokens: Sequence[Token],
    at: int,
    clause: int,
) -> int | None:
    """Where ``patterns[k:]`` end when matched from token ``at``, else None."""
    while k < len(patterns):
        pattern = patterns[k]
        if pattern.kind is Kind.GAP:
            # The rest may start right here or up to GAP_WORDS words on, in this clause.
            for skip in range(GAP_WORDS + 1):
                start = at + skip
                if start >= len(words) or tokens[start].clause != clause:
                    return None
                last = _match_from(patterns, k + 1, words, tokens, start, clause)
                if last is not None:
                    return last
            return None
        if at >= len(words):
            return None
        # Most patterns are exact words: checked here, without a call.
        if pattern.kind is Kind.EXACT:
            if pattern.text not in words[at].forms:
                return None
        elif not _fits(pattern, words[at], tokens[at].raw):
            return None
        k, at = k + 1, at + 1
    return at - 1


def _fits(pattern: TokenPattern, word: _Word, raw: str) -> bool:
    """Whether one word is what ``pattern`` asks for."""
    if pattern.kind is Kind.ANY:
        return True
    if pattern.kind is Kind.NUMBER:
        return raw.isdigit()
    if pattern.kind is Kind.EXACT:
        return pattern.text in word.forms
    return any(f.startswith(pattern.text) and len(f) >= MIN_STEM for f in word.forms)
