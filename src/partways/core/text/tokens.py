"""Words as a lexicon sees them: tokens with their place in the text, and their spellings.

A token keeps the offsets of the word in the original text, so evidence always points
at what the client wrote. Its *forms* are what the lexicons are matched against: the
word lower-cased, with leetspeak and elongation undone, Croatian diacritics folded,
Arabic letters normalised and clitics split off, and slang spelt out. A word may have
several forms ("goooood" reads as "good" or "god"; Arabic "والغبي" as itself, "الغبي"
and "غبي", and "خيبتونا" as itself and, its pronoun split off, "خيبتو"); a lexicon entry
matches when any form does.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import NamedTuple

# Letters, digits and the marks Arabic writes above and below letters (which are not
# \w in Python), joined by inner apostrophes ("don't", "ga'ada") and by leetspeak
# symbols inside a word ("f*ck", "@ss", "sh!t"). Underscores separate words: hashtags
# and handles are written with them (#يا_حمار).
_TOKEN = re.compile(r"[\w\u064B-\u065F\u0670@$]+(?:['’*!]+[\w\u064B-\u065F\u0670@$]+)*")
# A clause ends at sentence punctuation, commas, semicolons and line breaks: negation
# and intensifiers do not reach across it ("not great, but fine" negates "great" only).
_CLAUSE_BREAK = re.compile(r"[.!?;,:\n\u061F\u060C\u061B]")
_TOKEN_OR_BREAK = re.compile(f"({_TOKEN.pattern})|{_CLAUSE_BREAK.pattern}")

_LATIN_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)
_LEET_CHARS = frozenset("0134579@$!*")
HR_FOLD = str.maketrans({"č": "c", "ć": "c", "š": "s", "ž": "z", "đ": "d"})
_AR_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u0640]")  # harakat, dagger alef, tatweel
_AR_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"}
)
# Proclitics written onto Arabic words: conjunctions, prepositions and the article.
# The vocative يا is often written onto the word it calls ("ياغبي"); the dialects write
# "this" onto its noun ("هالمشروع", "بهالشغل").
_AR_PREFIXES = (
    "وال", "فال", "بال", "كال", "لل", "ال", "يا",
    "وهال", "بهال", "فهال", "هال",
    "و", "ف", "ب", "ل", "ك",
)  # fmt: skip
# "كما" (as), "لما" (when) and "بما" (with what) are words of their own, not a preposition
# before the negator "ما", nor is "لولا" (if not for) one before "ولا": "كما ان الشغل
# ممتاز" negates nothing.
_AR_NOT_SPLIT = frozenset({"كما", "لما", "بما", "لولا"})
# Pronouns written onto Arabic words (our, us, your, their, her), longest first. A word
# keeps its own form and gains the one without the pronoun, so entries need not list
# "خذلتونا", "خذلتكم" and "خذلتهم" one by one; a taa marbuta that a pronoun turned into ت
# comes back ("ثقتنا" → "ثقه", "خسارتنا" → "خساره"). The one-letter pronouns end too many
# other words: ـه is how most writers spell ة ("خوله" is a name, not "خول" + ه), ـك ends
# courtesies ("اخوك", "مجنونك"), ـي and ـني end adjectives ("الاسواني" is not "اسوا" + ني,
# "ثوري" not "ثور" + ي). "my" is taken off only after the ت of a feminine or plural noun
# ("ثقتي" → "ثقه", "ملاحظاتي"); entries write the other forms or a stem.
_AR_SUFFIXES = ("كما", "هما", "كم", "كن", "هم", "هن", "نا", "ها")
# The Egyptian and Levantine negation written after a verb: "ما عجبنيش", "ما اتحلتش".
_AR_NEGATION_SUFFIX = "ش"
# Shortest word left once a pronoun or ش is taken off: "مهم" is not "م" + "هم".
_AR_MIN_STEM = 3
# A pronoun on these makes another word, not the negator or intensifier they are alone:
# "غيرها" is "another one", "بدونه" "without it", "اكثرهم" "most of them".
_AR_NOT_STEMS = frozenset({"غير", "دون", "بدون", "بلا", "اكثر"})
# Particles written onto Indonesian words ("kerjaannya", "cepetan dong" is separate).
_ID_PARTICLES = ("nya", "lah", "kah", "pun")
_RUN = re.compile(r"(.)\1{2,}")
_ARABIC_CHAR = re.compile(r"[\u0600-\u06FF]")


class Token(NamedTuple):
    """A word of the text: its offsets, the word as written, and its clause number."""

    start: int
    end: int
    raw: str
    clause: int


_token = functools.partial(tuple.__new__, Token)
# How far back from the cut :func:`clip` looks for the start of the word it would halve.
_CLIP_BACK = 64


def clip(text: str, chars: int) -> str:
    """The first ``chars`` characters of ``text``, less a word the cut would halve.

    What is analysed of a long message: its start, where the author's own words are
    (the tail of a long one is quoted history or pasted data). Offsets into the clipped
    text are offsets into ``text``.
    """
    if len(text) <= chars:
        return text
    end, floor = chars, max(chars - _CLIP_BACK, 0)
    # Bounded, so a cut inside a run of a million letters costs no more than anywhere.
    while end > floor and text[end - 1].isalnum() and text[end].isalnum():
        end -= 1
    return text[:end] if end > floor else text[:chars]


def tokenize(text: str) -> list[Token]:
    """The words of ``text`` in order, each with the number of the clause it is in."""
    # This runs for every message, so: one pass over words and clause breaks together,
    # as strings (a match object per word costs more than the rest of the work), each
    # word's offset found from where the previous one ended (nothing between two words
    # can start a word), and a plain tuple's constructor. A break inside a word ("sh!t")
    # is part of the word's match, so it never ends a clause.
    words = text.replace("_", " ")  # same length: offsets still point into ``text``
    tokens: list[Token] = []
    clause = end = 0
    find, add = words.find, tokens.append
    for word in _TOKEN_OR_BREAK.findall(words):
        if word:
            start = find(word, end)
            end = start + len(word)
            add(_token((start, end, word, clause)))
        else:
            clause += 1
    return tokens


def _undo_elongation(word: str) -> tuple[str, ...]:
    """'sooo' → ('soo', 'so'): a run of three or more letters read as two, or as one."""
    if not _RUN.search(word):
        return (word,)
    return (_RUN.sub(r"\1\1", word), _RUN.sub(r"\1", word))


def _undo_leet(word: str) -> tuple[str, ...]:
    """The word with leetspeak read as letters: one reading, or several for an asterisk,
    which hides a vowel ("sh*t", "b*tch") or an s ("a**hole")."""
    # Only inside words that have letters: "2024" and "10" stay numbers.
    if not (_LEET_CHARS & set(word)) or not any(c.isalpha() for c in word):
        return (word,)
    word = word.translate(_LATIN_LEET)
    if "*" not in word:
        return (word,)
    return tuple(word.replace("*", hidden) for hidden in "iuaeos")


def fold(word: str, language: str) -> str:
    """The spelling-independent form of one lower-cased word, as lexicons are written."""
    if language == "ar" or _ARABIC_CHAR.search(word):
        return _AR_DIACRITICS.sub("", word).translate(_AR_LETTERS)
    word = word.replace("’", "'")
    if language == "hr":
        word = word.translate(HR_FOLD).replace("dj", "d")
    return word


def forms(raw: str, language: str, spellings: Mapping[str, str]) -> tuple[str, ...]:
    """Every form of the word ``raw`` a lexicon in ``language`` may list it under."""
    lower = raw.lower()
    out: list[str] = []
    arabic = language == "ar" or bool(_ARABIC_CHAR.search(lower))
    readings = (lower,) if arabic else _undo_leet(lower)
    stretched = [w for reading in readings for w in _undo_elongation(fold(reading, language))]
    for word in stretched:
        candidates = [word]
        if arabic:
            for stem in _ar_stems(word, maqsura=lower.endswith("ى")):
                split = [stem[len(p) :] for p in _AR_PREFIXES if stem.startswith(p)]
                if stem == word:
                    candidates += [] if stem in _AR_NOT_SPLIT else split
                else:
                    # What is left of both ends is a word of its own, never a particle:
                    # "لاكن" (a spelling of "لكن") is not "لا" + كن.
                    candidates += [
                        c
                        for c in (stem, *split)
                        if len(c) >= _AR_MIN_STEM and c not in _AR_NOT_STEMS
                    ]
            candidates = [c for c in candidates if len(c) >= 2]
        elif language == "id":
            candidates += [word[: -len(p)] for p in _ID_PARTICLES if word.endswith(p)]
        for c in candidates:
            spelt = spellings.get(c, c)
            if spelt not in out:
                out.append(spelt)
    return tuple(out) or (lower,)


def _ar_stems(word: str, maqsura: bool = False) -> list[str]:
    """An Arabic word as written and without what is written after it: the negation ش,
    then one pronoun ("ماعجبكمش" → "ماعجبكم", "ماعجب"). ``maqsura``: the word ends in ى,
    which is never "my" ("زفتى" is a town)."""
    stems = [word]
    if word.endswith(_AR_NEGATION_SUFFIX) and len(word) - 1 >= _AR_MIN_STEM + 1:
        stems.append(word[:-1])
    for base in list(stems):
        # A word that ends in ش is a verb: its ت is "you" or "she", never a noun's ending.
        noun = base == word
        for suffix in _AR_SUFFIXES:
            stem = base[: -len(suffix)]
            if base.endswith(suffix) and len(stem) >= _AR_MIN_STEM and stem not in _AR_NOT_STEMS:
                stems.append(stem)
                if noun and stem.endswith("ت"):
                    stems.append(stem[:-1] + "ه")
                break
        else:
            if noun and not maqsura and base.endswith("تي") and len(base) - 1 >= _AR_MIN_STEM:
                stems += [base[:-1], base[:-2] + "ه"]
    return list(dict.fromkeys(stems))


def is_elongated(raw: str) -> bool:
    """True when the word stretches a letter ("stupiiid"), which writers do for emphasis."""
    return bool(_RUN.search(raw)) and not raw.isdigit()


def is_shouted(raw: str) -> bool:
    """True for a word of three or more letters written in capitals ("IDIOT")."""
    return len(raw) >= 3 and raw.isupper()
