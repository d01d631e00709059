"""The lexicon files: what each language's words and phrases mean, and how they are read.

One YAML file per language in ``lexicons/`` (written by the partways team, under the
project's licence), shaped like this::

    language: hr
    negators: [ne, nije, nisam]        # "nije glup": the sign after it does not count
    intensifiers: [jako, vrlo]         # "jako glup": the sign after it counts more
    spellings: {nes: nesto}            # slang and short forms, spelt out before matching
    labels:
      abuse:
        - glup*                        # * = any ending: glup, glupan, glupane, glupost
        - jebo te @0.6                 # @ = weight; a sign counts from 0.5 (settings)
      positive: [dobro, super]         # not a label: "nije dobro" counts as negative
      demand:
        - do # sati                    # # = any number; ? = any one word
      unethical_request:
        - antidatir* ... račun*        # ... = up to GAP_WORDS other words, same clause
      negative:
        - ^svejedno                    # ^ = only as a clause of its own: a reply
                                       # that is nothing but "svejedno." brushes off

Entries are written in the forms :func:`partways.core.text.tokens.forms` gives a word:
lower case, Croatian without diacritics, Arabic normalised; the loader folds what a
curator wrote with diacritics, so ``glupača`` and ``glupaca`` are the same entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any

from .model import LABELS
from .tokens import fold

# Labels a lexicon may list: the analyzer's labels, and ``positive``, which is never
# reported but turns into ``negative`` when negated.
LEXICON_LABELS: tuple[str, ...] = (*LABELS, "positive")
# Shortest stem a ``*`` entry may have: "ba*" would match half the dictionary.
MIN_STEM = 3


class LexiconError(ValueError):
    """A lexicon file that cannot be read; the message names the file, entry and problem."""


class Kind(Enum):
    EXACT = "exact"
    PREFIX = "prefix"
    NUMBER = "number"
    ANY = "any"
    GAP = "gap"


# How many words a ``...`` in an entry may stand for (none to this many, in one clause):
# "date ... invoice" finds "date the invoice", "date last month's invoice" and "date the
# two March invoices".
GAP_WORDS = 4


@dataclass(frozen=True)
class TokenPattern:
    kind: Kind
    text: str = ""


@dataclass(frozen=True)
class Entry:
    """One lexicon line: a sequence of word patterns, the label it shows and its weight."""

    label: str
    words: tuple[TokenPattern, ...]
    weight: float
    source: str  # the line as written, for error messages and explanations
    # Matches only when its words make up a whole clause (a line or sentence of its
    # own): "Later." as the whole answer brushes a question off; "later today" does not.
    alone: bool = False


@dataclass(frozen=True)
class Lexicon:
    language: str
    entries: tuple[Entry, ...]
    negators: frozenset[str]
    intensifiers: frozenset[str]
    spellings: Mapping[str, str] = field(default_factory=dict)


def _word_pattern(word: str, language: str, where: str) -> TokenPattern:
    if word == "#":
        return TokenPattern(Kind.NUMBER)
    if word == "?":
        return TokenPattern(Kind.ANY)
    if word in ("...", "…"):
        return TokenPattern(Kind.GAP)
    if word.endswith("*"):
        stem = fold(word[:-1].lower(), language)
        if len(stem) < MIN_STEM:
            raise LexiconError(
                f"{where}: the stem {word!r} is shorter than {MIN_STEM} letters; "
                "write the whole word or a longer stem."
            )
        return TokenPattern(Kind.PREFIX, stem)
    return TokenPattern(Kind.EXACT, fold(word.lower(), language))


def parse_entry(text: str, label: str, language: str, where: str) -> Entry:
    """One entry as written (``"jebo te @0.6"``, ``"^kako god"``); raises
    :class:`LexiconError`."""
    alone = text.startswith("^")
    words = text.removeprefix("^").split()
    weight = 1.0
    if words and words[-1].startswith("@"):
        try:
            weight = float(words.pop()[1:])
        except ValueError:
            raise LexiconError(f"{where}: {text!r}: the weight after @ is not a number.") from None
        if not 0 < weight <= 1:
            raise LexiconError(f"{where}: {text!r}: the weight must be above 0 and at most 1.")
    if not words:
        raise LexiconError(f"{where}: an entry has no words.")
    patterns = tuple(_word_pattern(w, language, where) for w in words)
    if patterns[0].kind in (Kind.NUMBER, Kind.ANY, Kind.GAP):
        raise LexiconError(f"{where}: {text!r}: an entry must start with a word, not #, ? or ....")
    if patterns[-1].kind is Kind.GAP:
        raise LexiconError(f"{where}: {text!r}: an entry must end with a word, not ....")
    return Entry(label, patterns, weight, text, alone)


def _spelt(entry: Entry, spellings: Mapping[str, str]) -> Entry:
    # Text words are spelt out before matching, so entry words must be too: an entry
    # written "gk bisa" has to meet the text's "tidak bisa".
    words = tuple(
        TokenPattern(w.kind, spellings.get(w.text, w.text)) if w.kind is Kind.EXACT else w
        for w in entry.words
    )
    return Entry(entry.label, words, entry.weight, entry.source, entry.alone)


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise LexiconError(f"{where}: expected a list of words.")
    for i, v in enumerate(value):
        # YAML reads a bare no, yes, on or off as true/false: the word would be lost.
        if isinstance(v, bool):
            raise LexiconError(
                f"{where}[{i}]: {str(v).lower()!r} was read as a yes/no value; "
                'put the word in quotes ("no").'
            )
        if not isinstance(v, str | int | float):
            raise LexiconError(f"{where}[{i}]: expected a word, got {v!r}.")
    return [str(v) for v in value]


def parse_lexicon(data: Any, source: str) -> Lexicon:
    """A :class:`Lexicon` from a parsed YAML document; ``source`` names it in errors."""
    if not isinstance(data, dict):
        raise LexiconError(f"{source}: expected a mapping with language, labels, …")
    language = data.get("language")
    if not isinstance(language, str) or not language:
        raise LexiconError(f"{source}: 'language' (an ISO 639-1 code) is missing.")
    unknown = set(data) - {"language", "negators", "intensifiers", "spellings", "labels"}
    if unknown:
        raise LexiconError(f"{source}: unknown keys {sorted(unknown)}.")
    labels = data.get("labels") or {}
    if not isinstance(labels, dict):
        raise LexiconError(f"{source}: 'labels' must map each label to a list of entries.")
    spellings = data.get("spellings") or {}
    if not isinstance(spellings, dict):
        raise LexiconError(f"{source}: 'spellings' must map a spelling to its standard form.")
    if any(isinstance(x, bool) for pair in spellings.items() for x in pair):
        raise LexiconError(
            f"{source}: spellings: a bare no, yes, on or off was read as a yes/no value; "
            "put the word in quotes."
        )
    spelt = {
        fold(str(k).lower(), language): fold(str(v).lower(), language) for k, v in spellings.items()
    }
    entries: list[Entry] = []
    for label, items in labels.items():
        if label not in LEXICON_LABELS:
            raise LexiconError(
                f"{source}: unknown label {label!r}; expected one of {', '.join(LEXICON_LABELS)}."
            )
        for i, item in enumerate(_strings(items, f"{source}: labels.{label}")):
            where = f"{source}: labels.{label}[{i}]"
            entries.append(_spelt(parse_entry(item, label, language, where), spelt))

    def folded(words: Iterable[str]) -> frozenset[str]:
        return frozenset(fold(w.lower(), language) for w in words)

    return Lexicon(
        language=language,
        entries=tuple(entries),
        negators=folded(_strings(data.get("negators"), f"{source}: negators")),
        intensifiers=folded(_strings(data.get("intensifiers"), f"{source}: intensifiers")),
        spellings=spelt,
    )


def load_lexicon(path: Path) -> Lexicon:
    """Read one lexicon file; raises :class:`LexiconError` with the file and line."""
    # Imported here: a triage that finds every message labelled reads no lexicon, and
    # importing the YAML library costs a one-client triage in a fresh process 10 ms.
    import yaml

    try:
        # libyaml's loader when present: the shipped lexicons load in a tenth of the time.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f", line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise LexiconError(f"{path}{at}: not valid YAML ({exc}).") from None
    return parse_lexicon(data, str(path))


def merged(base: Lexicon, extra: Lexicon) -> Lexicon:
    """``base`` with ``extra``'s entries and words added (a user's own additions)."""
    return Lexicon(
        language=base.language,
        entries=base.entries + extra.entries,
        negators=base.negators | extra.negators,
        intensifiers=base.intensifiers | extra.intensifiers,
        spellings={**base.spellings, **extra.spellings},
    )


def builtin_languages() -> list[str]:
    """The languages partways ships a lexicon for."""
    folder = resources.files("partways.core.text") / "lexicons"
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


def builtin_path(language: str) -> Path:
    """The file of the lexicon partways ships for ``language``."""
    return Path(str(resources.files("partways.core.text") / "lexicons" / f"{language}.yaml"))


def builtin_lexicon(language: str) -> Lexicon:
    """The lexicon partways ships for ``language`` (parsed once per version of it)."""
    from .lexicon_cache import cached_lexicon

    return cached_lexicon(builtin_path(language))
