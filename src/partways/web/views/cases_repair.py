"""Repair plans: the board of every plan in reach, and one client's plan (PLAYBOOK §3).

A plan is opened and reviewed by :func:`partways.store.cases.repair.repair`, as
``partways repair`` does; showing a page never reviews a plan, a button does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partways.core.phrase import TEXT, Phrase
from partways.core.repair import APOLOGY, EXPECTATIONS, SELF_REVIEW
from partways.i18n import active_language
from partways.i18n import render as render_phrase
from partways.store.cases.records import CaseError
from partways.store.cases.repair import action_phrase, repair, review_findings
from partways.store.models import Client, ClientVerdict, RepairPlan
from partways.store.verdicts import latest_run

from .. import cases_labels, labels
from ..access import MANAGERS, client_for, role_required, visible_clients
from ..cases_letters import REPAIR_KINDS, default_language, letter_case
from ..refusals import worded

# How long a reviewed or closed plan stays on the board.
RECENT_DAYS = 90
Status = RepairPlan.Status


def _card(plan: RepairPlan, today: dt.date) -> dict[str, Any]:
    return {
        "plan": plan,
        "client": plan.client,
        "status": cases_labels.label(cases_labels.PLAN_STATUSES, plan.status),
        "overdue": plan.status == Status.OPEN and plan.review_on < today,
        "strategies": [labels.label(labels.STRATEGIES, s) for s in plan.strategies],
    }


@role_required(*MANAGERS)
def repair_board(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    today = timezone.localdate()
    since = today - dt.timedelta(days=RECENT_DAYS)
    plans = (
        RepairPlan.objects.select_related("client")
        .filter(client__in=visible_clients(member))
        .filter(
            Q(status=Status.OPEN)
            | Q(status__in=[Status.IMPROVED, Status.FAILED], reviewed_on__gte=since)
            | Q(status=Status.CLOSED, review_on__gte=since)
        )
        .order_by("review_on", "client__name")
    )
    columns: dict[str, dict[str, Any]] = {
        "running": {"title": _("Running"), "cards": []},
        "due": {"title": _("Review due"), "cards": []},
        "recent": {"title": _("Reviewed or closed recently"), "cards": []},
    }
    for plan in plans:
        if plan.status != Status.OPEN:
            column = "recent"
        else:
            column = "due" if plan.review_on <= today else "running"
        columns[column]["cards"].append(_card(plan, today))
    return render(
        request,
        "partways/cases/repair_board.html",
        {"columns": columns, "today": today, "recent_days": RECENT_DAYS},
    )


class RepairForm(forms.Form):
    review_on = forms.DateField(
        required=False,
        label=gettext_lazy("Review date"),
        help_text=gettext_lazy("Leave it empty for the usual review period."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    force = forms.BooleanField(
        required=False,
        label=gettext_lazy("Open a plan even though the triage does not recommend repair"),
    )

    def __init__(self, *args: Any, today: dt.date, recommendation: str | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.today = today
        self.recommendation = recommendation

    def clean_review_on(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data["review_on"]
        if day is not None and day <= self.today:
            raise forms.ValidationError(_("The review date must be after today."))
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rec = self.recommendation
        if rec not in (None, "repair") and not data.get("force"):
            self.add_error(
                "force",
                _(
                    "The latest triage recommends “%(rec)s” for this client, not repair: "
                    "tick this box to open a plan anyway."
                )
                % {"rec": labels.label(labels.RECOMMENDATIONS, rec or "")},
            )
        return data


def _recommendation(client: Client) -> str | None:
    run = latest_run()
    verdict = ClientVerdict.objects.filter(run=run, client=client).first() if run else None
    return verdict.recommendation if verdict is not None else None


@role_required(*MANAGERS)
def client_repair(request: HttpRequest, client_id: int) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    client = client_for(member, client_id)
    today = timezone.localdate()
    plan = client.repair_plans.order_by("-opened_on", "-pk").first()
    running = plan is not None and plan.status == Status.OPEN
    recommendation = _recommendation(client)
    form = RepairForm(today=today, recommendation=recommendation)
    if request.method == "POST":
        if request.POST.get("action") == "review":
            if not running:
                messages.info(request, _("This client has no repair plan running to review."))
                return redirect("client_repair", client.pk)
            return _review(request, client, today)
        if running:
            messages.info(request, _("This client already has a repair plan running."))
            return redirect("client_repair", client.pk)
        form = RepairForm(request.POST, today=today, recommendation=recommendation)
        if form.is_valid():
            try:
                repair(
                    client.pk,
                    today=today,
                    review_on=form.cleaned_data["review_on"],
                    force=form.cleaned_data["force"],
                )
            except CaseError as exc:
                form.add_error(None, worded(exc))
            else:
                messages.success(request, _("The repair plan is open."))
                return redirect("client_repair", client.pk)
    context = {
        "client": client,
        "plan": plan,
        "running": running,
        "due": running and plan is not None and plan.review_on <= today,
        "form": form,
        "today": today,
        "recommendation": recommendation,
        "letter_lang": default_language(client, letter_case(client)),
        "letter_kinds": [
            (k, cases_labels.label(cases_labels.LETTER_KINDS, k)) for k in REPAIR_KINDS
        ],
    }
    if plan is not None:
        context.update(_plan_context(plan))
    return render(request, "partways/cases/repair.html", context)


# The letter that goes with an action, by the action's code: linked beside it.
ACTION_LETTERS = {APOLOGY: "apology", EXPECTATIONS: "expectations"}


def _action(a: dict[str, Any]) -> dict[str, Any]:
    """A stored action for the page: what to do in the reader's language, and the letter
    that goes with it."""
    phrase = action_phrase(a)
    letter = ACTION_LETTERS.get(phrase.code)
    return {
        **a,
        "said": _worded(phrase),
        "due_on": _day(a.get("due")),
        "strategy_label": labels.label(labels.STRATEGIES, a.get("strategy", "")),
        "letter": letter,
        "letter_label": cases_labels.label(cases_labels.LETTER_KINDS, letter) if letter else "",
    }


def _worded(phrase: Phrase) -> str:
    # A plan stored before its sentences were kept as data has only their English.
    return phrase.english() if phrase.code == TEXT else render_phrase(phrase, active_language())


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _plan_context(plan: RepairPlan) -> dict[str, Any]:
    return {
        "status": cases_labels.label(cases_labels.PLAN_STATUSES, plan.status),
        "strategies": [labels.label(labels.STRATEGIES, s) for s in plan.strategies],
        "baseline": [
            (labels.label(labels.SIGNALS, sid), sev, labels.label(labels.SEVERITIES, sev))
            for sid, sev in sorted(plan.baseline.items())
        ],
        "actions": [_action(a) for a in plan.actions],
        "review": {
            **plan.review,
            "evidence": [_worded(p) for p in review_findings(plan.review)],
        }
        if plan.review
        else None,
        "self_review": (
            [_worded(q) for q in SELF_REVIEW] if "self_reflection" in plan.strategies else []
        ),
    }


def _review(request: HttpRequest, client: Client, today: dt.date) -> HttpResponse:
    try:
        outcome = repair(client.pk, today=today)
    except CaseError as exc:
        messages.error(request, worded(exc))
    else:
        if outcome.event != "reviewed":
            messages.info(request, _("The plan is not due for review yet."))
        elif outcome.review is not None and outcome.review.outcome == "improved":
            messages.success(request, _("Reviewed: the relationship improved. Keep what worked."))
        else:
            messages.warning(
                request,
                _("Reviewed: the repair failed. The case moves toward ending the relationship."),
            )
    return redirect("client_repair", client.pk)
