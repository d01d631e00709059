"""Letters to clients, in their language: ending the relationship, an apology, an
expectations sheet. Plain Python: templates are composed in Jinja2's sandbox
(:mod:`.compose`) into a :class:`~.model.Letter`, which :mod:`.formats` writes out as
text, Markdown, e-mail, Word or PDF.
"""

from .compose import LetterError, compose, letter_kinds
from .languages import LANGUAGES, UnknownLanguage, check_language, is_rtl
from .model import Block, Letter

__all__ = [
    "LANGUAGES",
    "Block",
    "Letter",
    "LetterError",
    "UnknownLanguage",
    "check_language",
    "compose",
    "is_rtl",
    "letter_kinds",
]
