"""Translated names for the ids of repair plans, offboarding cases and letters.

The core names steps, reasons and letter kinds in English; these tables give the
interface's words for them. tests/web/test_offboarding_views.py checks their keys
against the core's, so a new step or reason cannot go untranslated silently.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# One lookup for every table of ids: the views call it as cases_labels.label.
from .labels import label as label

STEPS: dict[str, Promise] = {
    "contract_review": _("Review the contract"),
    "owed_work": _("Finish the work you owe"),
    "receivables": _("Collect what is owed"),
    "conversation": _("Plan the conversation"),
    "notification": _("Tell the client"),
    "transition": _("Hand over and refer"),
    "closed": _("Close the case"),
}

STEP_STATES: dict[str, Promise] = {
    "pending": _("pending"),
    "done": _("done"),
    "waived": _("waived"),
}

STEP_ACTIONS: dict[str, Promise] = {
    "done": _("Mark done"),
    "waive": _("Waive"),
    "reopen": _("Reopen"),
}

# What the audit trail records: the step actions, and the case's own events.
EVENT_ACTIONS: dict[str, Promise] = {
    "opened": _("opened the case"),
    "done": _("marked done"),
    "waive": _("waived"),
    "reopen": _("reopened"),
}

REASONS: dict[str, Promise] = {
    "too_demanding": _("Too demanding, or too much rework"),
    "mistreats_staff": _("Mistreats you or your staff"),
    "unethical": _("Unethical or risky"),
    "payment": _("Payment"),
    "not_a_fit": _("No longer a fit"),
    "generic": _("Your services no longer meet their needs"),
}

LETTER_KINDS: dict[str, Promise] = {
    **{key: _("Ending letter") for key in REASONS},
    "apology": _("Apology"),
    "expectations": _("Expectations sheet"),
}

DELIVERABLE_STATUSES: dict[str, Promise] = {
    "planned": _("planned"),
    "in_progress": _("in progress"),
    "delivered": _("delivered"),
    "accepted": _("accepted"),
    "cancelled": _("cancelled"),
}

PLAN_STATUSES: dict[str, Promise] = {
    "open": _("open"),
    "improved": _("improved"),
    "failed": _("failed"),
    "closed": _("closed"),
}

FORMATS: dict[str, Promise] = {
    "text": _("Plain text"),
    "md": _("Markdown"),
    "html": _("Web page (HTML)"),
    "eml": _("E-mail draft"),
    "docx": _("Word"),
    "pdf": _("PDF"),
}
