"""Letters and calendars for one client, built from the records: the data side of
:mod:`partways.letters` (which knows nothing of the database)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Min

from partways.core.config import Thresholds
from partways.core.offboarding.plan import CasePlan, plan_case
from partways.core.offboarding.reasons import REFERRAL_KINDS, check_reason
from partways.core.offboarding.work import totals
from partways.core.phrase import Items, Money, Phrase, listed, say, say_n
from partways.core.repair import check_in_cadence
from partways.core.triage import Decision
from partways.letters import Letter, check_language, compose
from partways.letters.context import (
    ApologyContext,
    EndingContext,
    ExpectationsContext,
    Invoice,
    Parties,
    postal_lines,
)
from partways.letters.formats import KeyDate
from partways.letters.locale import long_date, money, time_zone_name, weekday_names

from ..business import load_business
from ..models import BusinessSettings, Client, Contact, OffboardingCase, RepairPlan, TeamMember
from ..settings import data_home
from .offboarding import abusive, case_inputs, decide, reason_from
from .records import (
    CaseError,
    contract_row,
    primary_contact,
    relationship_owner,
)


def template_dirs() -> tuple[Path, ...]:
    """The user's own letter templates, searched before the built-in ones:
    ``<data folder>/letters/<lang>/<kind>.txt``."""
    return (data_home() / "letters",)


@dataclass(frozen=True)
class Addressed:
    """A letter with who it is from and to, for the e-mail's headers, and what the
    writer should know before sending it (``warnings``: a receivables gate still open,
    a letterhead or address not recorded, a form of address unknown)."""

    letter: Letter
    sender: tuple[str, str]
    to: tuple[str, str] | None
    domain: str
    warnings: tuple[Phrase, ...] = ()


def _sender(owner: TeamMember | None, business: BusinessSettings) -> tuple[str, str]:
    own = [a.strip() for a in business.own_addresses.splitlines() if "@" in a.strip()[1:]]
    email = owner.email if owner else (business.email or (own[0] if own else ""))
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


class ApologyNeedsWhat(CaseError):
    """An apology names what went wrong, in the user's words: it is never guessed."""

    def __init__(self, client: str) -> None:
        super().__init__(
            f"{client}: say what the apology is for (--about)", "apology_needs_about", client=client
        )


def letter_for(
    client_id: int,
    *,
    kind: str | None,
    lang: str | None,
    today: dt.date,
    about: str = "",
) -> Addressed:
    """Compose ``kind`` for the client in ``lang`` (the client's language by default).

    An ending letter takes its reason and dates from the client's offboarding case, or,
    without one, from a draft worked out as ``partways offboard`` would. ``about`` is
    what an apology is for, in the user's words. Raises ``UnknownLanguage``,
    ``LetterError`` or :class:`CaseError` (:class:`NotEnding` when no kind is named,
    there is no case and the triage does not say to end; :class:`ApologyNeedsWhat`
    for an apology without ``about``).
    """
    client = Client.objects.select_related("manager").get(pk=client_id)
    case = client.offboarding_cases.order_by("-opened_on", "-pk").first()
    language = check_language(lang or (case.language if case else "") or client.language or "en")
    kind = kind or (case.reason if case else None)
    if kind == "apology" and not about.strip():
        raise ApologyNeedsWhat(client.name)
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
    contact = primary_contact(client)
    warnings: list[Phrase] = []
    if kind == "apology":
        parties = _parties(client, contact, owner, business, language, today, warnings)
        letter = _apology(parties, language, today, cfg, about)
    elif kind == "expectations":
        parties = _parties(client, contact, owner, business, language, today, warnings)
        letter = _expectations(client, parties, language, cfg, business, today)
    else:
        letter = _ending(
            client,
            check_reason(kind),
            language,
            case,
            decision,
            today,
            cfg,
            lambda dated: _parties(client, contact, owner, business, language, dated, warnings),
            warnings,
        )
    to = (contact.name, contact.email) if contact and contact.email else None
    sender = _sender(owner, business)
    domain = sender[1].rsplit("@", 1)[-1] if "@" in sender[1] else "partways.invalid"
    return Addressed(letter, sender, to, domain, tuple(warnings))


def _latin(name: str) -> bool:
    """True when every letter of ``name`` is in the Latin script (Đurić, Nguyễn)."""
    return all("LATIN" in unicodedata.name(ch, "") for ch in name if ch.isalpha())


def _parties(
    client: Client,
    contact: Contact | None,
    owner: TeamMember | None,
    business: BusinessSettings,
    lang: str,
    dated: dt.date,
    warnings: list[Phrase],
) -> Parties:
    """Who writes to whom, as this letter writes them; what is missing goes to
    ``warnings`` (the letter still reads well without it)."""
    name = contact.name.strip() if contact else ""
    if name and lang != "ar" and not _latin(name):
        # A name in Arabic script inside a Latin-script letter: its Latin spelling if
        # recorded, else the letter addresses the company.
        latin = contact.latin_name.strip() if contact else ""
        if not latin:
            warnings.append(
                say(
                    "letter.contact_script",
                    "{contact}'s name is recorded in another script than the letter's and "
                    "has no Latin spelling: the letter addresses {client} instead. Record "
                    "the name in Latin letters to address them by name.",
                    contact=name,
                    client=client.name,
                )
            )
        name = latin
    if name and contact and not (contact.gender or contact.title):
        warnings.append(
            say(
                "letter.contact_form",
                "How to address {contact} (gender, title) is not recorded: the letter "
                "greets them by full name. Record it for a formal salutation.",
                contact=name,
            )
        )
    missing = [
        label
        for label, value in (
            (say("letter.field.legal_name", "your legal name"), business.legal_name),
            (say("letter.field.address", "your address"), business.address),
            (say("letter.field.registration", "your registration number"), business.registration),
        )
        if not value.strip()
    ]
    if missing:
        warnings.append(
            listed(
                "letter.letterhead_missing",
                "The letterhead lacks {items}: record them in the business settings.",
                missing,
            )
        )
    if not client.address.strip():
        warnings.append(
            say(
                "letter.client_address_missing",
                "{client}'s postal address is not recorded: the recipient block has only the name.",
                client=client.name,
            )
        )
    return Parties(
        client=client.name,
        contact=name,
        business=business.name,
        sender=owner.name if owner else "",
        letter_date=long_date(dated, lang),
        place=business.place.strip(),
        client_legal_name=client.legal_name.strip(),
        client_address=postal_lines(client.address),
        contact_gender=contact.gender if contact and name else "",
        contact_title=contact.title.strip() if contact and name else "",
        contact_family_name=name.split()[-1] if name else "",
        business_legal_name=business.legal_name.strip(),
        business_address=postal_lines(business.address),
        business_registration=business.registration.strip(),
        business_phone=business.phone.strip(),
        business_email=business.email.strip(),
        sender_title=owner.job_title.strip() if owner else "",
        sender_email=(owner.email if owner else "") or business.email.strip(),
    )


def _ending(
    client: Client,
    reason: str,
    lang: str,
    case: OffboardingCase | None,
    decision: Decision | None,
    today: dt.date,
    cfg: Thresholds,
    parties_on: Callable[[dt.date], Parties],
    warnings: list[Phrase],
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
    # The letter is dated the day it is sent: the notice date, from which the notice
    # period counts.
    parties = parties_on(inputs.notice_on)
    warnings[:0] = _before_sending(plan, case)
    referral_kind = ""
    if not plan.referral and not inputs.abusive and reason in REFERRAL_KINDS:
        referral_kind = REFERRAL_KINDS[reason]
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
    invoices = [
        Invoice(
            number=r.number,
            amount=money(r.outstanding_minor, r.currency, lang),
            due=long_date(r.due_on, lang),
            state="disputed" if r.disputed else "overdue" if r.due_on < inputs.notice_on else "due",
        )
        for r in plan.receivables
    ]
    overdue = [r for r in plan.receivables if not r.disputed and r.due_on < inputs.notice_on]
    review = plan.contract
    terms = review.terms
    dated = (terms.signed_on or terms.start) if terms is not None else None
    owner_name, owner_email = parties.sender, parties.sender_email
    ctx = EndingContext(
        parties=parties,
        notice_on=long_date(inputs.notice_on, lang),
        end_on=long_date(plan.end_on, lang),
        notice_days=plan.notice_days,
        contract_title=review.title if review.has_contract else "",
        basis=plan.basis,
        cause=plan.cause if plan.basis == "cause" else "",
        contract_dated=long_date(dated, lang) if dated else "",
        clause=review.clause.strip(),
        allowed_end=long_date(review.earliest_end, lang) if review.earliest_end else "",
        open_work=promised,
        referral=plan.referral,
        referral_kind=referral_kind,
        invoices=invoices,
        overdue_total=", ".join(money(v, cur, lang) for cur, v in totals(overdue).items()),
        oldest_overdue=long_date(overdue[0].due_on, lang) if overdue else "",
        due_later=any(i.state == "due" for i in invoices),
        disputed_count=sum(i.state == "disputed" for i in invoices),
        handover_contact=(
            f"{owner_name} ({owner_email})" if owner_name and owner_email else owner_name
        ),
    )
    return compose(reason, lang, ctx.template_vars(), template_dirs())


def _before_sending(plan: CasePlan, case: OffboardingCase | None) -> list[Phrase]:
    """What the writer must know before this ending letter goes out: the receivables
    gate `[001]`, and an end date that rests on more than the contract's notice terms."""
    out: list[Phrase] = []
    gate_settled = False
    if case is not None:
        step = case.steps.filter(step="receivables").first()
        gate_settled = step is not None and step.state in ("done", "waived")
    if plan.blocking and not gate_settled and not plan.receivables_waived:
        out.append(
            say_n(
                "letter.gate_open",
                "The receivables gate is not passed: {n} invoice due by the notice date "
                "is unpaid ({amount}). Don't announce the end before it is paid [001]; "
                "this letter is written before it is.",
                "The receivables gate is not passed: {n} invoices due by the notice date "
                "are unpaid ({amount}). Don't announce the end before they are paid [001]; "
                "this letter is written before they are.",
                len(plan.blocking),
                amount=Items(
                    tuple(
                        say("letter.amount", "{amount}", amount=Money(v, cur))
                        for cur, v in totals(plan.blocking).items()
                    )
                ),
            )
        )
    if plan.basis in ("cause", "agreement", "unrecorded"):
        out.extend(w for w in plan.warnings if w.code != "dates.work_after_end")
        if plan.basis == "unrecorded":
            out.extend(n for n in plan.contract.notes if n.code == "contract.ending_unknown")
    return out


def _apology(parties: Parties, lang: str, today: dt.date, cfg: Thresholds, about: str) -> Letter:
    call_by = today + dt.timedelta(days=cfg.int("repair.first_action_days"))
    about = about.strip()
    # The user's words end a sentence in the letter: give them a full stop if they lack one.
    if about and about[-1] not in ".!?…؟。":
        about += "."
    ctx = ApologyContext(parties=parties, call_by=long_date(call_by, lang), about=about)
    return compose("apology", lang, ctx.template_vars(), template_dirs())


def _first_work(client: Client) -> dt.date | None:
    """The first day the records show work with the client: a contract's start, an
    invoice, a time entry; None when they show none."""
    found = [
        client.contracts.aggregate(d=Min("start"))["d"],
        client.invoices.aggregate(d=Min("issued_on"))["d"],
    ]
    first_entry = client.time_entries.aggregate(d=Min("started_at"))["d"]
    if first_entry is not None:
        found.append(first_entry.date())
    days = [d for d in found if d is not None]
    return min(days) if days else None


def _expectations(
    client: Client,
    parties: Parties,
    lang: str,
    cfg: Thresholds,
    business: BusinessSettings,
    today: dt.date,
) -> Letter:
    contract = contract_row(client)
    first = _first_work(client)
    new = first is None or (today - first).days <= cfg.int("expectations.new_client_days")
    ctx = ExpectationsContext(
        parties=parties,
        work_days=weekday_names((int(d) for d in business.work_days.split(",") if d.strip()), lang),
        work_start=business.work_start.strftime("%H:%M"),
        work_end=business.work_end.strftime("%H:%M"),
        time_zone=time_zone_name(business.time_zone, lang),
        channel=(contract.main_channel if contract else "") or "email",
        reply_window_hours=(contract.reply_window_hours if contract else None)
        or cfg.int("minimal_communication.default_reply_window_hours"),
        check_in=check_in_cadence(cfg.int("repair.check_in_days")),
        revision_rounds=cfg.int("expectations.revision_rounds"),
        payment_terms_days=contract.payment_terms_days if contract else 30,
        deposit_percent=cfg.int("expectations.deposit_percent"),
        scope=contract.scope if contract else "",
        new_client=new,
        working_since="" if new or first is None else long_date(first, lang),
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
