"""The offboarding checklist as a state machine `[000 step 1-5] [001]`.

Six steps of PLAYBOOK §4 plus *closed*. Each step is pending, done or waived (skipped
on purpose, with a reason). The order that matters is enforced; the rest is free:

- **notification** needs the contract reviewed, the conversation planned and the
  receivables settled or waived: don't announce before they have paid `[001]`. It can't
  be waived: a client is told, never left to find out `[000 step 4]`.
- **receivables** is done only when nothing is outstanding; an end-now case starts
  with it waived, since conduct or ethics won't wait for a payment `[000 #8] [002 #3]`.
- **transition** follows the notification; **closed** needs every other step done or
  waived, and archives the client (its records are kept).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

STEPS: tuple[str, ...] = (
    "contract_review",
    "owed_work",
    "receivables",
    "conversation",
    "notification",
    "transition",
    "closed",
)
TITLES = {
    "contract_review": "Review the contract",
    "owed_work": "Finish the work you owe",
    "receivables": "Collect what is owed",
    "conversation": "Plan the conversation",
    "notification": "Tell the client",
    "transition": "Hand over and refer",
    "closed": "Close the case",
}
TAGS = {
    "contract_review": "[000 step 1] [001]",
    "owed_work": "[000 step 2] [001] [003 #4]",
    "receivables": "[001]",
    "conversation": "[000 step 3] [001]",
    "notification": "[000 step 4] [001]",
    "transition": "[000 step 5] [001]",
    "closed": "",
}
_NEEDS: dict[str, tuple[str, ...]] = {
    "notification": ("contract_review", "receivables", "conversation"),
    "transition": ("notification",),
    "closed": STEPS[:-1],
}
_NEVER_WAIVED = frozenset({"notification", "closed"})

State = Literal["pending", "done", "waived"]
Action = Literal["done", "waive", "reopen"]
ACTIONS: tuple[Action, ...] = ("done", "waive", "reopen")


@dataclass(frozen=True)
class StepStatus:
    step: str
    state: State = "pending"
    on: dt.date | None = None
    by: str = ""
    note: str = ""

    @property
    def settled(self) -> bool:
        return self.state != "pending"


class StepRefused(ValueError):
    """A step change the procedure does not allow.

    The message says why and what to do in English, in the command line's terms;
    ``code`` and ``params`` say it as facts, for an interface that words it itself.
    """

    def __init__(self, message: str, code: str = "", **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def check_step(step: str) -> str:
    if step not in STEPS:
        raise StepRefused(
            f"no step {step!r}; the steps are: {', '.join(STEPS)}.", "unknown_step", step=step
        )
    return step


def apply(
    steps: Mapping[str, StepStatus],
    step: str,
    action: str,
    *,
    on: dt.date,
    by: str,
    note: str = "",
    outstanding: int = 0,
) -> StepStatus:
    """The new status of ``step`` after ``action``; ``steps`` holds every step's status.

    ``outstanding`` is how many invoices are still unpaid. Raises :class:`StepRefused`
    when the procedure does not allow the change (the message says what to do first).
    """
    check_step(step)
    if action not in ACTIONS:
        raise StepRefused(
            f"no action {action!r}; expected one of: {', '.join(ACTIONS)}.",
            "unknown_action",
            action=action,
        )
    if steps["closed"].settled and step != "closed":
        raise StepRefused("the case is closed; reopen its 'closed' step first.", "case_closed")
    if action == "reopen":
        later = [s for s, needs in _NEEDS.items() if step in needs and steps[s].settled]
        if later:
            raise StepRefused(
                f"{step} can't be reopened while {', '.join(later)} is settled: reopen that first.",
                "later_settled",
                step=step,
                later=later,
            )
        return StepStatus(step, "pending", on, by, note)
    if action == "waive":
        if step in _NEVER_WAIVED:
            why = (
                "a client is always told, never left to find out [000 step 4]"
                if step == "notification"
                else "mark it done instead"
            )
            raise StepRefused(f"{step} can't be waived: {why}.", "never_waived", step=step)
        if not note.strip():
            raise StepRefused(
                f"waiving {step} needs a reason: give it with --note.", "waiver_reason", step=step
            )
        return StepStatus(step, "waived", on, by, note.strip())
    missing = [s for s in _NEEDS.get(step, ()) if not steps[s].settled]
    if missing:
        extra = ""
        if "receivables" in missing:
            extra = (
                " Don't announce before they have paid [001]; if you must, waive "
                "receivables with a reason."
            )
        raise StepRefused(
            f"{step} needs {', '.join(missing)} done (or waived) first.{extra}",
            "needs_first",
            step=step,
            missing=missing,
        )
    if step == "receivables" and outstanding > 0:
        raise StepRefused(
            f"{outstanding} invoice{'s are' if outstanding != 1 else ' is'} still unpaid: "
            "record the payments, or waive this step with a reason (--note).",
            "unpaid",
            n=outstanding,
        )
    return StepStatus(step, "done", on, by, note.strip())
