"""Reading client messages: the text-analysis interface and a PLACEHOLDER analyzer.

The signals never read message text themselves; they read per-message labels that
an analyzer produced. :class:`TextAnalyzer` is that interface.

:class:`PlaceholderAnalyzer` is a deliberately small keyword matcher in English,
Indonesian, Croatian and Arabic, named as a placeholder: it exists so the engine,
demo and tests run end to end now. Issue 5 replaces it with curated lexicons
(negation, intensifiers, spelling variants) and an optional model tier.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Analysis, Span

# Croatian letters are matched with or without their diacritics; folding keeps
# string length, so spans found in the folded text point into the original.
_FOLD = str.maketrans({"č": "c", "ć": "c", "š": "s", "ž": "z", "đ": "d"})

_PHRASES: dict[str, tuple[str, ...]] = {
    "abuse": (
        "idiot",
        "idiots",
        "stupid",
        "moron",
        "morons",
        "shut up",
        "screw you",
        "pathetic",
        "bodoh",
        "goblok",
        "tolol",
        "bego",
        "bangsat",
        "brengsek",
        "glupan",
        "glupane",
        "kreten",
        "kretenu",
        "budala",
        "budale",
        "غبي",
        "أغبياء",
        "حمار",
        "أحمق",
        "اخرس",
    ),
    "disrespect": (
        "you don't know your job",
        "do you even know",
        "amateur",
        "amateurs",
        "my nephew could do",
        "tidak becus",
        "nggak becus",
        "amatir",
        "ne znate svoj posao",
        "amateri",
        "nesposobni",
        "لا تعرفون عملكم",
        "هواة",
        "فاشلون",
    ),
    "negative": (
        "disappointed",
        "disappointing",
        "terrible",
        "awful",
        "hopeless",
        "waste of",
        "frustrated",
        "unhappy",
        "worst",
        "kecewa",
        "mengecewakan",
        "buruk",
        "parah",
        "payah",
        "razocaran",
        "razocarani",
        "lose",
        "uzasno",
        "grozno",
        "محبط",
        "سيء",
        "مخيب",
        "للأسف",
    ),
    "demand": (
        "asap",
        "urgent",
        "immediately",
        "right now",
        "by tomorrow",
        "tonight",
        "segera",
        "secepatnya",
        "sekarang juga",
        "mendesak",
        "hitno",
        "odmah",
        "do sutra",
        "sto prije",
        "فورا",
        "عاجل",
        "حالا",
        "بأسرع وقت",
    ),
    "out_of_scope": (
        "can you also",
        "while you're at it",
        "one more small thing",
        "small extra",
        "sekalian",
        "tolong juga",
        "tambahan sedikit",
        "mozete li i",
        "usput",
        "jos samo",
        "وأيضا",
        "بالمرة",
        "إضافة صغيرة",
    ),
    "payment_excuse": (
        "pay next week",
        "cash flow",
        "accounting is slow",
        "didn't receive the invoice",
        "invoice got lost",
        "bayar minggu depan",
        "dana belum cair",
        "belum gajian",
        "platit cemo sljedeci tjedan",
        "nemamo likvidnosti",
        "racun nije stigao",
        "سندفع الأسبوع القادم",
        "مشكلة في السيولة",
        "لم تصلنا الفاتورة",
    ),
    "unethical_request": (
        "backdate",
        "back-date",
        "fake review",
        "fake reviews",
        "off the books",
        "mundurkan tanggal",
        "ulasan palsu",
        "review palsu",
        "lazne recenzije",
        "antidatirati",
        "promijenite datum na racunu",
        "تقييمات مزيفة",
        "بتاريخ سابق",
    ),
    "vague": (
        "not quite it",
        "not quite right",
        "something is missing",
        "i'll know it when i see it",
        "kurang pas",
        "belum sreg",
        "ada yang kurang",
        "nije bas to",
        "nesto fali",
        "ليس تماما",
        "شيء ناقص",
    ),
}

_STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        ["the", "and", "you", "is", "to", "please", "we", "our", "this", "that", "with", "for"]
    ),
    "id": frozenset(
        [
            "yang",
            "dan",
            "tidak",
            "saya",
            "kami",
            "ini",
            "untuk",
            "dengan",
            "sudah",
            "belum",
            "tolong",
        ]
    ),
    "hr": frozenset(
        ["je", "i", "da", "se", "ne", "na", "sto", "li", "smo", "vas", "molim", "nije"]
    ),
}
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_WORD = re.compile(r"\w+")


def _pattern(phrases: Sequence[str]) -> re.Pattern[str]:
    alts = sorted({p.translate(_FOLD) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alts) + r")(?!\w)")


_PATTERNS = {label: _pattern(phrases) for label, phrases in _PHRASES.items()}


def _fold(text: str) -> str:
    # Per-character lower-casing keeps offsets stable (str.lower can lengthen a string).
    return "".join(ch.lower()[0] for ch in text).translate(_FOLD)


def guess_language(text: str) -> str | None:
    """A crude guess among en / id / hr / ar (placeholder until issue 5's lingua)."""
    if _ARABIC.search(text):
        return "ar"
    words = _WORD.findall(_fold(text))
    counts = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    best = max(counts, key=lambda lang: counts[lang])
    return best if counts[best] else None


class PlaceholderAnalyzer:
    """PLACEHOLDER keyword matcher; replaced by issue 5's analyzers."""

    name = "placeholder"
    version = "0.1"

    def analyze(self, texts: Sequence[str]) -> list[Analysis]:
        out = []
        for text in texts:
            folded = _fold(text)
            spans: list[Span] = []
            for label, pattern in _PATTERNS.items():
                spans.extend(Span(m.start(), m.end(), label) for m in pattern.finditer(folded))
            labels = {s.label: 1.0 for s in spans}
            out.append(Analysis(guess_language(text), labels, tuple(spans)))
        return out
