"""Which language a message is written in, offline.

lingua (restricted to the configured languages and their close neighbours) decides
whenever the cheap evidence does not: a message in Arabic script is Arabic when Arabic
is the only configured language written that way, and a message with several of one
language's commonest function words and few of any other's is in that language. The
shortcut matters for speed: lingua's high-accuracy mode reads a short message in about
0.3 ms on one core, the whole analyzer's budget (5,000 messages a second); most
business messages answer the cheap test.

Neighbours are folded into the language partways has lexicons and letters for: Malay
into Indonesian, Bosnian and Serbian into Croatian (the same rules read them well).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any

from .tokens import HR_FOLD as _HR_FOLD

# Configured language → the lingua languages that count as it.
_NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "en": ("ENGLISH",),
    "id": ("INDONESIAN", "MALAY"),
    "hr": ("CROATIAN", "BOSNIAN", "SERBIAN"),
    "ar": ("ARABIC",),
}
_ARABIC_SCRIPT = frozenset({"ar", "fa", "ur", "ps"})

# The commonest short words of each language that are not words of the others, written
# as :func:`fold` leaves them. Deliberately not "i" (English "I", Croatian "and"), nor
# "a", "to", "di" or "u", which are words (or common slang) in two of them.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """the and you your is are was were this that with for have has not but what will
        would can could please we our they it's i'm don't of to from thanks hi hello dear
        regards best cheers just need send let know""".split()  # noqa: SIM905
    ),
    "id": frozenset(
        """yang dan tidak saya kami kita ini itu untuk dengan sudah belum tolong bisa ada
        akan dari ke pada juga atau karena kalau gak nggak aja sama mohon terima kasih
        bapak ibu pak bu sih dong deh nih udah kok lagi harus mau minta halo salam
        selamat pagi siang sore malam makasih""".split()  # noqa: SIM905
    ),
    "hr": frozenset(
        """je su smo ste sam nije ali sto sta kako koji koja koje ovo ovaj jos vec mozete
        molim hvala bih biti samo kad gdje zasto na za od ili ako kao cemo mozemo vas vam
        nam bi ce li ne se da sve molimo posaljite trebamo treba imamo danas sutra tjedan
        bok pozdrav postovani srdacan lp""".split()  # noqa: SIM905
    ),
}
# From this many characters on, lingua's faster low-accuracy mode is as good.
LONG_TEXT = 120
# No word of the configured languages is longer ("pneumonoultramicroscopicsilicovolcano-
# coniosis" is 45 letters). A longer run of letters is pasted data, a base64 blob or a
# key held down, and lingua's time grows with the square of a word's length (80,000
# letters in one run took 1.5 s, a million several minutes): such runs are not read.
LONGEST_WORD = 45
_NOT_A_WORD = re.compile(rf"[^\W\d_]{{{LONGEST_WORD + 1},}}")
_WORD = re.compile(r"[^\W\d_]+")
# Runs rather than single letters: a message's letters are counted from a few matches
# per word instead of one per letter.
_LATIN = r"A-Za-z\u00C0-\u024F"
_ARABIC_LETTERS = re.compile(r"[\u0600-\u06FF]+")
_LATIN_LETTERS = re.compile(f"[{_LATIN}]+")
_THREE_LATIN_LETTERS = re.compile(f"[{_LATIN}](?:[^{_LATIN}]*[{_LATIN}]){{2}}")


class LanguageIdentifier:
    """Tells which of ``languages`` a text is in (ISO 639-1), or None when unsure.

    Raises ValueError for a language it cannot identify.
    """

    def __init__(self, languages: Sequence[str] = ("en", "id", "hr", "ar")) -> None:
        unknown = [code for code in languages if code not in _NEIGHBOURS]
        if unknown:
            known = ", ".join(_NEIGHBOURS)
            raise ValueError(f"cannot identify language {unknown[0]!r}; known: {known}.")
        self.languages = tuple(languages)
        arabic_script = [code for code in self.languages if code in _ARABIC_SCRIPT]
        # Script alone decides only when one configured language uses it.
        self._arabic = arabic_script[0] if len(arabic_script) == 1 else None
        self._function_words = {c: w for c, w in FUNCTION_WORDS.items() if c in self.languages}
        # Each function word's languages, so a message's words are looked up once each.
        self._codes = tuple(self._function_words)
        languages_of: dict[str, list[int]] = {}
        for i, code in enumerate(self._codes):
            for word in self._function_words[code]:
                languages_of.setdefault(word, []).append(i)
        self._languages_of = {w: tuple(ix) for w, ix in languages_of.items()}
        self._detectors: dict[bool, Any] = {}
        self._lock = threading.Lock()

    def identify(self, text: str) -> str | None:
        """The language of ``text``, or None when it has too few letters to tell."""
        if _ARABIC_LETTERS.search(text) is None:
            # Most messages: no Arabic letter, so only "three letters or more" is asked,
            # which a search answers without counting them all.
            if _THREE_LATIN_LETTERS.search(text) is None:
                return None
        else:
            arabic = sum(map(len, _ARABIC_LETTERS.findall(text)))
            latin = sum(map(len, _LATIN_LETTERS.findall(text)))
            if arabic + latin < 3:
                return None
            # Latin names and product words inside an Arabic sentence do not make it
            # English.
            if self._arabic and arabic * 2 > latin:
                return self._arabic
        if len(self.languages) == 1:
            return self.languages[0]
        quick = self._by_function_words(text)
        return quick if quick else self._by_lingua(text)

    def _by_function_words(self, text: str) -> str | None:
        if not self._function_words:
            return None
        # One translate for the whole text, not one fold per word: this runs per message.
        words = _WORD.findall(text.lower().translate(_HR_FOLD))
        found = [0] * len(self._codes)
        languages_of = self._languages_of
        for word in words:
            for i in languages_of.get(word, ()):
                found[i] += 1
        counts = sorted(zip(found, self._codes, strict=True), reverse=True)
        best, code = counts[0]
        runner_up = counts[1][0] if len(counts) > 1 else 0
        # Two words of one language and at least three times as many as of any other:
        # a greeting in English inside a Croatian message does not decide it.
        return code if best >= 2 and best >= 3 * runner_up else None

    def _by_lingua(self, text: str) -> str | None:
        # Trigrams alone tell a longer text's language as well as every n-gram does, in a
        # third of the time; a short one needs them all (lingua's own guidance).
        text = _NOT_A_WORD.sub(" ", text)
        detector = self._lingua(precise=len(text) < LONG_TEXT)
        found = detector.detect_language_of(text)
        if found is None:
            return None
        for code, names in _NEIGHBOURS.items():
            if found.name in names and code in self.languages:
                return code
        return None

    def _lingua(self, precise: bool) -> Any:
        # Built on first use: the models load lazily, and a process that only reads
        # Arabic or clear-cut messages never pays for them.
        with self._lock:
            detector = self._detectors.get(precise)
            if detector is None:
                from lingua import Language, LanguageDetectorBuilder

                names = [n for code in self.languages for n in _NEIGHBOURS[code]]
                builder = LanguageDetectorBuilder.from_languages(
                    *[getattr(Language, n) for n in names]
                )
                if not precise:
                    builder = builder.with_low_accuracy_mode()
                detector = self._detectors[precise] = builder.build()
            return detector
