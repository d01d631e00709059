"""The settings registry: every threshold and weight the engine uses, documented.

Nothing in the engine hard-codes a number that a business might reasonably want to
change. Each entry has a key, a default, a unit and one sentence saying what it does;
``docs/settings.md`` is generated from this list and a test fails when they differ.
A business overrides any key in its settings (``BusinessSettings.thresholds``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .limits import limits_markdown
from .phrase import marked

Direction = Literal["higher_is_worse", "lower_is_worse"]


@dataclass(frozen=True)
class Setting:
    key: str
    default: float
    unit: str
    # One sentence saying what the setting does. The catalog extractor collects it
    # (``Setting:4``); for a severity ladder it is a template with ``{what}``, the
    # measure (``_ladder:2``), so the interfaces translate the two parts.
    doc: str
    what: str = ""

    def english(self) -> str:
        """The documentation sentence in English, the ladder's measure filled in."""
        return self.doc.replace("{what}", self.what) if self.what else self.doc


# Units a setting's value is in, for the catalog: the interfaces translate them.
UNITS = (
    marked("base currency"),
    marked("count"),
    marked("days"),
    marked("flags"),
    marked("hours"),
    marked("messages"),
    marked("months"),
    marked("percent"),
    marked("points"),
    marked("proposals"),
    marked("ratio"),
    marked("rounds"),
    marked("rows"),
    marked("score"),
    marked("share"),
    marked("signs"),
    marked("weight"),
)


def _ladder(
    signal: str, what: str, unit: str, low: float, medium: float, high: float
) -> list[Setting]:
    return [
        Setting(f"{signal}.low", low, unit, "{what} from which the sign counts as low.", what),
        Setting(
            f"{signal}.medium", medium, unit, "{what} from which the sign counts as medium.", what
        ),
        Setting(f"{signal}.high", high, unit, "{what} from which the sign counts as high.", what),
    ]


SETTINGS: tuple[Setting, ...] = (
    # The engine as a whole.
    Setting(
        "engine.window_months",
        6,
        "months",
        "How many calendar months, the current one included, make up the window a "
        "signal's current value is computed over.",
    ),
    Setting(
        "engine.series_months",
        3,
        "months",
        "Each month of a signal's trend covers this many months ending with it, so one "
        "thin month does not read as a change.",
    ),
    Setting(
        "engine.recent_months",
        1,
        "months",
        "How many calendar months, the current one included, count as recent when a sign "
        "is checked for a sudden rise against the client's own earlier months in the "
        "window: a burst of trouble after calm months is trouble now, even while the "
        "whole window still dilutes it [003 #1] [003 #3].",
    ),
    Setting(
        "engine.recent_max_months",
        2,
        "months",
        "When the recent months hold too few records to judge a sign (a client who went "
        "quiet, the first days of a month), the recent stretch reaches back one month at "
        "a time, up to this many months, before a sudden rise is ruled out.",
    ),
    Setting(
        "engine.spike_rise",
        3.0,
        "ratio",
        "A sign that reaches only low in the recent months still rose suddenly when its "
        "value there is at least this many times its value earlier in the window, after "
        "earlier months that were calm: a client who rarely wrote a negative word and now "
        "writes them often [003 #1]. At medium or above, calm earlier months are enough.",
    ),
    Setting(
        "engine.evidence_rows",
        8,
        "rows",
        "How many evidence records are kept per client and signal (the most recent first).",
    ),
    # time_vs_value [000 #1] [002 #1] [003 #4]
    *_ladder(
        "time_vs_value",
        "Effective hourly rate as a share of the target rate (lower is worse)",
        "ratio",
        0.85,
        0.65,
        0.45,
    ),
    Setting(
        "time_vs_value.min_hours",
        10,
        "hours",
        "Fewer hours than this in the window and the sign is not judged.",
    ),
    # rejected_recommendations [000 #2]
    *_ladder(
        "rejected_recommendations",
        "Share of decided proposals the client rejected",
        "share",
        0.34,
        0.5,
        0.7,
    ),
    Setting(
        "rejected_recommendations.min_decided",
        5,
        "proposals",
        "Fewer decided proposals than this in the window and the sign is not judged.",
    ),
    # low_respect [000 #3]
    *_ladder("low_respect", "Disrespectful messages and incidents in the window", "count", 1, 3, 6),
    # minimal_communication [000 #4]
    *_ladder(
        "minimal_communication",
        "Share of our messages the client answered later than the agreed window, or never",
        "share",
        0.25,
        0.4,
        0.6,
    ),
    Setting(
        "minimal_communication.default_reply_window_hours",
        48,
        "hours",
        "Reply window used when the contract names none.",
    ),
    Setting(
        "minimal_communication.min_messages",
        4,
        "messages",
        "Fewer of our messages than this in the window and the sign is not judged.",
    ),
    # not_progressing [000 #5]
    *_ladder(
        "not_progressing",
        "Average number of other signs in trouble per month, recently, when not improving",
        "signs",
        1,
        2,
        3,
    ),
    Setting(
        "not_progressing.min_months",
        6,
        "months",
        "A relationship younger than this is not judged on progress.",
    ),
    Setting(
        "not_progressing.recent_months",
        3,
        "months",
        "The recent stretch compared with the stretch before it.",
    ),
    # pessimism [000 #6]
    *_ladder(
        "pessimism", "Share of the client's messages that are negative", "share", 0.15, 0.25, 0.5
    ),
    Setting(
        "pessimism.min_messages",
        5,
        "messages",
        "Fewer client messages than this in the window and the sign is not judged.",
    ),
    # losing_money [000 #7] [002 #1]
    *_ladder(
        "losing_money", "Margin as a share of revenue (lower is worse)", "ratio", 0.15, 0.0, -0.25
    ),
    Setting(
        "losing_money.min_cost",
        500,
        "base currency",
        "Less cost than this in the window and the sign is not judged.",
    ),
    # abuse_or_unreasonable [000 #8] [003 #1]
    *_ladder(
        "abuse_or_unreasonable",
        "Weighted points of abuse and unreasonable demands",
        "points",
        2,
        4,
        5,
    ),
    Setting(
        "abuse_or_unreasonable.abuse_weight",
        5,
        "points",
        "Points for each abusive message or abuse incident of medium or high severity "
        "(one alone reaches high).",
    ),
    Setting(
        "abuse_or_unreasonable.low_incident_weight",
        2,
        "points",
        "Points for each abuse incident reported at low severity: a conversation to have, "
        "not grounds to end it.",
    ),
    Setting(
        "abuse_or_unreasonable.demand_weight",
        1,
        "points",
        "Points for each demanding or out-of-scope message beyond the ordinary share, "
        "pulled-in deadline or out-of-scope deliverable.",
    ),
    Setting(
        "abuse_or_unreasonable.incident_weight",
        2,
        "points",
        "Points for each reported unreasonable-demand incident.",
    ),
    Setting(
        "abuse_or_unreasonable.ordinary_demand_share",
        0.15,
        "share",
        "Share of a client's messages that may press urgent or out-of-scope demands "
        "before they count: every client is sometimes in a hurry.",
    ),
    # mistreats_staff [002 #2]
    *_ladder(
        "mistreats_staff", "Weighted points of abuse and disrespect toward staff", "points", 2, 4, 5
    ),
    Setting(
        "mistreats_staff.abuse_weight",
        5,
        "points",
        "Points for each staff incident of medium or high severity or abusive message to a "
        "staff member.",
    ),
    Setting(
        "mistreats_staff.low_incident_weight",
        2,
        "points",
        "Points for each staff incident reported at low severity.",
    ),
    Setting(
        "mistreats_staff.disrespect_weight",
        2,
        "points",
        "Points for each disrespectful message to a staff member.",
    ),
    # unethical [002 #3]
    *_ladder("unethical", "Weighted points of unethical requests and incidents", "points", 1, 3, 5),
    Setting(
        "unethical.incident_weight",
        5,
        "points",
        "Points for each unethical incident of medium or high severity.",
    ),
    Setting(
        "unethical.low_incident_weight",
        2,
        "points",
        "Points for each unethical incident reported at low severity.",
    ),
    Setting(
        "unethical.message_weight",
        3,
        "points",
        "Points for each message asking for something unethical (back-dating, fake reviews).",
    ),
    # payment_risk [002 #4] [001]
    *_ladder(
        "payment_risk",
        "Average days late per invoice due in the window, excuses and disputes included",
        "days",
        7,
        15,
        30,
    ),
    Setting(
        "payment_risk.excuse_days",
        7,
        "days",
        "Days of risk each payment excuse in the client's messages adds (promises to pay "
        "later, money 'already sent') [002 #4].",
    ),
    Setting(
        "payment_risk.dispute_days",
        15,
        "days",
        "Days of risk each disputed invoice adds.",
    ),
    # after_hours [001]
    *_ladder(
        "after_hours",
        "Share of the client's messages sent outside working hours",
        "share",
        0.2,
        0.35,
        0.5,
    ),
    Setting(
        "after_hours.min_messages",
        10,
        "messages",
        "Fewer client messages than this in the window and the sign is not judged.",
    ),
    # indecisive [001]
    *_ladder(
        "indecisive",
        "Share of rejections and revision requests without a concrete reason (a client "
        "message that gives only vague feedback counts as one more such round)",
        "share",
        0.3,
        0.5,
        0.7,
    ),
    Setting(
        "indecisive.min_feedback",
        3,
        "rounds",
        "Fewer feedback rounds than this in the window and the sign is not judged.",
    ),
    # not_a_fit [002 #5]
    *_ladder("not_a_fit", "Active 'no longer a fit' flags", "flags", 1, 1, 2),
    # Scoring and triage.
    *[
        Setting(f"weight.{sid}", w, "weight", "Weight of {what} in the score.", sid)
        for sid, w in (
            ("time_vs_value", 2),
            ("rejected_recommendations", 1),
            ("low_respect", 2),
            ("minimal_communication", 1),
            ("not_progressing", 1),
            ("pessimism", 1),
            ("losing_money", 3),
            ("abuse_or_unreasonable", 3),
            ("mistreats_staff", 4),
            ("unethical", 4),
            ("payment_risk", 3),
            ("after_hours", 1),
            ("indecisive", 1),
            ("not_a_fit", 2),
        )
    ],
    Setting("triage.watch_score", 2, "score", "From this score (0–100) a client is watched."),
    Setting(
        "triage.repair_score",
        15,
        "score",
        "From this score a repair is recommended, whatever the single signs say.",
    ),
    Setting(
        "triage.repair_min_medium_signs",
        2,
        "signs",
        "Signs at medium or above, at the same time, that call for a repair; one medium "
        "sign alone only does when it persists (or a sign is high).",
    ),
    Setting(
        "triage.persistent_months",
        4,
        "months",
        "Months at medium or above, within the persistence look-back, that make one sign "
        "persistent: a single bad month shows in at most three of its trend (which covers "
        "engine.series_months).",
    ),
    Setting(
        "triage.persistent_flagged_months",
        8,
        "months",
        "Months at low or above, within the persistence look-back, that make a sign at "
        "medium now persistent too: trouble that swings between low and medium lasts.",
    ),
    Setting(
        "triage.persistence_lookback_months",
        12,
        "months",
        "Months of a sign's trend read to tell lasting trouble from a passing month.",
    ),
    Setting(
        "triage.end_score",
        24,
        "score",
        "From this score a chronic problem client is recommended to end at contract end "
        "even when no single sign calls for a repair; with one that does, a chronic client "
        "ends at contract end at any score.",
    ),
    Setting(
        "triage.end_now_min_abusive_messages",
        2,
        "messages",
        "Abusive messages (without a serious reported incident) needed for an end-now decision.",
    ),
    Setting(
        "triage.end_now_min_unethical_messages",
        2,
        "messages",
        "Messages asking for something improper (without a serious reported incident) "
        "needed for an end-now decision [002 #3].",
    ),
    Setting(
        "triage.cooling_off_days",
        3,
        "days",
        "Days to sleep on an end decision before acting [001].",
    ),
    Setting(
        "triage.chronic_lookback_months",
        12,
        "months",
        "Months of history read to tell a chronic problem from an acute one [003].",
    ),
    Setting(
        "triage.troubled_month_points",
        3,
        "points",
        "Severity points (low 1, medium 2, high 3, summed over the signs) that make a "
        "month of the history a troubled one: a sign or two at low is ordinary noise.",
    ),
    Setting(
        "triage.troubled_month_sign",
        2,
        "points",
        "Severity points of one sign (medium 2, high 3) that make a month troubled by themselves.",
    ),
    Setting(
        "triage.chronic_min_months",
        6,
        "months",
        "Troubled months within the look-back that make a pattern chronic.",
    ),
    Setting(
        "triage.chronic_min_signals",
        3,
        "signs",
        "Distinct signs at medium or above within the look-back that make a pattern "
        "chronic: unhappy in many ways [003 #1].",
    ),
    Setting(
        "triage.chronic_way_months",
        2,
        "months",
        "Months of the look-back a sign must be at medium or above in (or be at medium "
        "now) to count as one of the ways a client is unhappy: one month at medium is a "
        "passing moment.",
    ),
    Setting(
        "triage.acute_recent_months",
        3,
        "months",
        "Trouble confined to this many recent months after a healthy history is acute.",
    ),
    Setting(
        "triage.acute_max_earlier_months",
        1,
        "months",
        "Troubled months before the recent ones that a history may hold and still count "
        "as healthy.",
    ),
    Setting(
        "triage.acute_min_history_months",
        6,
        "months",
        "Months of history before the recent trouble needed to call it acute; a newer "
        "client has too little history to tell.",
    ),
    Setting(
        "triage.hardship_days",
        120,
        "days",
        "A hard time the client told you of within this many days counts as evidence "
        "that recent trouble is acute [003 #3].",
    ),
    Setting(
        "triage.repair_min_improvement",
        0.2,
        "share",
        "How much a repair plan must lower the score by its review date to count as improved.",
    ),
    # Repair plans [000] [003 #2] [003 #3]
    Setting(
        "repair.review_days",
        60,
        "days",
        "Days from opening a repair plan to its review date, when it is judged.",
    ),
    Setting(
        "repair.first_action_days",
        3,
        "days",
        "Days within which a plan's first actions (the apology, the first check-in) are due.",
    ),
    Setting(
        "repair.check_in_days",
        7,
        "days",
        "Days between check-ins a plan proposes to a client who is hard to reach [000 #4].",
    ),
    Setting(
        "expectations.revision_rounds",
        2,
        "rounds",
        "Revision rounds per deliverable an expectations sheet and new agreement offer.",
    ),
    Setting(
        "expectations.deposit_percent",
        0,
        "percent",
        "Share of a project paid before work starts; a payment repair proposes 30 when 0.",
    ),
    Setting(
        "expectations.new_client_days",
        90,
        "days",
        "Days from a client's first recorded work within which the expectations sheet "
        "welcomes them as new; later it restates how you work together.",
    ),
    # Ending the relationship [000 step 1-5] [001]
    Setting(
        "offboarding.notice_days",
        30,
        "days",
        "Notice given when no contract sets a term end: days from telling the client to "
        "the last day [000 step 5].",
    ),
    Setting(
        "offboarding.deliverable_extension_days",
        60,
        "days",
        "An open deliverable due at most this many days after the end date moves the end "
        "date to its due date, so the work is finished [001].",
    ),
    Setting(
        "pareto.top_share",
        0.2,
        "share",
        "The share of clients that makes up the 'vital few' [001].",
    ),
    # Running by itself: what the worker does on its own, in the business's time zone.
    Setting(
        "schedule.triage_hour",
        2,
        "hours",
        "The hour of the night (0–23, the business's time zone) at which the worker "
        "triages every client, so the morning's pages and digest show the night's verdicts.",
    ),
    Setting(
        "schedule.digest_hour",
        7,
        "hours",
        "The hour (0–23, the business's time zone) at which the worker sends each person "
        "their digest: daily ones every day, weekly ones on the first working day of the week.",
    ),
    # Live sync: how often, and how far back a service without a deletion feed is read.
    Setting(
        "sync.interval_hours",
        6,
        "hours",
        "How often the worker syncs each connected service (partways connect); 0 syncs "
        "only when asked (partways sync, or Sync now on the Connections page).",
    ),
    Setting(
        "sync.window_days",
        90,
        "days",
        "Services that report no deletions (Harvest, Clockify, Toggl's team report) are "
        "read again this many days back on every sync; a synced record in that window "
        "that the service no longer lists was deleted there, and is removed here.",
    ),
    Setting(
        "sync.history_days",
        1095,
        "days",
        "How far back the first sync of a time tracker reads (Toggl, Harvest, Clockify "
        "list time by date range); older history can still be imported from an export.",
    ),
)

_BY_KEY = {s.key: s for s in SETTINGS}


class UnknownSetting(KeyError):
    """Raised for a key that is not in the registry."""


@dataclass(frozen=True)
class Thresholds:
    """The registry's defaults with a business's overrides applied."""

    overrides: Mapping[str, float]

    @classmethod
    def defaults(cls) -> Thresholds:
        return cls({})

    @classmethod
    def with_overrides(cls, overrides: Mapping[str, float]) -> Thresholds:
        """Return thresholds with ``overrides``; raises :class:`UnknownSetting` for a bad key."""
        unknown = sorted(set(overrides) - set(_BY_KEY))
        if unknown:
            raise UnknownSetting(f"unknown setting(s): {', '.join(unknown)}")
        return cls({k: float(v) for k, v in overrides.items()})

    def __getitem__(self, key: str) -> float:
        if key not in _BY_KEY:
            raise UnknownSetting(key)
        return self.overrides.get(key, _BY_KEY[key].default)

    def int(self, key: str) -> int:
        return int(self[key])

    def ladder(self, signal: str) -> tuple[float, float, float]:
        return self[f"{signal}.low"], self[f"{signal}.medium"], self[f"{signal}.high"]

    @staticmethod
    def unit(key: str) -> str:
        """The unit a setting's value is in ("share", "days", ...)."""
        if key not in _BY_KEY:
            raise UnknownSetting(key)
        return _BY_KEY[key].unit


# The business's own settings as `partways settings` names them (cli/business_edit.py
# keeps the same keys): documented here beside the registry, in one generated file.
BUSINESS_KEYS: tuple[tuple[str, str, str], ...] = (
    ("name", marked("the business's name"), "Studio Ana"),
    ("base_currency", marked("the currency every figure is summed in (ISO 4217)"), "USD"),
    (
        "time_zone",
        marked("the business's time zone (tz database name): what counts as after hours"),
        "Europe/Zagreb",
    ),
    ("work_days", marked("the working days"), "mon-fri"),
    ("work_hours", marked("the working hours"), "09:00-17:30"),
    ("target_rate", marked("the target hourly rate, in the base currency"), "80"),
    (
        "cost_rate",
        marked("what an hour of work costs you when a person has no rate of their own"),
        "35",
    ),
    (
        "own_addresses",
        marked("your own addresses and @domains: mail from them is outbound"),
        "ana@studio.hr,@studio.hr",
    ),
    # The letterhead of formal letters.
    ("legal_name", marked("the registered name letters are written in"), "Studio Ana j.d.o.o."),
    ("address", marked("the postal address, its lines separated by |"), "Ilica 1|10000 Zagreb"),
    ("registration", marked("the company registration number"), "OIB 12345678903"),
    ("place", marked("the town a letter's date line names"), "Zagreb"),
    ("phone", marked("the telephone number on letters"), "+385 1 234 5678"),
    ("email", marked("the e-mail address on letters"), "hello@studio.hr"),
)


def settings_markdown() -> str:
    """The registry as the Markdown table in ``docs/settings.md``."""
    lines = [
        "# Settings",
        "",
        "## The business",
        "",
        "`partways setup` asks for these on the first run (or takes them as flags: "
        "`partways setup --help`); the web app's Settings page shows the same fields.",
        "Afterwards, from the command line:",
        "",
        "```",
        "partways settings                      # show the business and the changed thresholds",
        "partways settings get time_zone",
        "partways settings set base_currency USD time_zone America/Chicago",
        "```",
        "",
        "| key | what it is | example |",
        "|---|---|---|",
        *(f"| `{k}` | {what} | `{example}` |" for k, what, example in BUSINESS_KEYS),
        "",
        "Every value is checked as the web form checks it, and a `set` with several pairs",
        "saves all of them or none. Exchange rates to the base currency: `partways rate USD 0.92`.",
        "",
        "## Settings registry",
        "",
        "Generated from `partways.core.config.SETTINGS`; a test fails when this file and the",
        "registry differ. Override any key for your business with `partways settings set KEY",
        "VALUE` (e.g. `partways settings set pessimism.low 0.2`), put it back with `partways",
        "settings reset KEY`, or use the thresholds on the web app's Settings page.",
        "`partways settings show --all` lists every key with the value in use.",
        "",
        "| key | default | unit | what it does |",
        "|---|---|---|---|",
    ]
    for s in SETTINGS:
        default = int(s.default) if float(s.default).is_integer() else s.default
        lines.append(f"| `{s.key}` | {default} | {s.unit} | {s.english()} |")
    return "\n".join(lines) + "\n\n" + limits_markdown()
