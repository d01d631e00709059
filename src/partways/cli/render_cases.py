"""Rich renderings of repair plans and offboarding cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from partways.core.offboarding.reasons import REASONS
from partways.core.offboarding.steps import STEPS, TAGS, TITLES
from partways.core.phrase import Phrase, stored
from partways.core.repair import SELF_REVIEW
from partways.i18n import format_day, format_money
from partways.letters import LANGUAGES
from partways.store.cases.offboarding import CaseView
from partways.store.cases.repair import RepairOutcome
from partways.store.models import OffboardingCase
from partways.web import cases_labels

from . import render
from .lang import current, words

STATE_STYLES = {"pending": "yellow", "done": "green", "waived": "cyan"}


def _bullets(items: Iterable[Phrase | str]) -> Text:
    return Text("\n".join(f"• {words(i) if isinstance(i, Phrase) else i}" for i in items))


def _amount(minor: int, currency: str) -> str:
    if current() == "en":
        return f"{Decimal(minor) / 100:,.2f} {currency}"
    return format_money(minor, currency, current())


def case_panels(v: CaseView, *, trail: bool = False) -> list[RenderableType]:
    """The whole case: header, the six steps worked out, the checklist, the audit trail."""
    case, plan = v.case, v.plan
    name = case.client.name
    head = Text()
    head.append(
        _("Reason: %(reason)s (%(key)s)") % {"reason": _reason(case.reason), "key": case.reason}
        + "\n"
    )
    head.append(
        _("Tell the client on %(notice)s; last day %(end)s (%(why)s).")
        % {"notice": _day(case.notice_on), "end": _day(case.end_on), "why": words(plan.end_why)}
        + "\n"
    )
    head.append(
        _("Letter language: %(language)s (%(code)s).")
        % {"language": LANGUAGES[case.language], "code": case.language}
        + " "
    )
    head.append(
        _("Case run by %(owner)s; triage said %(recommendation)s.")
        % {
            "owner": case.owner or _("you"),
            "recommendation": render.LABELS.get(case.recommendation, case.recommendation),
        }
    )
    out: list[RenderableType] = [
        Panel(
            head,
            title=_("Ending the relationship with %(client)s — %(status)s")
            % {"client": escape(name), "status": _status(case.status)},
            expand=True,
        )
    ]
    for w in plan.warnings:
        out.append(Text(f"⚠ {words(w)}", style="yellow"))
    out.append(_contract(v))
    out.append(_owed(v))
    out.append(_receivables(v))
    conv = plan.conversation
    out.append(
        Panel(
            Group(
                Text(_("Talking points — one reason only:"), style="bold"),
                _bullets(conv.talking_points),
                Text(_("Rehearse:"), style="bold"),
                _bullets(conv.rehearsal),
                Text(_("Don't:"), style="bold"),
                _bullets(conv.avoid),
            ),
            title=_step_title(4, "conversation"),
        )
    )
    quoted = name.replace('"', '\\"')
    out.append(
        Panel(
            Text(
                _(
                    "By e-mail, or in a meeting with the letter as its agenda; never by going "
                    "silent."
                )
                + "\n"
                f'  partways letter "{quoted}" --format eml -o letter.eml\n'
                f'  partways letter "{quoted}" --format pdf -o letter.pdf\n'
                f'  partways letter "{quoted}" --format ics -o dates.ics   ' + _("(the key dates)")
            ),
            title=_step_title(5, "notification"),
        )
    )
    referral = plan.referral or (
        _("none: no referral for a client who mistreated you or your staff [001]")
        if case.reason == "mistreats_staff" or case.abusive
        else _(
            "the kind of provider that fits (named in the letter); give a colleague with "
            "--referral when opening the case"
        )
    )
    out.append(
        Panel(
            Group(
                Text(
                    _("Notice on %(notice)s, %(days)s days to the end on %(end)s.")
                    % {
                        "notice": _day(case.notice_on),
                        "days": plan.notice_days,
                        "end": _day(case.end_on),
                    }
                ),
                Text(_("Handover checklist:"), style="bold"),
                _bullets(plan.handover),
                Text(_("Referral: %(referral)s") % {"referral": referral}),
            ),
            title=_step_title(6, "transition"),
        )
    )
    out.append(checklist(v))
    if trail:
        out.append(audit_trail(v))
    return out


def _day(day: dt.date | None) -> str:
    if day is None:
        return ""
    return day.isoformat() if current() == "en" else format_day(day, current())


def _reason(key: str) -> str:
    return REASONS[key] if current() == "en" else cases_labels.label(cases_labels.REASONS, key)


def _status(key: str) -> str:
    """A case is open or closed."""
    if current() == "en":
        return key
    return _("open") if key == "open" else _("closed")


def _step_name(step: str) -> str:
    return TITLES[step] if current() == "en" else cases_labels.label(cases_labels.STEPS, step)


def _step_title(n: int, step: str) -> str:
    return f"{n}. {_step_name(step)} {TAGS[step]}"


def _contract(v: CaseView) -> Panel:
    c = v.plan.contract
    t = Text()
    if c.has_contract:
        t.append(
            _("%(title)s: notice period %(days)s days.")
            % {"title": c.title or _("Contract"), "days": c.notice_days}
            + "\n"
        )
        if c.term_end:
            t.append(
                _("The current term ends on %(end)s; notice for it by %(by)s.")
                % {"end": _day(c.term_end), "by": _day(c.notice_deadline)}
                + "\n"
            )
        t.append(
            _("Earliest lawful end with notice on %(notice)s: %(end)s.")
            % {"notice": _day(c.notice_on), "end": _day(c.earliest_end)}
            + "\n"
        )
        t.append(_("Recommended end: %(end)s.") % {"end": _day(c.recommended_end)} + "\n")
        if c.clause:
            t.append(
                _("Termination clause: “%(clause)s”") % {"clause": c.clause} + "\n", style="italic"
            )
        if c.scope:
            t.append(_("Scope: %(scope)s") % {"scope": c.scope} + "\n")
    for note in c.notes:
        t.append(f"{words(note)}\n")
    return Panel(t, title=_step_title(1, "contract_review"))


def _owed(v: CaseView) -> RenderableType:
    owed = v.plan.owed
    title = _step_title(2, "owed_work")
    if not owed:
        return Panel(Text(_("No open deliverables.")), title=title)
    table = Table(title=title, title_justify="left", expand=True)
    for col in (_("Deliverable"), _("Status"), _("Due"), _("Paid for"), _("To do")):
        table.add_column(col)
    for d in owed:
        table.add_row(
            Text(d.title),
            d.status.replace("_", " ")
            if current() == "en"
            else cases_labels.label(cases_labels.DELIVERABLE_STATUSES, d.status),
            _day(d.due),
            _("yes") if d.paid_for else _("no"),
            _("delivered: get it accepted")
            if d.status == "delivered"
            else _("paid for: must be delivered")
            if d.paid_for
            else _("confirm the client still needs it"),
        )
    return table


def _receivables(v: CaseView) -> RenderableType:
    plan = v.plan
    title = _step_title(3, "receivables")
    if not plan.receivables:
        return Panel(Text(_("Nothing outstanding: the gate is open.")), title=title)
    table = Table(title=title, title_justify="left", expand=True)
    for col in (_("Invoice"), _("Due"), _("Outstanding"), _("Note")):
        table.add_column(col)
    for r in plan.receivables:
        notes = [_("disputed")] if r.disputed else []
        if r.due_on > v.case.notice_on:
            notes.append(_("due after the notice date: collect with the final invoice"))
        table.add_row(
            Text(r.number),
            _day(r.due_on),
            _amount(r.outstanding_minor, r.currency),
            "; ".join(notes),
        )
    totals = ", ".join(_amount(v_, c) for c, v_ in plan.totals.items())
    if v.steps["receivables"].state == "waived":
        gate = _("waived")
    elif plan.blocking:
        gate = _("closed: don't tell the client before they have paid what is due [001]")
    else:
        gate = _("open: nothing is due before the notice date")
    table.caption = Text(
        _("Outstanding: %(totals)s. Gate %(gate)s.") % {"totals": totals, "gate": gate}
    )
    return table


def checklist(v: CaseView) -> Table:
    table = Table(title=_("Checklist"), title_justify="left", expand=True)
    for col in ("#", _("Step"), _("State"), _("On"), _("By"), _("Note")):
        table.add_column(col)
    for i, step in enumerate(STEPS, 1):
        s = v.steps[step]
        table.add_row(
            str(i),
            f"{_step_name(step)} ({step})",
            Text(
                s.state
                if current() == "en"
                else cases_labels.label(cases_labels.STEP_STATES, s.state),
                style=STATE_STYLES[s.state],
            ),
            _day(s.on),
            Text(s.by),
            Text(words(stored(s.note))),
        )
    nxt = v.next_step
    table.caption = Text(
        _("Next: %(command)s")
        % {"command": f'partways offboard step "{v.case.client.name}" {nxt} done'}
        if nxt
        else _("Every step is settled.")
    )
    return table


def audit_trail(v: CaseView) -> Table:
    table = Table(title=_("Audit trail"), title_justify="left", expand=True)
    for col in (_("When (UTC)"), _("Who"), _("What"), _("Step"), _("Detail")):
        table.add_column(col)
    for e in v.events:
        table.add_row(
            f"{e.at:%Y-%m-%d %H:%M:%S}",
            Text(e.by),
            e.action
            if current() == "en"
            else cases_labels.label(cases_labels.EVENT_ACTIONS, e.action),
            e.step,
            Text(words(stored(e.detail))),
        )
    return table


def cases_table(cases: list[OffboardingCase]) -> Table:
    table = Table(title="Open offboarding cases", title_justify="left", expand=True)
    for col in ("Client", "Reason", "Notice", "End", "Done", "Next step"):
        table.add_column(col)
    for c in cases:
        states = {s.step: s.state for s in c.steps.all()}
        settled = sum(1 for s in STEPS if states.get(s) != "pending")
        nxt = next((s for s in STEPS if states.get(s) == "pending"), "")
        table.add_row(
            Text(c.client.name),
            c.reason,
            str(c.notice_on),
            str(c.end_on),
            f"{settled}/{len(STEPS)}",
            nxt,
        )
    return table


def repair_panels(outcome: RepairOutcome) -> list[RenderableType]:
    plan = outcome.plan
    name = plan.client.name
    out: list[RenderableType] = []
    if outcome.event == "reviewed" and outcome.review is not None:
        r = outcome.review
        verdict = (
            Text("Improved: keep the client, and keep what worked.", style="green")
            if r.outcome == "improved"
            else Text(
                "Not improved: the repair failed, and the case moves toward ending "
                f'[000 #4] [000 #7]. Next: partways offboard "{name}"',
                style="bold red",
            )
        )
        out.append(
            Panel(
                Group(verdict, _bullets(r.evidence)),
                title=f"Review of the repair plan for {escape(name)} ({plan.review_on})",
            )
        )
        return out
    head = Text()
    head.append(f"Opened {plan.opened_on} with a score of {plan.baseline_score:.1f}; ")
    head.append(f"review on {plan.review_on}.")
    if plan.acute:
        head.append(
            "\nA client who has a problem right now: the plan leads with an apology, an offer "
            "to fix it, and help [003 #3]."
        )
    verb = "Opened" if outcome.event == "opened" else "Open"
    out.append(Panel(head, title=f"{verb} repair plan for {escape(name)}"))
    table = Table(title="Actions", title_justify="left", expand=True)
    for col in ("#", "Action", "Owner", "Due", "Strategy"):
        table.add_column(col)
    for i, a in enumerate(plan.actions, 1):
        table.add_row(str(i), Text(a["text"]), Text(a["owner"]), a["due"], a["strategy"])
    out.append(table)
    if "self_reflection" in plan.strategies:
        out.append(Panel(_bullets(SELF_REVIEW), title="Self-review questions [000]"))
    return out
