"""Letters on the web: which ones a client has, the hand-edited text, and the downloads.

The letters themselves are composed by :func:`partways.store.cases.letters.letter_for`;
this module only swaps in the text a person edited (a :class:`LetterDraft`) and names
the files.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, replace

from django.utils.text import slugify

from partways.letters import Letter, UnknownLanguage, check_language, is_rtl
from partways.letters.compose import REASONS, split_blocks
from partways.letters.formats import FORMATS, render
from partways.letters.formats.text import editable_text
from partways.store.cases.letters import Addressed, letter_for
from partways.store.models import Client, LetterDraft, OffboardingCase

CONTENT_TYPES: dict[str, str] = {
    "text": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "eml": "message/rfc822",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
REPAIR_KINDS: tuple[str, ...] = ("apology", "expectations")


def letter_case(client: Client) -> OffboardingCase | None:
    """The case an ending letter is written for: the client's latest, open or closed
    (the one :func:`letter_for` reads)."""
    return client.offboarding_cases.order_by("-opened_on", "-pk").first()


def kinds_for(case: OffboardingCase | None) -> list[str]:
    """The letters a client has: the ending letter of its case, then the repair letters."""
    return ([case.reason] if case is not None else []) + list(REPAIR_KINDS)


def default_language(client: Client, case: OffboardingCase | None) -> str:
    """The language to write to the client in: the case's, else the client's; English
    for a language partways has no letters in."""
    try:
        return check_language((case.language if case else "") or client.language or "en")
    except UnknownLanguage:
        return "en"


def draft_for(
    client: Client, case: OffboardingCase | None, kind: str, lang: str
) -> LetterDraft | None:
    """The edited text of this letter, if someone saved one."""
    owner = case if kind in REASONS else None
    return LetterDraft.objects.filter(client=client, case=owner, kind=kind, language=lang).first()


def save_draft(
    client: Client, case: OffboardingCase | None, kind: str, lang: str, text: str, by: str
) -> LetterDraft:
    owner = case if kind in REASONS else None
    draft, _ = LetterDraft.objects.update_or_create(
        client=client,
        case=owner,
        kind=kind,
        language=lang,
        defaults={"text": text, "updated_by": by},
    )
    return draft


def letter_from_text(text: str, kind: str, lang: str) -> Letter:
    """A letter from its plain text: the first line is the subject, the rest the body,
    laid out as a template's body is. The text is escaped here, as the template engine
    escapes data, so every format can treat the letter's lines as HTML-safe."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")
    subject, body = lines[0].strip(), "\n".join(lines[1:])
    return Letter(
        kind=kind,
        lang=lang,
        direction="rtl" if is_rtl(lang) else "ltr",
        subject_html=html.escape(" ".join(subject.split())),
        blocks=split_blocks(html.escape(body)),
    )


def letter_as_text(letter: Letter) -> str:
    """The text a person edits (the subject and the body; the frame comes from the
    records): what :func:`letter_from_text` reads back unchanged."""
    return editable_text(letter)


@dataclass(frozen=True)
class Prepared:
    addressed: Addressed
    draft: LetterDraft | None

    @property
    def letter(self) -> Letter:
        return self.addressed.letter


def prepare(
    client: Client,
    case: OffboardingCase | None,
    kind: str,
    lang: str,
    today: dt.date,
    about: str = "",
) -> Prepared:
    """The letter as it will be sent: composed, then the edited text if there is one
    (in the composed letter's frame: the letterhead, addresses and date stay those of
    the records). ``about`` is what an apology is for; an edited apology has it already.

    Raises what :func:`letter_for` raises (``LetterError``, ``UnknownLanguage``,
    ``CaseError``).
    """
    draft = draft_for(client, case, kind, lang)
    if draft is not None and kind == "apology" and not about.strip():
        # The edited text says what went wrong; the composed one is only its frame.
        about = "…"
    addressed = letter_for(client.pk, kind=kind, lang=lang, today=today, about=about)
    if draft is not None:
        edited = letter_from_text(draft.text, kind, lang)
        composed = addressed.letter
        # The printed subject line is the frame's prefix ("Subject: ", "Perihal: ")
        # around the subject: the edited subject takes the composed one's place.
        line = composed.subject_line.replace(composed.subject_html, edited.subject_html)
        letter = replace(
            composed,
            subject_html=edited.subject_html,
            subject_line=line if composed.subject_line else "",
            blocks=edited.blocks,
        )
        addressed = replace(addressed, letter=letter)
    return Prepared(addressed, draft)


def download(prepared: Prepared, fmt: str, now: dt.datetime) -> bytes:
    """The letter's file in ``fmt`` (a key of :data:`FORMATS`)."""
    a = prepared.addressed
    return render(a.letter, fmt, sender=a.sender, to=a.to, date=now, domain=a.domain)


def file_name(client: Client, stem: str, fmt: str) -> str:
    """An ASCII-only file name: the client's name where it has Latin letters, else its id."""
    name = slugify(client.name) or f"client-{client.pk}"
    return f"{name}-{stem}{FORMATS.get(fmt, '.' + fmt)}"
