"""Every signal's window value, client by client, through the Django ORM.

This is the straightforward implementation the engine is benchmarked against, and an
independent oracle for it: no Polars, no shared code with ``partways.core.signals``
beyond the thresholds registry and the text analyzer. For each client it runs one ORM
query per kind of record (no N+1 per row: that would only measure query overhead),
walks the rows in plain Python and adds the same monthly components the engine
defines. A signal's window value sums the components over the window months, exactly
as ``partways.core.engine`` does; not_progressing counts, month by month, the signals
whose value over the few months ending with that month reached their low level.

Message text is deferred: it is large and no signal reads it (the labels carry what
the analyzer found).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from partways.core.config import Thresholds
from partways.core.signals import SIGNAL_IDS
from partways.core.signals.base import SEVERITY_POINTS
from partways.core.text import LABELS, TextAnalyzer
from partways.core.text.registry import make_analyzer

Month = dt.date
Components = dict[str, float]
Monthly = dict[Month, Components]
Values = dict[str, float | None]

# Every sign but not_progressing, which is read off the others' monthly severities.
BASE = tuple(sid for sid in SIGNAL_IDS if sid != "not_progressing")
LOWER_IS_WORSE = {"time_vs_value", "losing_money"}
# Signs whose recent months are compared with the earlier ones (Signal.spikes).
SPIKES = frozenset({"pessimism"})
# Counted whatever its age (a flag that is still active), not over the window.
NOT_WINDOWED = {"not_a_fit"}
# Signs that say nothing about month-to-month progress (as signals/progress.py).
NOT_PROGRESS = {"not_a_fit"}
FEEDBACK = ("rejected", "revision")
SERIOUS = ("medium", "high")


@dataclass(frozen=True)
class Setup:
    """What every client's computation shares: the business, the dates, the thresholds."""

    as_of: dt.date
    cfg: Thresholds
    tz: ZoneInfo
    rates: dict[str, float]
    target_rate: int
    default_cost: int
    work_start: int  # minutes after midnight
    work_end: int
    work_days: frozenset[int]
    # (lower-case address, is the owner) and (lower-case name or local part, member id,
    # is the owner) for every team member: who a message was for [002 #2].
    team_addresses: dict[str, bool]
    team_keys: tuple[tuple[str, int, bool], ...]
    # Names and addresses, trimmed and in lower case, of the team members who are not
    # the owner: an incident one of them reported is theirs [002 #2].
    staff_reporters: frozenset[str]
    end_utc: dt.datetime  # the first instant after as_of in the business's zone
    as_of_month: Month
    window_start: Month
    # The recent months a sudden rise is read in, narrowest first: the first one that
    # can be judged counts.
    recent_starts: tuple[Month, ...]
    analyzer: TextAnalyzer

    def month(self, ts: dt.datetime) -> Month:
        local = ts.astimezone(self.tz)
        return dt.date(local.year, local.month, 1)

    def rate(self, currency: str) -> float:
        if currency not in self.rates:
            raise ValueError(f"no exchange rate for {currency}")
        return self.rates[currency]


def load_setup(
    as_of: dt.date, cfg: Thresholds | None = None, analyzer: TextAnalyzer | None = None
) -> Setup:
    from partways.store.models import BusinessSettings, ExchangeRate, TeamMember

    s = BusinessSettings.load()
    cfg = cfg or Thresholds.with_overrides(s.thresholds or {})
    tz = ZoneInfo(s.time_zone)
    months = cfg.int("engine.window_months")
    as_of_month = as_of.replace(day=1)
    next_day = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    rates = {s.base_currency: 1.0}
    rates.update({r.currency: float(r.rate_to_base) for r in ExchangeRate.objects.all()})
    team = list(TeamMember.objects.values_list("id", "name", "email", "role"))
    keys = [
        (key.lower(), pk, role == "owner")
        for pk, name, email, role in team
        for key in (name.strip(), email.strip().lower().partition("@")[0])
        if key
    ]
    return Setup(
        as_of=as_of,
        cfg=cfg,
        tz=tz,
        rates=rates,
        target_rate=s.target_hourly_rate_minor,
        default_cost=s.default_cost_rate_minor,
        work_start=s.work_start.hour * 60 + s.work_start.minute,
        work_end=s.work_end.hour * 60 + s.work_end.minute,
        work_days=frozenset(int(d) for d in s.work_days.split(",") if d.strip()),
        team_addresses={email.strip().lower(): role == "owner" for _, _, email, role in team},
        team_keys=tuple(keys),
        staff_reporters=frozenset(
            key.strip().lower()
            for _, name, email, role in team
            if role != "owner"
            for key in (name, email)
            if key
        ),
        end_utc=next_day.astimezone(dt.UTC),
        as_of_month=as_of_month,
        window_start=as_of_month - relativedelta(months=months - 1),
        recent_starts=_recent_starts(as_of_month, months, cfg),
        analyzer=analyzer or make_analyzer("lexicon"),
    )


def _recent_starts(as_of_month: Month, months: int, cfg: Thresholds) -> tuple[Month, ...]:
    recent = max(min(cfg.int("engine.recent_months"), months - 1), 1)
    widest = max(min(cfg.int("engine.recent_max_months"), months - 1), recent)
    return tuple(as_of_month - relativedelta(months=n - 1) for n in range(recent, widest + 1))


def naive_values(
    as_of: dt.date, client_ids: Iterable[int] | None = None, cfg: Thresholds | None = None
) -> dict[int, Values]:
    """``{client_id: {signal_id: window value or None}}`` for every live client."""
    from partways.store.models import Client

    setup = load_setup(as_of, cfg)
    clients = Client.objects.filter(archived=False).order_by("id")
    if client_ids is not None:
        clients = clients.filter(id__in=list(client_ids))
    return {c.id: client_values(c.id, setup) for c in clients}


# --- one client ----------------------------------------------------------------------


def _table() -> Monthly:
    return defaultdict(lambda: defaultdict(float))


def client_values(client_id: int, s: Setup) -> Values:
    comps: dict[str, Monthly] = {sid: _table() for sid in BASE}
    active: list[Month] = []  # months with time, messages or invoices (for the age)
    _time_entries(client_id, s, comps, active)
    _invoices(client_id, s, comps, active)
    _expenses(client_id, s, comps)
    _messages(client_id, s, comps, active)
    _meetings(client_id, s, comps)
    _proposals(client_id, s, comps)
    _deliverables(client_id, s, comps)
    _incidents(client_id, s, comps)
    _flags(client_id, s, comps)

    values: Values = {}
    for sid in BASE:
        months = comps[sid]
        # A flag counts whatever its age; everything else over the window.
        start = dt.date.min if sid in NOT_WINDOWED else s.window_start
        values[sid] = VALUE[sid](_summed(months, lambda m: m >= start), s)  # noqa: B023
        if sid in SPIKES:
            values[sid] = _with_spike(sid, values[sid], months, s)
    values["not_progressing"] = _not_progressing(comps, active, s)
    return values


def _summed(months: Monthly, keep: Callable[[Month], bool]) -> Components:
    out: Components = defaultdict(float)
    for month, c in months.items():
        if keep(month):
            for k, v in c.items():
                out[k] += v
    return out


def _with_spike(sid: str, value: float | None, months: Monthly, s: Setup) -> float | None:
    """The recent months' value when the sign rose suddenly: at medium or more there,
    or at low and ``engine.spike_rise`` times the earlier value, after earlier window
    months that were judged and calm, and above the window's own severity. The recent
    months are the narrowest stretch that can be judged."""
    for start in s.recent_starts:
        recent = VALUE[sid](_summed(months, lambda m: m >= start), s)  # noqa: B023
        if recent is not None:
            break
    before = VALUE[sid](_summed(months, lambda m: s.window_start <= m < start), s)
    if recent is None or before is None:
        return value

    def points(v: float | None) -> int:
        return SEVERITY_POINTS[severity(sid, v, s.cfg)]

    now = points(recent)
    rose = now >= SEVERITY_POINTS["medium"] or (
        now >= SEVERITY_POINTS["low"]
        and sid not in LOWER_IS_WORSE
        and recent >= s.cfg["engine.spike_rise"] * before
    )
    if rose and points(before) == 0 and now > points(value):
        return recent
    return value


def _time_entries(cid: int, s: Setup, comps: dict[str, Monthly], active: list[Month]) -> None:
    from partways.store.models import TimeEntry

    for e in TimeEntry.objects.filter(client_id=cid, started_at__lt=s.end_utc):
        month = s.month(e.started_at)
        active.append(month)
        hours = e.duration_seconds / 3600
        rate = s.rate(e.currency)
        # The business's default cost rate is in the base currency: only a rate given on
        # the entry is in the entry's currency.
        cost_rate = (
            e.cost_rate_minor * rate if e.cost_rate_minor is not None else float(s.default_cost)
        )
        tv = comps["time_vs_value"][month]
        tv["hours"] += hours
        if not e.billable:
            tv["nonbillable_hours"] += hours
        comps["losing_money"][month]["labour_cost"] += hours * cost_rate


def _settled_on(payments: list[tuple[dt.date, int]], owed: int) -> dt.date | None:
    """The day the payments made so far first cover what is owed."""
    paid = 0
    for day, amount in sorted(payments):
        paid += amount
        if paid >= owed:
            return day
    return None


def _invoices(cid: int, s: Setup, comps: dict[str, Monthly], active: list[Month]) -> None:
    from partways.store.models import Invoice, Payment

    payments: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for p in Payment.objects.filter(client_id=cid, paid_on__lte=s.as_of):
        if p.invoice_id is not None:  # money received without an invoice settles none
            payments[p.invoice_id].append((p.paid_on, p.amount_minor))
    for inv in Invoice.objects.filter(client_id=cid, issued_on__lte=s.as_of):
        month = inv.issued_on.replace(day=1)
        active.append(month)
        rate = s.rate(inv.currency)
        amount, written_off = inv.amount_minor * rate, inv.written_off_minor * rate
        comps["time_vs_value"][month]["revenue"] += amount - written_off
        lm = comps["losing_money"][month]
        lm["revenue"] += amount - written_off
        lm["written_off"] += written_off
        if inv.due_on > s.as_of:
            continue
        owed = inv.amount_minor - inv.written_off_minor
        mine = payments.get(inv.id, [])
        # A fully written-off invoice is a loss, not a late payment.
        settled = inv.issued_on if owed <= 0 else _settled_on(mine, owed)
        days_late = max(0, ((settled or s.as_of) - inv.due_on).days)
        open_minor = max(0, owed - sum(a for _, a in mine))
        pr = comps["payment_risk"][inv.due_on.replace(day=1)]
        pr["invoices_due"] += 1
        pr["days_late"] += days_late
        pr["paid_late"] += days_late > 0
        pr["overdue"] += open_minor * rate
        pr["disputed"] += inv.disputed
        pr["reminders"] += inv.reminders_sent


def _expenses(cid: int, s: Setup, comps: dict[str, Monthly]) -> None:
    from partways.store.models import Expense

    for e in Expense.objects.filter(client_id=cid, spent_on__lte=s.as_of):
        comps["losing_money"][e.spent_on.replace(day=1)]["expenses"] += e.amount_minor * s.rate(
            e.currency
        )


def _messages(cid: int, s: Setup, comps: dict[str, Monthly], active: list[Month]) -> None:
    from partways.store.models import Message, MessageLabel

    labels: dict[int, set[str]] = defaultdict(set)
    for mid, label in MessageLabel.objects.filter(
        message__client_id=cid, label__in=LABELS
    ).values_list("message_id", "label"):
        labels[mid].add(label)
    msgs = list(
        Message.objects.filter(client_id=cid, sent_at__lt=s.end_utc)
        .defer("text")
        .order_by("sent_at", "id")
    )
    # Only inbound chat text with an "@" can mention anyone.
    chat_texts = dict(
        Message.objects.filter(
            client_id=cid, direction="in", channel="chat", text__contains="@"
        ).values_list("id", "text")
    )
    for m in msgs:
        month = s.month(m.sent_at)
        active.append(month)
        if m.direction != "in":
            continue
        local = m.sent_at.astimezone(s.tz)
        minutes = local.hour * 60 + local.minute
        after_hours = (
            local.weekday() not in s.work_days or minutes < s.work_start or minutes >= s.work_end
        )
        on = labels.get(m.id, set())
        to_staff = _to_staff(m.channel, m.recipients, chat_texts.get(m.id, ""), s)
        for sid in ("low_respect", "pessimism", "after_hours"):
            comps[sid][month]["inbound"] += 1
        comps["low_respect"][month]["disrespect"] += "disrespect" in on
        comps["pessimism"][month]["negative"] += "negative" in on
        comps["indecisive"][month]["vague_messages"] += "vague" in on
        comps["after_hours"][month]["after_hours"] += after_hours
        ab = comps["abuse_or_unreasonable"][month]
        ms = comps["mistreats_staff"][month]
        if to_staff:
            ms["abusive_to_staff"] += "abuse" in on
            # An abusive message is counted as abuse, not a second time as disrespect.
            ms["disrespect_to_staff"] += "disrespect" in on and "abuse" not in on
        else:
            ab["messages_to_us"] += 1
            ab["abusive_messages"] += "abuse" in on
            ab["demand_messages"] += bool(on & {"demand", "out_of_scope"})
        comps["unethical"][month]["unethical_requests"] += "unethical_request" in on
        comps["payment_risk"][month]["excuses"] += "payment_excuse" in on
    _turns(cid, msgs, labels, s, comps["minimal_communication"])


def _mentioned(text: str, s: Setup) -> dict[int, bool]:
    """Team members @mentioned in ``text``: {id: is the owner}. At each "@" that does
    not end a word, the longest name or local part that ends a word there."""
    low = text.lower()
    found: dict[int, bool] = {}
    for at, char in enumerate(low):
        if char != "@" or (at > 0 and (low[at - 1].isalnum() or low[at - 1] == "_")):
            continue
        best = ""
        for key, _, _ in s.team_keys:
            end = at + 1 + len(key)
            after = low[end] if end < len(low) else ""
            ends_word = not (after.isalnum() or after == "_")
            if low.startswith(key, at + 1) and ends_word and len(key) > len(best):
                best = key
        for key, pk, owner in s.team_keys:
            if key == best:
                found[pk] = owner
    return found


def _to_staff(channel: str, recipients: str, chat_text: str, s: Setup) -> bool:
    """Was an inbound message for staff [002 #2]? The rule of store/addressees.py,
    written out again: mentions decide; else e-mail's first team recipient; else chat's
    team recipients, none of them the owner."""
    mentioned = _mentioned(chat_text, s) if channel == "chat" else {}
    if mentioned:
        return not all(mentioned.values())
    owners = [
        s.team_addresses[a]
        for a in (line.strip().lower() for line in recipients.split("\n"))
        if a in s.team_addresses
    ]
    if not owners:
        return False
    return not any(owners) if channel == "chat" else not owners[0]


def _reply_window(cid: int, s: Setup) -> float:
    from partways.store.models import Contract

    latest = Contract.objects.filter(client_id=cid).order_by("-start").first()
    if latest is None or latest.reply_window_hours is None:
        return s.cfg["minimal_communication.default_reply_window_hours"]
    return float(latest.reply_window_hours)


def _days_off(start: dt.date, end: dt.date, work_days: frozenset[int]) -> int:
    """Days in [start, end) that are not working days."""
    weeks, rest = divmod((end - start).days, 7)
    off = weeks * (7 - len(work_days))
    # The days after the whole weeks start on the same weekday as ``start``.
    return off + sum((start.weekday() + i) % 7 not in work_days for i in range(rest))


def _turns(cid: int, msgs: list[Any], labels: dict[int, set[str]], s: Setup, out: Monthly) -> None:
    """Our questions that wait for an answer, and the client's reply.

    Only our messages labelled ``asks`` wait; of those sent between two of the
    client's messages, only the first. The reply is the client's next message. The wait
    is counted in hours minus 24 for each day off between the day we wrote and the day
    of the answer (or, unanswered, the day after as_of).
    """
    window = _reply_window(cid, s)
    next_reply: list[dt.datetime | None] = [None] * len(msgs)
    upcoming: dt.datetime | None = None
    for i in range(len(msgs) - 1, -1, -1):
        if msgs[i].direction == "in":
            upcoming = msgs[i].sent_at
        next_reply[i] = upcoming
    waiting = False  # a question of ours already waits since the client last wrote
    for i, m in enumerate(msgs):
        if m.direction == "in":
            waiting = False
            continue
        if m.direction != "out" or "asks" not in labels.get(m.id, set()) or waiting:
            continue
        waiting = True
        reply = next_reply[i]
        until = reply if reply is not None else s.end_utc
        seconds = (until - m.sent_at) // dt.timedelta(seconds=1)  # whole seconds
        off = _days_off(
            m.sent_at.astimezone(s.tz).date(), until.astimezone(s.tz).date(), s.work_days
        )
        waited = seconds / 3600 - 24 * off
        late = waited > window
        if reply is not None or late:
            c = out[s.month(m.sent_at)]
            c["asked"] += 1
            c["late"] += late
            c["unanswered"] += reply is None
            if reply is not None:
                c["reply_hours"] += waited
                c["answered"] += 1


def _meetings(cid: int, s: Setup, comps: dict[str, Monthly]) -> None:
    from partways.store.models import Meeting

    for m in Meeting.objects.filter(client_id=cid, starts_at__lt=s.end_utc):
        c = comps["time_vs_value"][s.month(m.starts_at)]
        c["meetings"] += 1
        c["unprepared"] += m.status == "held" and m.client_prepared is False
        c["no_shows"] += m.status == "no_show"
        # A meeting the client did not come to is a missed exchange [000 #4].
        comps["minimal_communication"][s.month(m.starts_at)]["missed_meetings"] += (
            m.status == "no_show"
        )


def _proposals(cid: int, s: Setup, comps: dict[str, Monthly]) -> None:
    from partways.store.models import Proposal

    for p in Proposal.objects.filter(client_id=cid, submitted_on__lte=s.as_of):
        decided_on = p.decided_on if p.decided_on is not None and p.decided_on <= s.as_of else None
        tv = comps["time_vs_value"][p.submitted_on.replace(day=1)]
        tv["decisions"] += 1
        tv["decision_days"] += ((decided_on or s.as_of) - p.submitted_on).days
        if decided_on is None:
            continue
        month = decided_on.replace(day=1)
        if p.outcome in ("accepted", *FEEDBACK):
            rr = comps["rejected_recommendations"][month]
            rr["decided"] += 1
            rr["rejected"] += p.outcome == "rejected"
            rr["revisions"] += p.outcome == "revision"
        if p.outcome in FEEDBACK:
            reason = p.reason or ""
            vague = not reason.strip() or "vague" in s.analyzer.analyze([reason])[0].labels
            ind = comps["indecisive"][month]
            ind["feedback"] += 1
            ind["vague"] += vague
            ind["rounds"] += p.revision_round


def _deliverables(cid: int, s: Setup, comps: dict[str, Monthly]) -> None:
    from partways.store.models import Deliverable

    for d in Deliverable.objects.filter(client_id=cid):
        when = d.requested_on or d.due
        if when is None or when > s.as_of:
            continue
        c = comps["abuse_or_unreasonable"][when.replace(day=1)]
        c["deadlines_pulled_in"] += (
            d.due is not None and d.original_due is not None and d.due < d.original_due
        )
        c["out_of_scope_requests"] += not d.in_scope


def _incidents(cid: int, s: Setup, comps: dict[str, Monthly]) -> None:
    """Incidents by kind and severity (medium or high is serious, anything else low).

    Who reported one is the team member it names, else the free-text name; abuse
    toward you reported by a team member other than the owner is mistreating staff.
    """
    from partways.store.models import Incident

    where = {
        "unreasonable_demand": ("abuse_or_unreasonable", "demand_incidents"),
        "abuse_to_staff": ("mistreats_staff", "staff_incidents"),
        "unethical": ("unethical", "unethical_incidents"),
    }
    rows = Incident.objects.filter(client_id=cid, occurred_at__lt=s.end_utc).values_list(
        "kind", "severity", "occurred_at", "reporter__name", "reporter_name"
    )
    for kind, sev, occurred_at, member, typed in rows:
        reporter = member if member is not None else (typed or "")
        if kind == "abuse_to_you":
            by_staff = reporter.strip().lower() in s.staff_reporters
            sid, name = (
                ("mistreats_staff", "staff_incidents")
                if by_staff
                else ("abuse_or_unreasonable", "abuse_incidents")
            )
        elif kind in where:
            sid, name = where[kind]
        else:
            continue
        comps[sid][s.month(occurred_at)][name if sev in SERIOUS else f"{name}_low"] += 1


def _flags(cid: int, s: Setup, comps: dict[str, Monthly]) -> None:
    from partways.store.models import ClientFlag

    for f in ClientFlag.objects.filter(
        client_id=cid, kind="not_a_fit", active=True, created_on__lte=s.as_of
    ):
        comps["not_a_fit"][f.created_on.replace(day=1)]["flags"] += 1


# --- values --------------------------------------------------------------------------


def _ratio(num: float, den: float) -> float | None:
    return num / den if den != 0 else None


def _judged(ok: bool, value: Callable[[], float | None]) -> float | None:
    return value() if ok else None


def _losing_money(c: Components, s: Setup) -> float | None:
    costs = c["labour_cost"] + c["expenses"]
    if costs < s.cfg["losing_money.min_cost"] * 100:
        return None
    if c["revenue"] > 0:
        return (c["revenue"] - c["labour_cost"] - c["expenses"]) / c["revenue"]
    return -1.0 if costs > 0 else None


def _time_vs_value(c: Components, s: Setup) -> float | None:
    if c["hours"] < s.cfg["time_vs_value.min_hours"]:
        return None
    rate = _ratio(c["revenue"], c["hours"])
    return None if rate is None else rate / s.target_rate


def _abuse_or_unreasonable(c: Components, s: Setup) -> float:
    """Abuse points, plus demand points for the demanding messages beyond an ordinary
    share of the client's messages to you (on the summed months, not month by month)."""
    cfg = s.cfg
    ordinary = c["messages_to_us"] * cfg["abuse_or_unreasonable.ordinary_demand_share"]
    excess = max(0.0, c["demand_messages"] - ordinary)
    return float(
        (c["abusive_messages"] + c["abuse_incidents"]) * cfg["abuse_or_unreasonable.abuse_weight"]
        + c["abuse_incidents_low"] * cfg["abuse_or_unreasonable.low_incident_weight"]
        + (excess + c["deadlines_pulled_in"] + c["out_of_scope_requests"])
        * cfg["abuse_or_unreasonable.demand_weight"]
        + (c["demand_incidents"] + c["demand_incidents_low"])
        * cfg["abuse_or_unreasonable.incident_weight"]
    )


VALUE: dict[str, Callable[[Components, Setup], float | None]] = {
    "time_vs_value": _time_vs_value,
    "rejected_recommendations": lambda c, s: _judged(
        c["decided"] >= s.cfg["rejected_recommendations.min_decided"],
        lambda: _ratio(c["rejected"], c["decided"]),
    ),
    "low_respect": lambda c, s: float(c["disrespect"]),
    "minimal_communication": lambda c, s: _judged(
        c["asked"] >= s.cfg["minimal_communication.min_messages"],
        lambda: _ratio(c["late"] + c["missed_meetings"], c["asked"] + c["missed_meetings"]),
    ),
    "pessimism": lambda c, s: _judged(
        c["inbound"] >= s.cfg["pessimism.min_messages"], lambda: _ratio(c["negative"], c["inbound"])
    ),
    "losing_money": _losing_money,
    "abuse_or_unreasonable": _abuse_or_unreasonable,
    "mistreats_staff": lambda c, s: float(
        (c["abusive_to_staff"] + c["staff_incidents"]) * s.cfg["mistreats_staff.abuse_weight"]
        + c["staff_incidents_low"] * s.cfg["mistreats_staff.low_incident_weight"]
        + c["disrespect_to_staff"] * s.cfg["mistreats_staff.disrespect_weight"]
    ),
    "unethical": lambda c, s: float(
        c["unethical_incidents"] * s.cfg["unethical.incident_weight"]
        + c["unethical_incidents_low"] * s.cfg["unethical.low_incident_weight"]
        + c["unethical_requests"] * s.cfg["unethical.message_weight"]
    ),
    "payment_risk": lambda c, s: _judged(
        c["invoices_due"] >= 1,
        lambda: _ratio(
            c["days_late"]
            + c["excuses"] * s.cfg["payment_risk.excuse_days"]
            + c["disputed"] * s.cfg["payment_risk.dispute_days"],
            c["invoices_due"],
        ),
    ),
    "after_hours": lambda c, s: _judged(
        c["inbound"] >= s.cfg["after_hours.min_messages"],
        lambda: _ratio(c["after_hours"], c["inbound"]),
    ),
    "indecisive": lambda c, s: _judged(
        c["feedback"] >= s.cfg["indecisive.min_feedback"],
        lambda: _ratio(c["vague"] + c["vague_messages"], c["feedback"] + c["vague_messages"]),
    ),
    "not_a_fit": lambda c, s: float(c["flags"]),
}


def severity(signal_id: str, value: float | None, cfg: Thresholds) -> str:
    """The signal's severity for a value, as ``signals.base.severity_expr`` grades it."""
    if value is None:
        return "none"
    low, medium, high = cfg.ladder(signal_id)

    def worse(t: float) -> bool:
        return value < t if signal_id in LOWER_IS_WORSE else value >= t

    for name, t in (("high", high), ("medium", medium), ("low", low)):
        if worse(t):
            return name
    return "none"


def _add_months(month: Month, n: int) -> Month:
    moved: Month = month + relativedelta(months=n)
    return moved


def _not_progressing(comps: dict[str, Monthly], active: list[Month], s: Setup) -> float | None:
    """Recent months in trouble against the months before, once the relationship is old
    enough. A month is in trouble for each signal whose value over the
    ``engine.series_months`` months ending with it reaches the signal's low level."""
    cfg = s.cfg
    if not active:
        months = 0
    else:
        first = min(active)
        months = (s.as_of_month.year - first.year) * 12 + s.as_of_month.month - first.month + 1
    if months < cfg["not_progressing.min_months"]:
        return None
    n = cfg.int("not_progressing.recent_months")
    span = cfg.int("engine.series_months")
    recent_start = _add_months(s.as_of_month, -(n - 1))
    before_start = _add_months(recent_start, -n)
    recent = before = 0
    for sid in BASE:
        if sid in NOT_PROGRESS or not comps[sid]:
            continue
        month = before_start
        while month <= s.as_of_month:
            rolled: Components = defaultdict(float)
            for back in range(span):
                for k, v in comps[sid].get(_add_months(month, -back), {}).items():
                    rolled[k] += v
            if severity(sid, VALUE[sid](rolled, s), cfg) != "none":
                if month >= recent_start:
                    recent += 1
                else:
                    before += 1
            month = _add_months(month, 1)
    r, b = recent / n, before / n
    return r if r >= b else 0.0
