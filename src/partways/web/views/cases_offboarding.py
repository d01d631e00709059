"""Offboarding: the board of open cases, one client's case with its checklist, and the
form that opens a case (PLAYBOOK §4). Every change goes through
:mod:`partways.store.cases.offboarding`, as ``partways offboard`` does."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from partways.core.offboarding.contract import EndDateError
from partways.core.offboarding.reasons import UnknownReason
from partways.core.offboarding.steps import ACTIONS, STEPS, StepRefused
from partways.letters import LANGUAGES, UnknownLanguage
from partways.store.cases.offboarding import change_step, open_case, open_cases, view
from partways.store.cases.records import CaseError
from partways.store.models import Client, OffboardingCase

from .. import cases_checklist, cases_labels
from ..access import MANAGERS, client_for, role_required, sees_money, visible_clients
from ..cases_letters import kinds_for, letter_case
from ..refusals import worded

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


@role_required(*MANAGERS)
def offboarding_board(request: HttpRequest) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    mine = set(visible_clients(member).values_list("pk", flat=True))
    columns: dict[str, dict[str, Any]] = {
        s: {"title": cases_labels.label(cases_labels.STEPS, s), "cards": []} for s in STEPS
    }
    for case in open_cases():
        if case.client_id not in mine:
            continue
        states = {s.step: s.state for s in case.steps.all()}
        at = cases_checklist.current_step(states)
        columns[at]["cards"].append(
            {
                "case": case,
                "reason": cases_labels.label(cases_labels.REASONS, case.reason),
                "next": cases_labels.label(cases_labels.STEPS, at),
                "settled": sum(1 for s in STEPS if states.get(s, "pending") != "pending"),
            }
        )
    return render(
        request,
        "partways/cases/offboarding_board.html",
        {"columns": columns, "total": len(STEPS)},
    )


class OpenCaseForm(forms.Form):
    reason = forms.ChoiceField(required=False, label=gettext_lazy("The one reason given"))
    language = forms.ChoiceField(required=False, label=gettext_lazy("Language of the letters"))
    notice_on = forms.DateField(
        required=False,
        label=gettext_lazy("Tell the client on"),
        help_text=gettext_lazy("Leave it empty to sleep on it first, as the triage advises."),
        widget=DATE,
    )
    end_on = forms.DateField(
        required=False,
        label=gettext_lazy("Last day of work"),
        help_text=gettext_lazy("Leave it empty for the recommended date."),
        widget=DATE,
    )
    referral = forms.CharField(
        required=False,
        max_length=300,
        label=gettext_lazy("Refer the client to"),
        help_text=gettext_lazy("A colleague, as the letter should name them (optional)."),
    )

    def __init__(self, *args: Any, client: Client, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        # Choices are built per form so they follow the reader's language.
        self.fields["reason"].choices = [("", _("The one the triage points to"))] + [  # type: ignore[attr-defined]
            (k, str(v)) for k, v in cases_labels.REASONS.items()
        ]
        own = LANGUAGES.get(client.language or "en", client.language)
        self.fields["language"].choices = [  # type: ignore[attr-defined]
            ("", _("The client's language (%(name)s)") % {"name": own})
        ] + list(LANGUAGES.items())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        notice, end = data.get("notice_on"), data.get("end_on")
        if notice is not None and notice < self.today:
            self.add_error("notice_on", _("This date is in the past; give a date from today on."))
        if end is not None and end < self.today:
            self.add_error("end_on", _("This date is in the past; give a date from today on."))
        elif end is not None and notice is not None and end < notice:
            self.add_error("end_on", _("The last day is before the day the client is told."))
        return data


@role_required(*MANAGERS)
def client_offboard(request: HttpRequest, client_id: int) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    client = client_for(member, client_id)
    today = timezone.localdate()
    case = _case(client)
    if case is not None:
        if request.method == "POST":
            messages.info(request, _("This client already has an offboarding case."))
            return redirect("client_offboard", client.pk)
        return render(request, "partways/cases/case.html", case_context(request, case, today))
    form = OpenCaseForm(client=client, today=today)
    if request.method == "POST":
        form = OpenCaseForm(request.POST, client=client, today=today)
        if form.is_valid() and _open(form, client, today, member.name):
            messages.success(request, _("The offboarding case is open."))
            return redirect("client_offboard", client.pk)
    return render(request, "partways/cases/open_case.html", {"client": client, "form": form})


def _case(client: Client) -> OffboardingCase | None:
    """The client's open case, else its latest closed one (kept to be read or reopened)."""
    cases = OffboardingCase.objects.select_related("client").filter(client=client)
    return cases.filter(status=OffboardingCase.Status.OPEN).first() or cases.first()


def _open(form: OpenCaseForm, client: Client, today: dt.date, by: str) -> bool:
    """Open the case; False, with the refusal on the form, when the store refuses."""
    data = form.cleaned_data
    try:
        open_case(
            client.pk,
            today=today,
            by=by,
            reason=data["reason"] or None,
            lang=data["language"] or None,
            notice_on=data["notice_on"],
            end_on=data["end_on"],
            referral=data["referral"],
        )
    except EndDateError as exc:
        form.add_error("end_on" if data["end_on"] else "notice_on", str(exc))
    except UnknownReason as exc:
        form.add_error("reason", str(exc))
    except UnknownLanguage as exc:
        form.add_error("language", str(exc))
    except (CaseError, StepRefused) as exc:
        form.add_error(None, worded(exc))
    else:
        return True
    return False


class StepForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    note = forms.CharField(required=False, max_length=2000, label=gettext_lazy("Note"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "waive" and not data.get("note", "").strip():
            self.add_error("note", _("Say why this step is waived."))
        return data


@role_required(*MANAGERS)
@require_POST
def client_offboard_step(request: HttpRequest, client_id: int, step: str) -> HttpResponse:
    member = request.member  # type: ignore[attr-defined]
    client = client_for(member, client_id)
    case = _case(client)
    if case is None or step not in STEPS:
        raise Http404("No such case or step.")
    today = timezone.localdate()
    form = StepForm(request.POST)
    saved = form.is_valid() and _change(form, client, step, today, member.name)
    htmx = bool(request.headers.get("HX-Request"))
    if saved and not htmx:
        messages.success(
            request,
            _("%(step)s: saved.") % {"step": cases_labels.label(cases_labels.STEPS, step)},
        )
        return redirect(reverse("client_offboard", args=[client.pk]) + "#checklist")
    case.refresh_from_db()
    context = case_context(request, case, today, failed=None if saved else (step, form))
    context["saved_step"] = cases_labels.label(cases_labels.STEPS, step) if saved else ""
    template = "partways/cases/checklist_swap.html" if htmx else "partways/cases/case.html"
    return render(request, template, context)


def _change(form: StepForm, client: Client, step: str, today: dt.date, by: str) -> bool:
    """Change the step; False, with the refusal on the form, when the procedure refuses."""
    try:
        change_step(
            client.pk,
            step,
            form.cleaned_data["action"],
            on=today,
            by=by,
            note=form.cleaned_data["note"],
        )
    except (StepRefused, CaseError) as exc:
        form.add_error(None, worded(exc))
        return False
    return True


def case_context(
    request: HttpRequest,
    case: OffboardingCase,
    today: dt.date,
    failed: tuple[str, StepForm] | None = None,
) -> dict[str, Any]:
    """What the case page and its checklist fragment show."""
    member = request.member  # type: ignore[attr-defined]
    v = view(case, today)
    plan = v.plan
    letter = letter_case(case.client)
    return {
        "client": case.client,
        "case": case,
        "v": v,
        "plan": plan,
        "reason": cases_labels.label(cases_labels.REASONS, case.reason),
        "language": LANGUAGES.get(case.language, case.language),
        "rows": cases_checklist.rows(v, today),
        "failed_step": failed[0] if failed else "",
        "failed_form": failed[1] if failed else None,
        "events": [
            {
                "event": e,
                "action": cases_labels.label(cases_labels.EVENT_ACTIONS, e.action),
                "step": cases_labels.label(cases_labels.STEPS, e.step) if e.step else "",
            }
            for e in v.events
        ],
        "owed": [
            {
                "d": d,
                "status": cases_labels.label(cases_labels.DELIVERABLE_STATUSES, d.status),
                "todo": _("Delivered: get it accepted")
                if d.status == "delivered"
                else _("Paid for: it must be delivered")
                if d.paid_for
                else _("Confirm the client still needs it"),
            }
            for d in plan.owed
        ],
        "show_money": sees_money(member),
        "receivables": [{"r": r, "late": r.due_on > case.notice_on} for r in plan.receivables],
        "totals": sorted(plan.totals.items()),
        "receivables_waived": v.steps["receivables"].state == "waived",
        "review_on": case.client.repair_plans.filter(status="open")
        .values_list("review_on", flat=True)
        .first(),
        "letters": [
            (k, cases_labels.label(cases_labels.LETTER_KINDS, k)) for k in kinds_for(letter)
        ],
        "languages": list(LANGUAGES.items()),
    }
