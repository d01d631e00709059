"""The kind of provider to suggest when no colleague is named, in each language.

Each phrase is written to stand where the letters put a referral: after "I would
recommend …" in English and Indonesian, after "our recommendation is …" (a nominative)
in Croatian and Arabic. Indonesian addresses the reader as Bapak/Ibu, as the letters do.
"""

from __future__ import annotations

REFERRAL_PHRASES: dict[str, dict[str, str]] = {
    "larger_agency": {
        "en": "a larger agency with a dedicated account team",
        "id": "agensi yang lebih besar dengan tim khusus untuk Bapak/Ibu",
        "hr": "veća agencija s timom posvećenim samo Vama",
        "ar": "وكالة أكبر لديها فريق مخصّص لحسابكم",
    },
    "full_service": {
        "en": "a full-service agency that can grow with you",
        "id": "agensi layanan lengkap yang dapat tumbuh bersama Bapak/Ibu",
        "hr": "agencija s punom uslugom koja može rasti zajedno s Vama",
        "ar": "وكالة متكاملة الخدمات قادرة على النمو معكم",
    },
    "flexible_terms": {
        "en": "a provider whose payment terms suit your cash flow",
        "id": "penyedia jasa dengan ketentuan pembayaran yang sesuai dengan arus kas Bapak/Ibu",
        "hr": "pružatelj usluga čiji uvjeti plaćanja odgovaraju Vašem novčanom toku",
        "ar": "مزوّد خدمات تناسب شروط الدفع لديه تدفقاتكم النقدية",
    },
    "specialist": {
        "en": "a specialist in your field",
        "id": "spesialis di bidang Bapak/Ibu",
        "hr": "stručnjak specijaliziran za Vaše područje",
        "ar": "مختصٌّ في مجال عملكم",
    },
}


def referral_phrase(kind: str, lang: str) -> str:
    """The phrase for ``kind`` in ``lang``; "" for an unknown kind."""
    return REFERRAL_PHRASES.get(kind, {}).get(lang, "")
