"""Rich renderings of repair plans and offboarding cases."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from partways.core.offboarding.reasons import REASONS
from partways.core.offboarding.steps import STEPS, TAGS, TITLES
from partways.core.phrase import Phrase, stored
from partways.core.repair import SELF_REVIEW
from partways.letters import LANGUAGES
from partways.store.cases.offboarding import CaseView
from partways.store.cases.repair import RepairOutcome
from partways.store.models import OffboardingCase

from .lang import words

STATE_STYLES = {"pending": "yellow", "done": "green", "waived": "cyan"}


def _bullets(items: Iterable[Phrase | str]) -> Text:
    return Text("\n".join(f"• {words(i) if isinstance(i, Phrase) else i}" for i in items))


def _amount(minor: int, currency: str) -> str:
    return f"{Decimal(minor) / 100:,.2f} {currency}"


def case_panels(v: CaseView, *, trail: bool = False) -> list[RenderableType]:
    """The whole case: header, the six steps worked out, the checklist, the audit trail."""
    case, plan = v.case, v.plan
    name = case.client.name
    head = Text()
    head.append(f"Reason: {REASONS[case.reason]} ({case.reason})\n")
    head.append(
        f"Tell the client on {case.notice_on}; last day {case.end_on} ({words(plan.end_why)}).\n"
    )
    head.append(f"Letter language: {LANGUAGES[case.language]} ({case.language}). ")
    head.append(f"Case run by {case.owner or 'you'}; triage said {case.recommendation}.")
    out: list[RenderableType] = [
        Panel(
            head, title=f"Ending the relationship with {escape(name)} — {case.status}", expand=True
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
                Text("Talking points — one reason only:", style="bold"),
                _bullets(conv.talking_points),
                Text("Rehearse:", style="bold"),
                _bullets(conv.rehearsal),
                Text("Don't:", style="bold"),
                _bullets(conv.avoid),
            ),
            title=f"4. {TITLES['conversation']} {TAGS['conversation']}",
        )
    )
    quoted = name.replace('"', '\\"')
    out.append(
        Panel(
            Text(
                "By e-mail, or in a meeting with the letter as its agenda; never by going silent.\n"
                f'  partways letter "{quoted}" --format eml -o letter.eml\n'
                f'  partways letter "{quoted}" --format pdf -o letter.pdf\n'
                f'  partways letter "{quoted}" --format ics -o dates.ics   (the key dates)'
            ),
            title=f"5. {TITLES['notification']} {TAGS['notification']}",
        )
    )
    referral = plan.referral or (
        "none: no referral for a client who mistreated you or your staff [001]"
        if case.reason == "mistreats_staff" or case.abusive
        else "the kind of provider that fits (named in the letter); "
        "give a colleague with --referral when opening the case"
    )
    out.append(
        Panel(
            Group(
                Text(
                    f"Notice on {case.notice_on}, {plan.notice_days} days to the end on "
                    f"{case.end_on}."
                ),
                Text("Handover checklist:", style="bold"),
                _bullets(plan.handover),
                Text(f"Referral: {referral}"),
            ),
            title=f"6. {TITLES['transition']} {TAGS['transition']}",
        )
    )
    out.append(checklist(v))
    if trail:
        out.append(audit_trail(v))
    return out


def _contract(v: CaseView) -> Panel:
    c = v.plan.contract
    t = Text()
    if c.has_contract:
        t.append(f"{c.title or 'Contract'}: notice period {c.notice_days} days.\n")
        if c.term_end:
            t.append(
                f"The current term ends on {c.term_end}; notice for it by {c.notice_deadline}.\n"
            )
        t.append(f"Earliest lawful end with notice on {c.notice_on}: {c.earliest_end}.\n")
        t.append(f"Recommended end: {c.recommended_end}.\n")
        if c.clause:
            t.append(f'Termination clause: "{c.clause}"\n', style="italic")
        if c.scope:
            t.append(f"Scope: {c.scope}\n")
    for note in c.notes:
        t.append(f"{words(note)}\n")
    return Panel(t, title=f"1. {TITLES['contract_review']} {TAGS['contract_review']}")


def _owed(v: CaseView) -> RenderableType:
    owed = v.plan.owed
    title = f"2. {TITLES['owed_work']} {TAGS['owed_work']}"
    if not owed:
        return Panel(Text("No open deliverables."), title=title)
    table = Table(title=title, title_justify="left", expand=True)
    for col in ("Deliverable", "Status", "Due", "Paid for", "To do"):
        table.add_column(col)
    for d in owed:
        table.add_row(
            Text(d.title),
            d.status.replace("_", " "),
            str(d.due or ""),
            "yes" if d.paid_for else "no",
            "delivered: get it accepted"
            if d.status == "delivered"
            else "paid for: must be delivered"
            if d.paid_for
            else "confirm the client still needs it",
        )
    return table


def _receivables(v: CaseView) -> RenderableType:
    plan = v.plan
    title = f"3. {TITLES['receivables']} {TAGS['receivables']}"
    if not plan.receivables:
        return Panel(Text("Nothing outstanding: the gate is open."), title=title)
    table = Table(title=title, title_justify="left", expand=True)
    for col in ("Invoice", "Due", "Outstanding", "Note"):
        table.add_column(col)
    for r in plan.receivables:
        notes = ["disputed"] if r.disputed else []
        if r.due_on > v.case.notice_on:
            notes.append("due after the notice date: collect with the final invoice")
        table.add_row(
            Text(r.number),
            str(r.due_on),
            _amount(r.outstanding_minor, r.currency),
            "; ".join(notes),
        )
    totals = ", ".join(_amount(v_, c) for c, v_ in plan.totals.items())
    if v.steps["receivables"].state == "waived":
        gate = "waived"
    elif plan.blocking:
        gate = "closed: don't tell the client before they have paid what is due [001]"
    else:
        gate = "open: nothing is due before the notice date"
    table.caption = Text(f"Outstanding: {totals}. Gate {gate}.")
    return table


def checklist(v: CaseView) -> Table:
    table = Table(title="Checklist", title_justify="left", expand=True)
    for col in ("#", "Step", "State", "On", "By", "Note"):
        table.add_column(col)
    for i, step in enumerate(STEPS, 1):
        s = v.steps[step]
        table.add_row(
            str(i),
            f"{TITLES[step]} ({step})",
            Text(s.state, style=STATE_STYLES[s.state]),
            str(s.on or ""),
            Text(s.by),
            Text(words(stored(s.note))),
        )
    nxt = v.next_step
    table.caption = Text(
        f'Next: partways offboard step "{v.case.client.name}" {nxt} done'
        if nxt
        else "Every step is settled."
    )
    return table


def audit_trail(v: CaseView) -> Table:
    table = Table(title="Audit trail", title_justify="left", expand=True)
    for col in ("When (UTC)", "Who", "What", "Step", "Detail"):
        table.add_column(col)
    for e in v.events:
        table.add_row(
            f"{e.at:%Y-%m-%d %H:%M:%S}", Text(e.by), e.action, e.step, Text(words(stored(e.detail)))
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
