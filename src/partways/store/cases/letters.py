"""Letters and calendars for one client, built from the records: the data side of
:mod:`partways.letters` (which knows nothing of the database)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from partways.core.config import Thresholds
from partways.core.offboarding.plan import plan_case
from partways.core.offboarding.reasons import REFERRAL_KINDS, check_reason
from partways.core.phrase import Phrase, say
from partways.core.repair import check_in_cadence
from partways.core.triage import Decision
from partways.letters import Letter, check_language, compose
from partways.letters.context import ApologyContext, EndingContext, ExpectationsContext, Parties
from partways.letters.formats import KeyDate
from partways.letters.locale import long_date, money, weekday_names
from partways.letters.referrals import referral_phrase

from ..business import load_business
from ..models import BusinessSettings, Client, Contact, OffboardingCase, RepairPlan, TeamMember
from ..settings import data_home
from .offboarding import abusive, case_inputs, decide, reason_from
from .records import (
    CaseError,
    contract_row,
    relationship_owner,
)


def template_dirs() -> tuple[Path, ...]:
    """The user's own letter templates, searched before the built-in ones:
    ``<data folder>/letters/<lang>/<kind>.txt``."""
    return (data_home() / "letters",)


@dataclass(frozen=True)
class Addressed:
    """A letter with who it is from and to, for the e-mail's headers."""

    letter: Letter
    sender: tuple[str, str]
    to: tuple[str, str] | None
    domain: str


def _contact(client: Client) -> Contact | None:
    return client.contacts.order_by("-is_primary", "pk").first()


def _sender(owner: TeamMember | None, business: BusinessSettings) -> tuple[str, str]:
    own = [a.strip() for a in business.own_addresses.splitlines() if "@" in a.strip()[1:]]
    email = owner.email if owner else (own[0] if own else "")
    name = f"{owner.name} ({business.name})" if owner else business.name
    return name, email


# The recommendations whose letter, with no case and no kind named, is an ending one.
ENDING = ("end_now", "end_at_contract_end")


class NotEnding(CaseError):
    """No case, no kind named, and the triage does not recommend ending: which letter
    is meant cannot be guessed. Carries the client and the triage's recommendation."""

    def __init__(self, client: str, recommendation: str) -> None:
        super().__init__(
            f"{client}: no offboarding case, and the triage says {recommendation}",
            "not_ending",
            client=client,
            recommendation=recommendation,
        )
        self.client = client
        self.recommendation = recommendation


def letter_for(client_id: int, *, kind: str | None, lang: str | None, today: dt.date) -> Addressed:
    """Compose ``kind`` for the client in ``lang`` (the client's language by default).

    An ending letter takes its reason and dates from the client's offboarding case, or,
    without one, from a draft worked out as ``partways offboard`` would. Raises
    ``UnknownLanguage``, ``LetterError`` or :class:`CaseError` (:class:`NotEnding`
    when no kind is named, there is no case and the triage does not say to end).
    """
    client = Client.objects.select_related("manager").get(pk=client_id)
    case = client.offboarding_cases.order_by("-opened_on", "-pk").first()
    language = check_language(lang or (case.language if case else "") or client.language or "en")
    kind = kind or (case.reason if case else None)
    # Read once for the whole letter: the triage (only for a draft without a case), the
    # settings, who signs and whom it is for.
    decision = None
    if case is None and kind not in ("apology", "expectations"):
        if kind is None and client.archived:
            raise CaseError(
                f"{client.name} is archived; name the letter with --kind.",
                "archived_name_the_letter",
                client=client.name,
            )
        decision = decide(client_id, today)
    if kind is None:
        assert decision is not None  # no case and no kind: the draft's triage was read
        if decision.recommendation not in ENDING:
            # Never an ending letter by surprise for a client the triage would keep.
            raise NotEnding(client.name, decision.recommendation)
        kind = reason_from(decision)
    _, cfg = load_business()
    business = BusinessSettings.load()
    owner = relationship_owner(client)
    contact = _contact(client)
    parties = Parties(
        client=client.name,
        contact=contact.name if contact else "",
        business=business.name,
        sender=owner.name if owner else "",
    )
    if kind == "apology":
        letter = _apology(parties, language, today, cfg)
    elif kind == "expectations":
        letter = _expectations(client, parties, language, cfg, business)
    else:
        letter = _ending(client, check_reason(kind), language, case, decision, today, parties, cfg)
    to = (contact.name, contact.email) if contact and contact.email else None
    sender = _sender(owner, business)
    domain = sender[1].rsplit("@", 1)[-1] if "@" in sender[1] else "partways.invalid"
    return Addressed(letter, sender, to, domain)


def _ending(
    client: Client,
    reason: str,
    lang: str,
    case: OffboardingCase | None,
    decision: Decision | None,
    today: dt.date,
    parties: Parties,
    cfg: Thresholds,
) -> Letter:
    if case is not None:
        inputs = case_inputs(
            client,
            case.recommendation,
            reason,
            min(today, case.notice_on),
            case.notice_on,
            case.end_on,
            case.referral,
            case.abusive,
        )
    else:
        assert decision is not None
        notice_on = decision.cooling_off_until or today
        inputs = case_inputs(
            client, decision.recommendation, reason, today, notice_on, None, "", abusive(decision)
        )
    plan = plan_case(inputs, cfg, strict=case is None)
    if not plan.referral and not inputs.abusive and reason in REFERRAL_KINDS:
        referral_text = referral_phrase(REFERRAL_KINDS[reason], lang)
    else:
        referral_text = plan.referral
    # Promise only agreed work (in scope, or paid for) that is still being made and can
    # be finished in time; a delivered piece awaits acceptance, and the rest is settled
    # with the client in the case's owed-work step.
    promised = [
        d.title
        for d in plan.owed
        if (d.in_scope or d.paid_for)
        and d.status != "delivered"
        and (d.due is None or d.due <= plan.end_on)
    ]
    ctx = EndingContext(
        parties=parties,
        notice_on=long_date(inputs.notice_on, lang),
        end_on=long_date(plan.end_on, lang),
        notice_days=plan.notice_days,
        contract_title=plan.contract.title if plan.contract.has_contract else "",
        open_work=promised,
        referral=referral_text,
        outstanding=", ".join(money(v, cur, lang) for cur, v in plan.totals.items()),
    )
    return compose(reason, lang, ctx.template_vars(), template_dirs())


def _apology(parties: Parties, lang: str, today: dt.date, cfg: Thresholds) -> Letter:
    call_by = today + dt.timedelta(days=cfg.int("repair.first_action_days"))
    ctx = ApologyContext(parties=parties, call_by=long_date(call_by, lang))
    return compose("apology", lang, ctx.template_vars(), template_dirs())


def _expectations(
    client: Client, parties: Parties, lang: str, cfg: Thresholds, business: BusinessSettings
) -> Letter:
    contract = contract_row(client)
    ctx = ExpectationsContext(
        parties=parties,
        work_days=weekday_names((int(d) for d in business.work_days.split(",") if d.strip()), lang),
        work_start=business.work_start.strftime("%H:%M"),
        work_end=business.work_end.strftime("%H:%M"),
        time_zone=business.time_zone,
        channel=(contract.main_channel if contract else "") or "email",
        reply_window_hours=(contract.reply_window_hours if contract else None)
        or cfg.int("minimal_communication.default_reply_window_hours"),
        check_in=check_in_cadence(cfg.int("repair.check_in_days")),
        revision_rounds=cfg.int("expectations.revision_rounds"),
        payment_terms_days=contract.payment_terms_days if contract else 30,
        deposit_percent=cfg.int("expectations.deposit_percent"),
        scope=contract.scope if contract else "",
    )
    return compose("expectations", lang, ctx.template_vars(), template_dirs())


def key_dates(client_id: int, word: Callable[[Phrase], str] = Phrase.english) -> list[KeyDate]:
    """The dates to put in a calendar: the open repair plan's review, the case's notice
    and end dates, each worded by ``word`` (the reader's language). Raises
    :class:`CaseError` when there are none."""
    client = Client.objects.get(pk=client_id)
    dates = []

    def dated(day: dt.date, summary: Phrase, description: Phrase) -> KeyDate:
        return KeyDate(day, word(summary), word(description), key=summary.english())

    plan = client.repair_plans.filter(status=RepairPlan.Status.OPEN).first()
    if plan is not None:
        dates.append(
            dated(
                plan.review_on,
                say("ics.review", "Review the repair plan for {client}", client=client.name),
                say(
                    "ics.review.what",
                    "Judge the plan against the warning signs: did they improve since it "
                    "was opened?",
                ),
            )
        )
    case = client.offboarding_cases.order_by("-opened_on", "-pk").first()
    if case is not None:
        dates.append(
            dated(
                case.notice_on,
                say("ics.notice", "Tell {client} the work together ends", client=client.name),
                say(
                    "ics.notice.what",
                    "Hold the conversation and send the letter; the last day is {end_on}.",
                    end_on=case.end_on,
                ),
            )
        )
        dates.append(
            dated(
                case.end_on,
                say("ics.end", "Last day of work with {client}", client=client.name),
                say(
                    "ics.end.what",
                    "Hand over files, credentials and documentation; send the final invoice.",
                ),
            )
        )
    if not dates:
        raise CaseError(
            f"{client.name} has no repair plan or offboarding case, so no dates to put in a "
            "calendar.",
            "no_dates",
            client=client.name,
        )
    return dates
