"""The store's and the procedure's refusals, worded for the web in the reader's language.

A refusal comes with a code and its facts (:class:`CaseError`, :class:`StepRefused`,
:class:`ResolveError`); its English message is the command line's, with the command
line's flags in it. Here each code becomes a sentence in the page's terms: a page
never tells anyone to type a command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from partways.i18n import format_day

from .cases_labels import STEPS
from .labels import RECOMMENDATIONS


def _step(name: object) -> str:
    return str(STEPS.get(str(name), name))


def _steps(names: object) -> str:
    """Steps by their names, each in quotes: “Review the contract”, “Tell the client”."""
    listed = names if isinstance(names, list | tuple) else [names]
    return ", ".join(f"“{_step(n)}”" for n in listed)


def _shown(value: object) -> object:
    return format_day(value, get_language() or "en") if isinstance(value, dt.date) else value


def _sentences() -> Mapping[str, Callable[[Mapping[str, Any]], str]]:
    """Code → the sentence it stands for, given its facts (read at call time, so each
    request gets its own language)."""
    return {
        # Cases and plans.
        "archived": lambda p: _("This client is archived: the relationship has already ended."),
        "archived_name_the_letter": lambda p: _(
            "This client is archived: choose which letter to write."
        ),
        "not_ending": lambda p: (
            _(
                "%(client)s has no offboarding case and the triage says %(recommendation)s: choose "
                "which letter to write."
            )
            % {
                "client": p["client"],
                "recommendation": RECOMMENDATIONS.get(p["recommendation"], ""),
            }
        ),
        "no_dates": lambda p: (
            _(
                "%(client)s has no repair plan or offboarding case, so there are no dates to "
                "put in a calendar."
            )
            % p
        ),
        "open_case": lambda p: (
            _("%(client)s already has an open offboarding case: follow it on its own page.") % p
        ),
        "no_case": lambda p: _("%(client)s has no offboarding case: open one first.") % p,
        "before_opened": lambda p: (
            _("The case was opened on %(opened)s; %(on)s is before that.")
            % {"opened": _shown(p["opened"]), "on": _shown(p["on"])}
        ),
        "close_before_end": lambda p: (
            _("The relationship runs until %(end)s: close the case on or after that day.")
            % {"end": _shown(p["end"])}
        ),
        "case_closed": lambda p: _("The case is closed: reopen its last step first."),
        "other_open_case": lambda p: (
            _("%(client)s has another open offboarding case: close it before reopening this one.")
            % p
        ),
        "review_not_after_today": lambda p: (
            _("The review date must be after %(today)s.") % {"today": _shown(p["today"])}
        ),
        "plan_open": lambda p: (
            _("%(client)s already has a repair plan, to be reviewed on %(review_on)s.")
            % {"client": p["client"], "review_on": _shown(p["review_on"])}
        ),
        "not_repair": lambda p: (
            _("The triage recommends %(recommendation)s for %(client)s, not repair.")
            % {
                "client": p["client"],
                "recommendation": RECOMMENDATIONS.get(p["recommendation"], ""),
            }
        ),
        # The offboarding procedure's steps.
        "unknown_step": lambda p: _("There is no such step."),
        "unknown_action": lambda p: _("There is no such action."),
        "later_settled": lambda p: (
            _("“%(step)s” cannot be reopened while %(later)s is settled: reopen that first.")
            % {"step": _step(p["step"]), "later": _steps(p["later"])}
        ),
        "never_waived": lambda p: (
            _("The client is always told, never left to find out: this step cannot be waived.")
            if p.get("step") == "notification"
            else _("This step cannot be waived: mark it done instead.")
        ),
        "waiver_reason": lambda p: (
            _("Waiving “%(step)s” needs a reason: write it in the note.")
            % {"step": _step(p["step"])}
        ),
        "needs_first": lambda p: (
            _("“%(step)s” needs %(missing)s done or waived first.")
            % {"step": _step(p["step"]), "missing": _steps(p["missing"])}
            + (
                " "
                + _(
                    "Don't announce before they have paid; if you must, waive “%(step)s” with "
                    "a reason."
                )
                % {"step": _step("receivables")}
                if "receivables" in p.get("missing", ())
                else ""
            )
        ),
        "unpaid": lambda p: (
            _(
                "Invoices still unpaid: %(n)s. Record the payments, or waive this step with a "
                "reason in the note."
            )
            % p
        ),
        # Who is who.
        "empty": lambda p: _("Give an address or a domain."),
        "not_a_domain": lambda p: _("%(alias)s is not a domain; expected e.g. @acme.example.") % p,
        "not_an_address": lambda p: (
            _("%(alias)s is not an e-mail address; expected e.g. ana@acme.example.") % p
        ),
        "too_long": lambda p: _("That is longer than %(most)s characters.") % p,
        "free_mail": lambda p: (
            _("%(alias)s is a free-mail domain shared by many people: claim the address alone.") % p
        ),
        "taken": lambda p: _("%(alias)s already belongs to %(client)s.") % p,
        "names_another": lambda p: (
            _("%(alias)s already names %(client)s: merge the two clients instead.") % p
        ),
        "not_known": lambda p: _("%(alias)s is not known as any client's.") % p,
        "into_itself": lambda p: _("A client cannot be merged into itself."),
        "same_invoice_numbers": lambda p: (
            _("Both clients have invoices numbered %(numbers)s; nothing was changed.") % p
        ),
        "both_edited_letters": lambda p: (
            _(
                "Both clients have an edited letter of the same kind in %(language)s: discard one "
                "of the two first. Nothing was changed."
            )
            % p
        ),
        "both_open_cases": lambda p: _(
            "Both clients have an open offboarding case: close one first. Nothing was changed."
        ),
    }


def worded(exc: Exception) -> str:
    """``exc`` (a refusal with a ``code``) as a sentence for the page; a refusal with a
    code this table does not know is said generally, never in command-line terms."""
    code = getattr(exc, "code", "")
    params: Mapping[str, Any] = getattr(exc, "params", {})
    say = _sentences().get(code)
    if say is None:
        return _("That could not be done; nothing was changed.")
    return say(params)
