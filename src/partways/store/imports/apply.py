"""Writing one file's records: all of it or nothing, and nothing twice.

:func:`write_records` runs in one transaction. A file with errors writes nothing
unless the user asked to skip the bad rows; a dry run does all the work, reports
exactly what a real run would, and rolls back. Every record's key is looked up in
the imported-keys table first: known and unchanged records are left alone, known
and changed ones are updated in place, and only new ones are inserted.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import polars as pl
import psycopg
from django.db import DatabaseError, connection, transaction

from partways.core.phrase import Phrase, as_phrase, say, say_n
from partways.importers import Records, RowError
from partways.importers.base import grouped
from partways.store.models import (
    BusinessSettings,
    ImportBatch,
    ImportCursor,
    ImportedKey,
    Message,
)

from . import bulk
from .context import Context
from .fields import oversized_fields
from .keys import with_keys
from .messages import content_ids, link_replies, messages
from .writers import WRITERS, Writer


@dataclass
class FileReport:
    """What importing one file did (or, for a dry run or a refused file, would do)."""

    source: str
    importer: str
    title: str
    new: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    # Records a live sync removed because the service deleted them.
    removed: Counter[str] = field(default_factory=Counter)
    # Rows left out, by why; and what the import has to say about the file (both are
    # phrases, worded by each interface in its reader's language).
    skipped: Counter[Phrase] = field(default_factory=Counter)
    errors: list[RowError] = field(default_factory=list)
    notes: list[Phrase] = field(default_factory=list)
    clients_created: list[str] = field(default_factory=list)
    aliases_added: list[tuple[str, str]] = field(default_factory=list)
    unmatched_addresses: Counter[str] = field(default_factory=Counter)
    unmatched_messages: int = 0
    # The address on nearly every message of a mailbox nobody said was theirs: most
    # likely the mailbox owner's own, proposed (never applied) as "me".
    proposed_own: str = ""
    written: bool = False
    dry_run: bool = False
    # Errors stopped the file (or would have, in a dry run): nothing of it is written.
    refused: bool = False


# The notes that say which addresses an import learned (see :func:`_report_learned`).
LEARNED = frozenset({"import.learned_addresses", "import.learned_addresses_more"})


def skipped_english(skipped: Counter[Phrase]) -> dict[str, int]:
    """Rows left out by reason, the reasons in English: for JSON and stored counts."""
    out: dict[str, int] = {}
    for reason, n in skipped.items():
        out[reason.english()] = out.get(reason.english(), 0) + n
    return out


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def write_records(
    records: Records,
    errors: list[RowError],
    *,
    importer: str,
    title: str,
    source: str,
    skip_bad_rows: bool = False,
    dry_run: bool = False,
    cursor_source: str | None = None,
    keys: Mapping[str, pl.DataFrame] | None = None,
    before: Callable[[], None] | None = None,
    after: Callable[[FileReport], None] | None = None,
) -> FileReport:
    """Write ``records`` found in ``source``; return what happened.

    With ``errors`` and without ``skip_bad_rows`` nothing is written (the report
    lists the errors). ``cursor_source`` names an incremental source whose
    ``records.cursor`` is saved with the records. ``keys`` gives, by kind, the key of
    each row (``line``, ``_key``) where the caller knows better than the rank among
    identical rows (a live sync; filled by ``before`` at the latest). ``before`` and
    ``after`` run inside
    the same transaction, before the records are written and after (a live sync
    moves the keys of edited records, then removes deleted ones): what they write is
    kept or rolled back with the rest.
    """
    # Checked here, once for every importer: a field longer than any real export holds
    # is an error of its row, and the row is left out of what may be written.
    records, too_long = oversized_fields(records, source)
    report = FileReport(
        source,
        importer,
        title,
        errors=[*errors, *too_long],
        dry_run=dry_run,
        # An importer may fill these directly, with text if it predates phrases.
        notes=[as_phrase(n) for n in records.notes],
    )
    report.skipped.update({as_phrase(r): n for r, n in records.skipped.items()})
    if report.errors and not skip_bad_rows:
        report.refused = True
        return report
    if report.errors:
        bad_rows = len({(e.line, e.path) for e in report.errors})
        report.skipped[say("import.skip_bad_rows", "bad rows (listed below)")] += bad_rows
    try:
        with transaction.atomic():
            _one_import_at_a_time()
            if before is not None:
                before()
            _write(records, report, cursor_source, keys or {})
            if after is not None:
                after(report)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except (DatabaseError, sqlite3.Error, psycopg.Error) as exc:
        # A record the database refuses (a value too long for PostgreSQL, a broken
        # constraint) rolls the whole file back, and is reported like any other error.
        # The bulk writers use the drivers' own cursors, hence their error classes too.
        problem = say(
            "import.database_refused",
            "the database refused a record ({problem}); nothing was written",
            problem=(str(exc).strip().splitlines() or [""])[0],
        )
        report.errors.append(RowError(source, None, None, problem))
        report.refused = True
        # Nothing was written: counts made on the way would say otherwise.
        for counter in (
            report.new,
            report.updated,
            report.unchanged,
            report.removed,
            report.unmatched_addresses,
        ):
            counter.clear()
        report.unmatched_messages = 0
        report.clients_created, report.aliases_added = [], []
    else:
        report.written = True
    finally:
        bulk.detach_staging()
    return report


# The advisory lock that makes imports one at a time on PostgreSQL (a number of this
# application's own choosing: "pw" "im" in ASCII).
IMPORT_LOCK = 0x7077_696D


def _one_import_at_a_time() -> None:
    """Wait for any other import's transaction to end, then hold the turn to this one's.

    An import reads what the database knows (clients, their names' matching keys,
    projects) and then writes what is new. SQLite runs one write transaction at a
    time, so there nothing changes in between. On PostgreSQL two imports would both
    find "Acme Ltd." new and make it twice, or deadlock on each other's new rows;
    an advisory lock held to the end of the transaction serialises them the same way.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


def _write(
    records: Records,
    report: FileReport,
    cursor_source: str | None,
    keys: Mapping[str, pl.DataFrame],
) -> None:
    ctx = Context.load()
    _infer_base_currency(records, ctx, report)
    batch = ImportBatch.objects.create(importer=report.importer, source=report.source)
    for kind in records.kinds():
        frame = records.frames[kind]
        if kind == "clients":
            _clients(frame, ctx, report)
        elif kind == "contacts":
            _contacts(frame, ctx, report)
        elif kind == "client_aliases":
            _aliases(frame, ctx, report)
        elif kind == "projects":
            _projects(frame, ctx, report)
        elif kind == "messages":
            # One message can sit in a mailbox twice (copied to two folders, or sent
            # to a list and to us): the same Message-ID is the same message.
            # Trailing blank lines are framing (an mbox adds one), not what was written:
            # without this the same message from an mbox and a maildir would differ.
            frame = frame.with_columns(pl.col("body").str.strip_chars_end("\r\n"))
            once = content_ids(frame).unique(subset="message_id", keep="first", maintain_order=True)
            ctx.skip(
                say("import.skip_message_copies", "copies of a message already in this file"),
                frame.height - once.height,
            )
            report.proposed_own = _mailbox_owner(once, ctx)
            _keyed("messages", once, messages, ctx, report, batch.pk)
        else:
            _keyed(kind, frame, WRITERS[kind][1], ctx, report, batch.pk, keys.get(kind))
    if {"invoices", "payments"} & set(records.kinds()):
        _link_payments()
    report.skipped.update(ctx.skipped)
    if ctx.learned_contacts:
        _report_learned(ctx, report)
    if ctx.directory.contacts_added:
        _claim_waiting(report)
    report.clients_created = ctx.directory.created
    report.aliases_added = ctx.directory.aliased
    report.unmatched_addresses = ctx.unmatched_addresses
    if ctx.projects_created:
        report.new["projects"] += ctx.projects_created
    batch.counts = {
        "new": dict(report.new),
        "updated": dict(report.updated),
        "unchanged": dict(report.unchanged),
        "skipped": skipped_english(report.skipped),
    }
    batch.save(update_fields=["counts"])
    if cursor_source and records.cursor is not None:
        ImportCursor.objects.update_or_create(
            source=cursor_source, defaults={"cursor": records.cursor}
        )


# Kinds whose record, once imported, is not changed by another tool's export of it:
# the same time entry in a Clockify and a Toggl export (one tool imported from the
# other) has one key, and each re-import would otherwise swap its rate and currency
# for the other file's. Its own tool's later exports still update it. (An invoice
# from another tool does update: a later export may know it was paid.)
FIRST_SOURCE_KEEPS = frozenset({"time_entries"})
BATCH_TABLE = ImportBatch._meta.db_table
TABLES = {kind: model._meta.db_table for kind, (model, _) in WRITERS.items()}
TABLES["messages"] = Message._meta.db_table
KEY_TABLE = ImportedKey._meta.db_table
# Columns no export holds but a user may have set in partways since the first import:
# an update from a newer export leaves them as they are.
KEPT_ON_UPDATE: dict[str, set[str]] = {
    "invoices": {"reminders_sent"},
    "meetings": {"client_prepared", "is_check_in"},
}


def _keyed(
    kind: str,
    frame: pl.DataFrame,
    writer: Writer,
    ctx: Context,
    report: FileReport,
    batch_id: int,
    given: pl.DataFrame | None = None,
) -> None:
    table = TABLES[kind]
    keyed = with_keys(kind, frame)
    if given is not None:
        # The caller's keys, row by row (a live sync knows each row by its service id).
        keyed = keyed.drop("_key").join(
            given.select("line", "_key"), on="line", how="left", maintain_order="left"
        )
    rows = writer(keyed, ctx)
    if kind == "messages":
        report.unmatched_messages += int(rows["client_id"].is_null().sum())
    if kind in FIRST_SOURCE_KEEPS:
        known = bulk.fetch(
            f"SELECT k.key, k.object_id, k.digest, b.importer FROM {KEY_TABLE} k "
            f"JOIN {BATCH_TABLE} b ON b.id = k.batch_id WHERE k.kind = %s",
            [kind],
            {
                "_key": pl.Int64,
                "_object_id": pl.Int64,
                "_old_digest": pl.Int64,
                "_source": pl.String,
            },
        )
    else:
        known = bulk.fetch(
            f"SELECT key, object_id, digest FROM {KEY_TABLE} WHERE kind = %s",
            [kind],
            {"_key": pl.Int64, "_object_id": pl.Int64, "_old_digest": pl.Int64},
        )
    known = _still_there(kind, known)
    if kind == "invoices":
        known = _known_invoices(rows, known)
    rows = rows.join(known, on="_key", how="left", maintain_order="left")
    fresh = rows.filter(pl.col("_object_id").is_null())
    # No old digest: an invoice found by its number only, never imported: update it.
    changed = rows.filter(
        pl.col("_object_id").is_not_null()
        & (pl.col("_old_digest").is_null() | (pl.col("_old_digest") != pl.col("_digest")))
    )
    if kind in FIRST_SOURCE_KEEPS and changed.height:
        # One tool's CSV export, data export and live sync are the same source.
        family = importer_family(report.importer)
        elsewhere = pl.col("_source").is_not_null() & (
            pl.col("_source").str.split("-").list.first() != family
        )
        theirs = changed.filter(elsewhere)
        changed = changed.filter(~elsewhere)
        for (source,), group in theirs.group_by(["_source"], maintain_order=True):
            ctx.skip(_kept_from(kind, str(source)), group.height)
        rows = rows.filter(~pl.col("_key").is_in(theirs["_key"].implode()))
    report.unchanged[kind] += rows.height - fresh.height - changed.height
    if fresh.height:
        # In index order: appending to a B-tree is far cheaper than inserting at random.
        if "client_id" in fresh.columns:
            fresh = fresh.sort("client_id", maintain_order=True)
        ids = bulk.next_ids(table, fresh.height)
        fresh = fresh.with_columns(ids.alias("id"))
        if kind == "messages":
            fresh = link_replies(fresh)
        bulk.insert_with_keys(
            table,
            fresh.drop("_object_id", "_old_digest", "_source", strict=False),
            KEY_TABLE,
            kind,
            batch_id,
        )
        report.new[kind] += fresh.height
    if changed.height:
        kept = KEPT_ON_UPDATE.get(kind, set()) | {"in_reply_to", "id"}
        columns = [c for c in changed.columns if not c.startswith("_") and c not in kept]
        bulk.update(table, changed.select(pl.col("_object_id").alias("id"), *columns))
        _record_keys(changed, kind, batch_id)
        report.updated[kind] += changed.height


def importer_family(importer: str) -> str:
    """The tool an importer reads: "toggl" for toggl, toggl-data and toggl-sync."""
    return importer.split("-", 1)[0]


def _kept_from(kind: str, source: str) -> Phrase:
    """Why records another tool's export brought first were not updated from this one."""
    if kind == "time_entries":
        return say(
            "import.skip_time_entries_kept",
            "time entries already imported from {source} (kept as they are)",
            source=source,
        )
    return say(
        "import.skip_kept",
        "{kind} already imported from {source} (kept as they are)",
        kind=kind.replace("_", " "),
        source=source,
    )


def _record_keys(changed: pl.DataFrame, kind: str, batch_id: int) -> None:
    """Store the new digests of changed records, and keys for invoices matched by number.

    A record found through the keys table has its old digest; one matched only by
    invoice number (entered by hand, or from another tool) has none and no key yet.
    """
    stored = changed.filter(pl.col("_old_digest").is_not_null())
    bulk.update(
        KEY_TABLE,
        stored.select(
            pl.col("_digest").alias("digest"),
            pl.lit(batch_id, pl.Int64).alias("batch_id"),
            pl.col("_key").alias("key"),
        ),
        by="key",
    )
    missing = changed.filter(pl.col("_old_digest").is_null())
    bulk.insert(
        KEY_TABLE,
        missing.select(
            pl.col("_key").alias("key"),
            pl.lit(kind).alias("kind"),
            pl.col("_object_id").alias("object_id"),
            pl.col("_digest").alias("digest"),
            pl.lit(batch_id, pl.Int64).alias("batch_id"),
        ),
    )


def _known_invoices(rows: pl.DataFrame, known: pl.DataFrame) -> pl.DataFrame:
    """Also treat invoices already in the database under the same number as known.

    An invoice entered by hand, or imported from another tool that spells the client
    differently, has another key but the same (client, number): it is updated, not
    inserted a second time.
    """
    existing = bulk.fetch(
        "SELECT id, client_id, number FROM partways_invoice",
        [],
        {"_object_id": pl.Int64, "client_id": pl.Int64, "number": pl.String},
    )
    matched = rows.join(existing, on=["client_id", "number"], how="inner").select(
        "_key", "_object_id", pl.lit(None, pl.Int64).alias("_old_digest")
    )
    return pl.concat([known, matched.filter(~pl.col("_key").is_in(known["_key"].implode()))])


def _link_payments() -> None:
    """Link payments imported before their invoice, now that it may be there."""
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE partways_payment SET invoice_id = (SELECT i.id FROM partways_invoice i "
            "WHERE i.client_id = partways_payment.client_id "
            "AND i.number = partways_payment.invoice_number) "
            "WHERE invoice_id IS NULL AND invoice_number <> ''"
        )


def _still_there(kind: str, known: pl.DataFrame) -> pl.DataFrame:
    """The known keys whose record still exists; the keys of deleted records are removed.

    A record deleted since (with its client, or by hand) is new again when an export
    brings it back.
    """
    if known.height == 0:
        return known
    # Asked of the database, which answers with the (usually no) stale keys only.
    stale = bulk.fetch(
        f"SELECT k.key FROM {KEY_TABLE} k LEFT JOIN {TABLES[kind]} t ON t.id = k.object_id "
        "WHERE k.kind = %s AND t.id IS NULL",
        [kind],
        {"_key": pl.Int64},
    )
    keys = stale["_key"].to_list()
    for start in range(0, len(keys), 10_000):
        chunk = keys[start : start + 10_000]
        with connection.cursor() as cur:
            cur.execute(
                f"DELETE FROM {KEY_TABLE} WHERE key IN ({','.join('%s' for _ in chunk)})", chunk
            )
    return known.join(stale, on="_key", how="anti") if stale.height else known


# A mailbox's owner is on nearly every message in it, as the sender or a recipient;
# fewer messages than this say nothing about whose mailbox it is.
OWNER_SHARE = 0.8
OWNER_MIN_MESSAGES = 20


def _mailbox_owner(frame: pl.DataFrame, ctx: Context) -> str:
    """The address on at least :data:`OWNER_SHARE` of the messages, when it is not yet
    known as the business's own or a team member's; "" otherwise."""
    if frame.height < OWNER_MIN_MESSAGES:
        return ""
    on_message = (
        frame.select(
            pl.concat_list(pl.col("author_address").fill_null(""), pl.col("recipients"))
            .list.eval(pl.element().str.to_lowercase().str.strip_chars())
            .list.unique()
            .alias("who")
        )
        .explode("who")
        .filter(pl.col("who").str.contains("@"))
        .group_by("who")
        .len()
        .sort("len", descending=True)
        .head(1)
    )
    if on_message.is_empty():
        return ""
    address, count = on_message.row(0)
    if count < OWNER_SHARE * frame.height or ctx.directory.is_own(address):
        return ""
    return str(address)


MONEY_KINDS = ("time_entries", "invoices", "payments", "expenses")


def _infer_base_currency(records: Records, ctx: Context, report: FileReport) -> None:
    """A first import whose money is all in one currency sets the base currency.

    Only while nobody chose one (at the set-up or in the settings) and nothing with
    money in it is stored yet: a business that bills in USD should not have to invent a USD→EUR
    rate because EUR was the default. Said in the report, with how to change it.
    """
    from partways.store.models import ExchangeRate, Expense, Invoice, Payment, TimeEntry

    settings = BusinessSettings.load()
    if settings.currency_chosen or ExchangeRate.objects.exists():
        return
    currencies: set[str] = set()
    for kind in MONEY_KINDS:
        frame = records.frames.get(kind)
        if frame is not None and "currency" in frame.columns:
            found = frame["currency"].drop_nulls().str.strip_chars().str.to_uppercase()
            currencies.update(c for c in found.unique().to_list() if c)
    if len(currencies) != 1:
        return
    (currency,) = currencies
    if currency == settings.base_currency or not (len(currency) == 3 and currency.isalpha()):
        return
    # Hours without a rate carry no money (a Toggl export often has none): they do not
    # tie the business to the default currency.
    priced_hours = TimeEntry.objects.filter(bill_rate_minor__gt=0)
    if priced_hours.exists() or any(m.objects.exists() for m in (Invoice, Payment, Expense)):
        return
    before, settings.base_currency = settings.base_currency, currency
    settings.save(update_fields=["base_currency"])
    ctx.base_currency = currency
    report.notes.append(
        say(
            "import.base_currency_set",
            "the base currency is now {currency}, the one all of this file's money is in "
            "(it was {before}, the default); it can be changed in the settings",
            currency=currency,
            before=before,
        )
    )


def _report_learned(ctx: Context, report: FileReport) -> None:
    """Say which addresses the file taught."""
    learned = ctx.learned_contacts
    report.new["contacts"] += len(learned)
    shown = ", ".join(f"{address} → {client}" for client, address in learned[:5])
    if len(learned) > 5:
        report.notes.append(
            say_n(
                "import.learned_addresses_more",
                "learned {n} client address(es) from this file: {shown} and {more} more; "
                "mail from them now finds the client",
                "learned {n} client address(es) from this file: {shown} and {more} more; "
                "mail from them now finds the client",
                len(learned),
                shown=shown,
                more=len(learned) - 5,
            )
        )
    else:
        report.notes.append(
            say_n(
                "import.learned_addresses",
                "learned {n} client address(es) from this file: {shown}; "
                "mail from them now finds the client",
                "learned {n} client address(es) from this file: {shown}; "
                "mail from them now finds the client",
                len(learned),
                shown=shown,
            )
        )


def _claim_waiting(report: FileReport) -> None:
    """Clients gained addresses: the mail imported earlier without a client is matched
    again."""
    from .resolve import claim_messages

    claimed = claim_messages()
    if claimed:
        report.notes.append(
            say_n(
                "import.messages_claimed",
                "{count} message(s) imported earlier without a client now have one",
                "{count} message(s) imported earlier without a client now have one",
                claimed,
                count=grouped(claimed),
            )
        )


def _named(text: str | None) -> bool:
    """Is there a name here, not just white space?"""
    return bool(text and text.strip())


def _clients(frame: pl.DataFrame, ctx: Context, report: FileReport) -> None:
    """Client lists: each name resolved (created when new), its contact recorded."""
    directory = ctx.directory
    for row in frame.iter_rows(named=True):
        if not _named(row["client"]):
            ctx.skip(say("import.skip_client_no_name", "clients without a name"), 1)
            continue
        before = len(directory.created)
        pk = directory.resolve(row["client"])
        added = bool(row["email"]) and directory.add_contact(
            pk, row["email"], row["contact_name"] or "", row["phone"] or ""
        )
        from partways.store.models import Client

        if row["country"] and len(row["country"]) == 2:
            Client.objects.filter(pk=pk, country="").update(country=row["country"].upper())
        # What letters need and no other export carries: kept as the file last said it.
        letters = {
            key: value.strip()[:limit]
            for key, limit in (("legal_name", 200), ("address", 1000))
            if isinstance(value := row.get(key), str) and value.strip()
        }
        if letters and Client.objects.filter(pk=pk).exclude(**letters).update(**letters):
            added = True
        if len(directory.created) > before:
            report.new["clients"] += 1
        elif added:
            report.updated["clients"] += 1
        else:
            report.unchanged["clients"] += 1


def _contacts(frame: pl.DataFrame, ctx: Context, report: FileReport) -> None:
    """Further contacts of clients: new addresses are added; a known one keeps its
    name, and takes the form of address (gender, title, Latin spelling) a file gives."""
    from partways.store.models import Contact

    for row in frame.iter_rows(named=True):
        if not _named(row["client"]) or not _named(row["email"]):
            ctx.skip(
                say("import.skip_contact_incomplete", "contacts without a client or an address"), 1
            )
            continue
        pk = ctx.directory.resolve(row["client"])
        added = ctx.directory.add_contact(
            pk, row["email"], row["contact_name"] or "", row["phone"] or "", row["role"] or ""
        )
        form = {
            key: value.strip()[:limit]
            for key, limit in (("gender", 6), ("title", 50), ("latin_name", 200))
            if isinstance(value := row.get(key), str) and value.strip()
        }
        changed = bool(form) and bool(
            Contact.objects.filter(client_id=pk, email__iexact=row["email"].strip())
            .exclude(**form)
            .update(**form)
        )
        if added:
            report.new["contacts"] += 1
        else:
            (report.updated if changed else report.unchanged)["contacts"] += 1


def _aliases(frame: pl.DataFrame, ctx: Context, report: FileReport) -> None:
    """Other names of clients, so later exports that use them find the client."""
    from .resolve import ResolveError, add_name_alias

    for client, alias in frame.select("client", "alias").iter_rows():
        if not _named(client) or not _named(alias):
            ctx.skip(say("import.skip_alias_incomplete", "aliases without a client or a name"), 1)
            continue
        pk = ctx.directory.resolve(client)
        try:
            added = add_name_alias(alias, pk, ctx.directory)
        except ResolveError as exc:
            # The refusal's own words are English (ResolveError words it for the CLI).
            report.notes.append(
                say(
                    "import.alias_not_added",
                    "alias {alias} not added: {reason}",
                    alias=repr(alias),
                    reason=str(exc),
                )
            )
            continue
        (report.new if added else report.unchanged)["aliases"] += 1


def _projects(frame: pl.DataFrame, ctx: Context, report: FileReport) -> None:
    for client, project in frame.select("client", "project").iter_rows():
        if not _named(client) or not _named(project):
            ctx.skip(say("import.skip_project_no_client", "projects without a client"), 1)
            continue
        before = ctx.projects_created
        ctx.project(ctx.directory.resolve(client), project)
        if ctx.projects_created == before:
            report.unchanged["projects"] += 1


def own_addresses(addresses: list[str]) -> bool:
    """Add addresses (or ``@domains``) to the business's own; mail from them is outbound.

    Returns whether any was new: mail imported earlier from it is then re-read as
    outbound (:func:`partways.store.imports.resolve.reclassify_own_mail`).
    """
    settings = BusinessSettings.load()
    current = settings.own_addresses.split()
    added = False
    for address in addresses:
        if address.lower() not in current:
            current.append(address.lower())
            added = True
    settings.own_addresses = "\n".join(current)
    settings.save(update_fields=["own_addresses"])
    if added:
        from .resolve import reclassify_own_mail

        reclassify_own_mail()
    return added
