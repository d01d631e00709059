"""Language identification: the configured languages, with close neighbours folded."""

import pytest

from partways.core.text.language import LanguageIdentifier

ID = LanguageIdentifier()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Could you send the invoice to our accounts team, please?", "en"),
        ("Mohon kirim fakturnya ke bagian keuangan kami ya, terima kasih.", "id"),
        ("Možete li poslati račun našem računovodstvu? Hvala.", "hr"),
        ("هل يمكنكم إرسال الفاتورة إلى قسم الحسابات؟", "ar"),
        # Latin product and person names inside Arabic do not make it English.
        ("مرحبا Sam، النسخة v2 من app جاهزة", "ar"),
        # Malay reads as Indonesian; Serbian (Latin) and Bosnian as Croatian.
        ("Saya tidak faham kenapa bayaran masih belum dibuat oleh syarikat anda.", "id"),
        ("Pošaljite mi ponudu do sutra, molim vas, nemojte kasniti.", "hr"),
        ("Treba da pošaljete predračun odmah, hvala unapred.", "hr"),
    ],
)
def test_identifies_the_language(text, language):
    assert ID.identify(text) == language


def test_too_little_text_to_tell_is_none():
    assert ID.identify("ok") is None
    assert ID.identify("👍 100%") is None


def test_languages_outside_the_configuration_are_not_guessed():
    english_only = LanguageIdentifier(["en", "ar"])
    assert english_only.identify("Kalian semua tidak becus bekerja dengan baik.") in (None, "en")


def test_an_unknown_configured_language_is_refused():
    with pytest.raises(ValueError, match="cannot identify language 'xx'"):
        LanguageIdentifier(["en", "xx"])


def test_one_configured_language_needs_no_detector():
    assert LanguageIdentifier(["en"]).identify("Whatever this says, it is English here.") == "en"
