"""The languages letters are written in, and what each needs to be laid out."""

from __future__ import annotations

# Code (ISO 639-1) → the language's own name, as a user choosing it would look for it.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "id": "Bahasa Indonesia",
    "hr": "Hrvatski",
    "ar": "العربية",
}

_RTL = frozenset({"ar"})

# Close neighbours a client record may carry: a letter in the language the client
# reads most easily (Malay readers read Indonesian; Bosnian and Serbian readers, Croatian).
_FOLDED = {"ms": "id", "bs": "hr", "sr": "hr", "sh": "hr"}


class UnknownLanguage(ValueError):
    """A language partways has no letters in; the message lists the ones it has."""

    def __init__(self, code: str) -> None:
        supported = ", ".join(f"{c} ({name})" for c, name in LANGUAGES.items())
        super().__init__(f"no letters in language {code!r}; supported: {supported}.")
        self.code = code


def check_language(code: str) -> str:
    """The supported language code for ``code`` (case and region ignored: ``hr-HR`` → ``hr``).

    Raises :class:`UnknownLanguage` when partways has no letters in it.
    """
    base = code.strip().lower().replace("_", "-").split("-", 1)[0]
    base = _FOLDED.get(base, base)
    if base not in LANGUAGES:
        raise UnknownLanguage(code)
    return base


def is_rtl(code: str) -> bool:
    """True when the language is written right to left."""
    return code in _RTL
