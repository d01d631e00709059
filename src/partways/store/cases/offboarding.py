"""Offboarding cases in the database: open one, show it, move its steps, close it.

Every change is one transaction and leaves an event in the case's audit trail.
Refusals (an end date that can't work, a step out of order) raise before anything
is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.db import IntegrityError, transaction

from partways.core.conduct_grounds import end_now_grounds, was_abusive
from partways.core.offboarding import steps as procedure
from partways.core.offboarding.plan import CaseInputs, CasePlan, plan_case
from partways.core.offboarding.reasons import SignFacts, check_reason, choose_reason
from partways.core.offboarding.steps import STEPS, StepStatus
from partways.core.phrase import Term, say, storable, stored
from partways.core.signals.base import SEVERITY_POINTS
from partways.core.triage import Decision, weights
from partways.letters import check_language

from ..business import load_business
from ..models import CaseEvent, Client, OffboardingCase, OffboardingStep, RepairPlan
from ..triage import run_triage
from .records import (
    CaseError,
    active_client,
    contract_terms,
    deliverables,
    receivables,
    relationship_owner,
)

END_NOW_WAIVER = storable(
    say(
        "event.end_now_waiver",
        "End now: conduct or ethics won't wait for payment [000 #8] [002 #3].",
    )
)


@dataclass(frozen=True)
class CaseView:
    case: OffboardingCase
    plan: CasePlan
    steps: dict[str, StepStatus]
    events: list[CaseEvent]

    @property
    def next_step(self) -> str | None:
        return next((s for s in STEPS if not self.steps[s].settled), None)


def decide(client_id: int, as_of: dt.date) -> Decision:
    """The triage's decision for one client as of ``as_of``."""
    outcome = run_triage(as_of, [client_id])
    if not outcome.decisions:
        raise CaseError(
            "the client is archived: its relationship has already ended.", "archived", client=""
        )
    return outcome.decisions[0]


def reason_from(decision: Decision) -> str:
    """The one reason to give, chosen from the decision's signs."""
    _, cfg = load_business()
    by_id = {s.id: s for s in decision.signals}
    w = weights(cfg)
    # Heaviest first, as the triage weighs them: weight × severity points.
    flagged = sorted(
        (s for s in decision.signals if s.severity != "none"),
        key=lambda s: (-w[s.id] * SEVERITY_POINTS[s.severity], s.id),
    )
    abuse = by_id.get("abuse_or_unreasonable")
    abusive_demands = bool(
        abuse and (abuse.facts.get("abusive_messages") or abuse.facts.get("abuse_incidents"))
    )
    facts = [
        SignFacts(s.id, abusive=s.id == "abuse_or_unreasonable" and abusive_demands)
        for s in flagged
    ]
    # Only the grounds that really make it an end-now case, in the triage's order.
    grounds = [sid for sid, _ in end_now_grounds(by_id, cfg)]
    return choose_reason(decision.recommendation, grounds, facts)


def abusive(decision: Decision) -> bool:
    return was_abusive({s.id: s for s in decision.signals})


def open_case(
    client_id: int,
    *,
    today: dt.date,
    by: str,
    reason: str | None = None,
    lang: str | None = None,
    notice_on: dt.date | None = None,
    end_on: dt.date | None = None,
    referral: str = "",
) -> CaseView:
    """Open an offboarding case for the client and return it worked out.

    Raises :class:`CaseError` when the client is archived or already has an open case,
    ``UnknownReason``, ``UnknownLanguage`` or ``EndDateError`` for bad choices; nothing
    is written then.
    """
    client = active_client(client_id)
    if _has_open_case(client):
        raise CaseError(
            f"{client.name} already has an open offboarding case: see "
            f'`partways offboard status "{client.name}"`.',
            "open_case",
            client=client.name,
        )
    _, cfg = load_business()
    decision = decide(client_id, today)
    reason = check_reason(reason) if reason else reason_from(decision)
    language = check_language(lang or client.language or "en")
    if notice_on is None:
        # Sleep on it for a few days first, unless the case can't wait [001] [000 #8].
        notice_on = decision.cooling_off_until or today
    was_abusive_ = abusive(decision)
    inputs = case_inputs(
        client, decision.recommendation, reason, today, notice_on, end_on, referral, was_abusive_
    )
    plan = plan_case(inputs, cfg)
    owner = relationship_owner(client)
    case = OffboardingCase(
        client=client,
        recommendation=decision.recommendation,
        reason=reason,
        language=language,
        opened_on=today,
        notice_on=notice_on,
        end_on=plan.end_on,
        end_why=storable(plan.end_why),
        referral=plan.referral,
        abusive=was_abusive_,
        owner=owner.name if owner else by,
    )
    try:
        with transaction.atomic():
            _save_new(case, plan, by)
    except IntegrityError:
        # Another case for the client was opened at the same moment; the database's
        # one-open-case constraint kept only the first.
        raise CaseError(
            f"{client.name} already has an open offboarding case.", "open_case", client=client.name
        ) from None
    return view(case, today)


def _has_open_case(client: Client) -> bool:
    return client.offboarding_cases.filter(status=OffboardingCase.Status.OPEN).exists()


def _save_new(case: OffboardingCase, plan: CasePlan, by: str) -> None:
    """Save a new case with its steps and its first events (inside a transaction)."""
    case.save()
    OffboardingStep.objects.bulk_create(
        OffboardingStep(case=case, step=step, position=i) for i, step in enumerate(STEPS)
    )
    _event(
        case,
        by,
        "opened",
        detail=storable(
            say(
                "event.opened",
                "Reason: {reason}. Letter in {language}. Notice on {notice_on}, last day "
                "{end_on} ({why}). The triage said: {recommendation}.",
                reason=Term(case.reason, "reason"),
                language=Term(case.language, "language"),
                notice_on=case.notice_on,
                end_on=case.end_on,
                why=plan.end_why,
                recommendation=Term(case.recommendation, "recommendation"),
            )
        ),
    )
    if plan.receivables_waived:
        _set(case, StepStatus("receivables", "waived", case.opened_on, "partways", END_NOW_WAIVER))
        _event(case, "partways", "waive", "receivables", END_NOW_WAIVER)


def case_inputs(
    client: Client,
    recommendation: str,
    reason: str,
    today: dt.date,
    notice_on: dt.date,
    end_on: dt.date | None,
    referral: str,
    abusive: bool = False,
) -> CaseInputs:
    """What :func:`plan_case` needs, read from the client's records."""
    return CaseInputs(
        client=client.name,
        recommendation=recommendation,
        reason=reason,
        today=today,
        notice_on=notice_on,
        contract=contract_terms(client),
        deliverables=deliverables(client),
        receivables=receivables(client),
        end_on=end_on,
        referral=referral,
        abusive=abusive,
    )


def find_case(client_id: int) -> OffboardingCase:
    """The client's open case, else its latest closed one."""
    cases = OffboardingCase.objects.select_related("client").filter(client_id=client_id)
    case = cases.filter(status=OffboardingCase.Status.OPEN).first() or cases.first()
    if case is None:
        name = Client.objects.get(pk=client_id).name
        raise CaseError(
            f'{name} has no offboarding case: open one with `partways offboard "{name}"`.',
            "no_case",
            client=name,
        )
    return case


def view(case: OffboardingCase, today: dt.date) -> CaseView:
    """The case with its plan worked out from the records as they are now."""
    _, cfg = load_business()
    inputs = case_inputs(
        case.client,
        case.recommendation,
        case.reason,
        min(today, case.notice_on),
        case.notice_on,
        case.end_on,
        case.referral,
        case.abusive,
    )
    why = stored(case.end_why) if case.end_why else say("end_why.chosen", "the date you chose")
    plan = replace(plan_case(inputs, cfg, strict=False), end_why=why)
    rows = {r.step: r for r in case.steps.all()}
    steps = {
        s: StepStatus(s, rows[s].state, rows[s].on, rows[s].by, rows[s].note)  # type: ignore[arg-type]
        for s in STEPS
    }
    return CaseView(case, plan, steps, list(case.events.all()))


def open_cases() -> list[OffboardingCase]:
    return list(
        OffboardingCase.objects.select_related("client")
        .prefetch_related("steps")
        .filter(status=OffboardingCase.Status.OPEN)
        .order_by("notice_on", "client__name")
    )


def change_step(
    client_id: int, step: str, action: str, *, on: dt.date, by: str, note: str = ""
) -> CaseView:
    """Mark ``step`` done, waived or pending again, and return the case.

    Closing the case archives the client (its records stay); reopening *closed* brings
    the client back. Raises ``StepRefused`` when the procedure does not allow it.
    """
    procedure.check_step(step)
    with transaction.atomic():
        # Locked, so two changes at once can't both pass the order checks.
        case = OffboardingCase.objects.select_for_update().get(pk=find_case(client_id).pk)
        if on < case.opened_on:
            raise CaseError(
                f"the case was opened on {case.opened_on}; {on} is before that.",
                "before_opened",
                opened=case.opened_on,
                on=on,
            )
        if step == "closed" and action == "done" and on < case.end_on:
            raise CaseError(
                f"the relationship runs until {case.end_on}: close the case on or after that "
                "day (the client stays in the triage until then).",
                "close_before_end",
                end=case.end_on,
            )
        if case.status == OffboardingCase.Status.CLOSED and not (
            step == "closed" and action == "reopen"
        ):
            raise CaseError(
                f"the case for {case.client.name} is closed; reopen it first with "
                f'`partways offboard step "{case.client.name}" closed reopen`.',
                "case_closed",
                client=case.client.name,
            )
        current = view(case, on)
        new = procedure.apply(
            current.steps,
            step,
            action,
            on=on,
            by=by,
            note=note,
            outstanding=len(current.plan.blocking),
        )
        before = current.steps[step].state if step in current.steps else ""
        _set(case, new)
        _event(case, by, action, step, note)
        client = case.client
        if new.state != before:
            from partways.notify.webhooks import emit

            emit(
                "case.step_changed",
                [
                    {
                        "case_id": case.pk,
                        "client_id": case.client_id,
                        "client": case.client.name,
                        "step": step,
                        "previous": before,
                        "state": new.state,
                        "on": on.isoformat(),
                        "by": by,
                    }
                ],
            )
        if step == "closed" and new.state == "done":
            case.status, case.closed_on = OffboardingCase.Status.CLOSED, on
            client.archived, client.archived_on = True, on
            # A repair plan has nothing left to repair once the relationship is over.
            client.repair_plans.filter(status=RepairPlan.Status.OPEN).update(
                status=RepairPlan.Status.CLOSED
            )
        elif step == "closed" and action == "reopen":
            case.status, case.closed_on = OffboardingCase.Status.OPEN, None
            client.archived, client.archived_on = False, None
        try:
            with transaction.atomic():
                case.save(update_fields=["status", "closed_on"])
        except IntegrityError:
            raise CaseError(
                f"{client.name} has another open offboarding case: close it before reopening "
                "this one.",
                "other_open_case",
                client=client.name,
            ) from None
        client.save(update_fields=["archived", "archived_on"])
    return view(case, on)


def _set(case: OffboardingCase, status: StepStatus) -> None:
    OffboardingStep.objects.filter(case=case, step=status.step).update(
        state=status.state, on=status.on, by=status.by, note=status.note
    )


def _event(case: OffboardingCase, by: str, action: str, step: str = "", detail: str = "") -> None:
    CaseEvent.objects.create(case=case, by=by, action=action, step=step, detail=detail)
