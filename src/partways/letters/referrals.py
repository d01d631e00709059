"""The kind of provider to suggest when no colleague is named, in each language.

Each phrase is written to follow "I would recommend …" in its language (Croatian in
the accusative, as the letters' referral sentence needs it).
"""

from __future__ import annotations

REFERRAL_PHRASES: dict[str, dict[str, str]] = {
    "larger_agency": {
        "en": "a larger agency with a dedicated account team",
        "id": "agensi yang lebih besar dengan tim khusus untuk akun Anda",
        "hr": "veću agenciju s timom posvećenim Vašem računu",
        "ar": "وكالة أكبر لديها فريق مخصّص لحسابكم",
    },
    "full_service": {
        "en": "a full-service agency that can grow with you",
        "id": "agensi layanan lengkap yang dapat tumbuh bersama Anda",
        "hr": "agenciju s punom uslugom koja može rasti zajedno s Vama",
        "ar": "وكالة متكاملة الخدمات قادرة على النمو معكم",
    },
    "flexible_terms": {
        "en": "a provider whose payment terms suit your cash flow",
        "id": "penyedia jasa dengan ketentuan pembayaran yang sesuai dengan arus kas Anda",
        "hr": "pružatelja usluga čiji uvjeti plaćanja odgovaraju Vašem novčanom toku",
        "ar": "مزوّد خدمات تناسب شروط الدفع لديه تدفقاتكم النقدية",
    },
    "specialist": {
        "en": "a specialist in your field",
        "id": "spesialis di bidang Anda",
        "hr": "stručnjaka specijaliziranog za Vaše područje",
        "ar": "مختصًّا في مجال عملكم",
    },
}


def referral_phrase(kind: str, lang: str) -> str:
    """The phrase for ``kind`` in ``lang``; "" for an unknown kind."""
    return REFERRAL_PHRASES.get(kind, {}).get(lang, "")
