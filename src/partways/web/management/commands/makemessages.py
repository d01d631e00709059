"""``makemessages`` that also collects the core's findings for the catalog.

The core words nothing itself: it writes each finding's English template through
``say``/``say_n`` (and ``listed``, ``detail``, ``detail_n``, ``message_evidence`` for
lists and evidence), and tells xgettext which argument is the template (and which the
plural).
Telling xgettext those names puts every template in the same catalog as the
interface's own strings. Run it from ``src/partways`` (``make messages``) so the
core is scanned too.
"""

from __future__ import annotations

from django.core.management.commands import makemessages

# The core's finding builders, as xgettext keywords: name:msgid[,msgid_plural].
FINDING_KEYWORDS = (
    "say:2",
    "say_n:2,3",
    "listed:2",
    "detail:2",
    "detail_n:2,3",
    "message_evidence:4",
    # Words the interfaces translate where they show them: ``marked`` (the core's
    # gettext_noop), the registry's documentation sentences and its ladders' measures.
    "marked",
    "Setting:4",
    "_ladder:2",
)


class Command(makemessages.Command):
    xgettext_options = [
        *makemessages.Command.xgettext_options,
        *(f"--keyword={k}" for k in FINDING_KEYWORDS),
    ]
