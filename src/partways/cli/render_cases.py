"""Rich renderings of repair plans and offboarding cases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from partways.core.offboarding.contract import BASIS_NAMES, ENDING_NAMES
from partways.core.offboarding.reasons import REASONS
from partways.core.offboarding.steps import STEPS, TAGS, TITLES
from partways.core.phrase import Num, Phrase, say, stored
from partways.core.repair import APOLOGY, EXPECTATIONS, REVIEW, SELF_REVIEW
from partways.i18n import format_money
from partways.letters import LANGUAGES
from partways.store.cases.offboarding import CaseView
from partways.store.cases.repair import RepairOutcome, action_phrase
from partways.store.models import OffboardingCase
from partways.web import cases_labels, labels

from . import render
from .lang import current, day, words
from .lang import gettext as _

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
        % {"notice": day(case.notice_on), "end": day(case.end_on), "why": words(plan.end_why)}
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
                        "notice": day(case.notice_on),
                        "days": plan.notice_days,
                        "end": day(case.end_on),
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


def _reason(key: str) -> str:
    return REASONS[key] if current() == "en" else cases_labels.label(cases_labels.REASONS, key)


def _status(key: str) -> str:
    """A case is open or closed."""
    if current() == "en":
        return key
    return _("open") if key == "open" else _("closed")


def step_name(step: str) -> str:
    return TITLES[step] if current() == "en" else cases_labels.label(cases_labels.STEPS, step)


def state_name(state: str) -> str:
    """A step's state (pending, done, waived) in the command line's language."""
    return state if current() == "en" else cases_labels.label(cases_labels.STEP_STATES, state)


def _step_title(n: int, step: str) -> str:
    return f"{n}. {step_name(step)} {TAGS[step]}"


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
                % {"end": day(c.term_end), "by": day(c.notice_deadline)}
                + "\n"
            )
        t.append(
            _("How it may be ended: %(ending)s%(unrecorded)s.")
            % {
                "ending": words(ENDING_NAMES[c.reading]),
                "unrecorded": "" if c.ending else _(" (not recorded: the strict reading)"),
            }
            + "\n"
        )
        if c.earliest_end is not None:
            t.append(
                _("Earliest lawful end with notice on %(notice)s: %(end)s.")
                % {"notice": day(c.notice_on), "end": day(c.earliest_end)}
                + "\n"
            )
        else:
            t.append(_("It can't be ended on notice alone: only for cause or by agreement.") + "\n")
        t.append(_("Recommended end: %(end)s.") % {"end": day(c.recommended_end)} + "\n")
        t.append(
            _("The chosen end, %(end)s, rests on: %(basis)s.")
            % {"end": day(v.plan.end_on), "basis": words(BASIS_NAMES[v.plan.basis])}
            + "\n"
        )
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
            day(d.due),
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
            day(r.due_on),
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
            f"{step_name(step)} ({step})",
            Text(state_name(s.state), style=STATE_STYLES[s.state]),
            day(s.on),
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
    table = Table(title=_("Open offboarding cases"), title_justify="left", expand=True)
    for col in (_("Client"), _("Reason"), _("Notice"), _("End"), _("Done"), _("Next step")):
        table.add_column(col)
    for c in cases:
        states = {s.step: s.state for s in c.steps.all()}
        settled = sum(1 for s in STEPS if states.get(s) != "pending")
        nxt = next((s for s in STEPS if states.get(s) == "pending"), "")
        table.add_row(
            Text(c.client.name),
            c.reason if current() == "en" else _reason(c.reason),
            day(c.notice_on),
            day(c.end_on),
            f"{settled}/{len(STEPS)}",
            nxt if current() == "en" or not nxt else step_name(nxt),
        )
    return table


def repair_panels(outcome: RepairOutcome) -> list[RenderableType]:
    plan = outcome.plan
    name = plan.client.name
    quoted = name.replace('"', '\\"')
    out: list[RenderableType] = []
    if outcome.event == "reviewed" and outcome.review is not None:
        r = outcome.review
        verdict = (
            Text(_("Improved: keep the client, and keep what worked."), style="green")
            if r.outcome == "improved"
            else Text(
                _(
                    "Not improved: the repair failed, and the case moves toward ending "
                    "[000 #4] [000 #7]. Next: %(command)s"
                )
                % {"command": f'partways offboard "{quoted}"'},
                style="bold red",
            )
        )
        out.append(
            Panel(
                Group(verdict, _bullets(r.findings)),
                title=_("Review of the repair plan for %(client)s (%(review_on)s)")
                % {"client": escape(name), "review_on": day(plan.review_on)},
            )
        )
        return out
    head = Text(
        words(
            say(
                "repair.opened",
                "Opened {opened} with a score of {score}; review on {review}.",
                opened=plan.opened_on,
                score=Num(plan.baseline_score, 1),
                review=plan.review_on,
            )
        )
    )
    if plan.acute:
        head.append(
            "\n"
            + _(
                "A client who has a problem right now: the plan leads with an apology, an "
                "offer to fix it, and help [003 #3]."
            )
        )
    title = (
        _("Opened repair plan for %(client)s")
        if outcome.event == "opened"
        else _("Open repair plan for %(client)s")
    )
    out.append(Panel(head, title=title % {"client": escape(name)}))
    table = Table(title=_("Actions"), title_justify="left", expand=True)
    for col in ("#", _("Action"), _("Owner"), _("Due"), _("Strategy")):
        table.add_column(col)
    for i, a in enumerate(plan.actions, 1):
        phrase = action_phrase(a)
        cell = Text(words(phrase))
        hint = REPAIR_HINTS.get(phrase.code)
        if hint is not None:
            # The interface's own pointer, on its own line: the core states the action.
            cell.append("\n→ " + hint.format(client=quoted), style="cyan")
        owner = a["owner"]
        table.add_row(
            str(i),
            cell,
            Text(_("you") if owner == "you" else owner),
            day(dt.date.fromisoformat(a["due"])),
            # In English the strategy's id, as the JSON has it; its name otherwise.
            a["strategy"] if current() == "en" else _strategy_name(a["strategy"]),
        )
    out.append(table)
    if "self_reflection" in plan.strategies:
        out.append(Panel(_bullets(SELF_REVIEW), title=_("Self-review questions [000]")))
    return out


def _strategy_name(key: str) -> str:
    """A plan's strategy in the command line's language (the review is the plan's own
    step, not one of PLAYBOOK's strategies)."""
    return _("Review of the plan") if key == "review" else labels.label(labels.STRATEGIES, key)


# The command that does an action, by the action's code.
REPAIR_HINTS = {
    APOLOGY: 'partways letter "{client}" --kind apology --about "…"',
    EXPECTATIONS: 'partways letter "{client}" --kind expectations',
    REVIEW: 'partways repair "{client}"',
}
