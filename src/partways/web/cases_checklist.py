"""An offboarding case's checklist as the web shows it: each step with the changes the
procedure allows now, worked out by asking the procedure itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from partways.core.offboarding import steps as procedure
from partways.core.offboarding.steps import STEPS, StepRefused, StepStatus
from partways.i18n import format_day
from partways.store.cases.offboarding import CaseView
from partways.store.models import OffboardingCase

from . import cases_labels
from .refusals import worded


@dataclass(frozen=True)
class Row:
    number: int
    step: str
    title: str
    status: StepStatus
    state: str
    actions: list[tuple[str, str]]  # (action, its label)
    blocked: str  # why the step can't be marked done yet; "" when it can

    @property
    def waivable(self) -> bool:
        return any(action == "waive" for action, _label in self.actions)


def current_step(states: dict[str, str]) -> str:
    """The step a case is at: the first one still pending (``closed`` when none is)."""
    return next((s for s in STEPS if states.get(s, "pending") == "pending"), STEPS[-1])


def _allowed(v: CaseView, step: str, action: str, today: dt.date) -> str | None:
    """None when ``action`` is allowed on ``step`` today; else why not."""
    if step == "closed" and action == "done" and today < v.case.end_on:
        return _("The relationship runs until %(end)s: close the case on or after that day.") % {
            "end": format_day(v.case.end_on, get_language() or "en")
        }
    try:
        procedure.apply(
            v.steps,
            step,
            action,
            on=today,
            by="",
            note="-",  # a waiver needs a reason; the form asks for the real one
            outstanding=len(v.plan.blocking),
        )
    except StepRefused as exc:
        return worded(exc)
    return None


def rows(v: CaseView, today: dt.date) -> list[Row]:
    """Every step in order, with the buttons to show for it."""
    closed = v.case.status == OffboardingCase.Status.CLOSED
    out = []
    for i, step in enumerate(STEPS, 1):
        status = v.steps[step]
        wanted = ("reopen",) if status.settled else ("done", "waive")
        actions, blocked = [], ""
        for action in wanted:
            if closed and step != "closed":
                continue
            why = _allowed(v, step, action, today)
            if why is None:
                actions.append((action, cases_labels.label(cases_labels.STEP_ACTIONS, action)))
            elif action == "done":
                blocked = why
        out.append(
            Row(
                number=i,
                step=step,
                title=cases_labels.label(cases_labels.STEPS, step),
                status=status,
                state=cases_labels.label(cases_labels.STEP_STATES, status.state),
                actions=actions,
                blocked=blocked,
            )
        )
    return out
