"""Each export writer's files read back by partways' own importer, value by value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl
import pytest

from partways.evaluation.exports import WriterError, write_agency
from partways.evaluation.exports.calendar import write_ics
from partways.evaluation.exports.chat import write_slack
from partways.evaluation.exports.invoices import write_freshbooks, write_invoiceninja
from partways.evaluation.exports.mail import write_maildir, write_mbox
from partways.evaluation.exports.records import write_records
from partways.evaluation.exports.time import write_harvest, write_toggl
from partways.evaluation.model import Agency
from partways.importers import registry

from .tiny import AS_OF, tiny_agency

ZAGREB = ZoneInfo("Europe/Zagreb")


def _read(name: str, path: Path, agency: Agency) -> dict[str, pl.DataFrame]:
    importer = registry.get(name)
    assert importer.identify(path), f"{name} does not recognise {path.name}"
    assert registry.identify(path).name == name  # and nothing else claims it first
    importer.time_zone = agency.time_zone
    records, errors = importer.extract(path)
    assert errors == []
    return records.frames


@pytest.fixture
def agency() -> Agency:
    return tiny_agency()


def test_records_file_names_every_client_with_its_contacts_and_terms(agency, tmp_path):
    frames = _read("records", write_records(agency, tmp_path), agency)
    clients = frames["clients"].sort("client")
    assert clients["client"].to_list() == sorted(c.name for c in agency.clients)
    contacts = {r["email"]: r["client"] for r in frames["contacts"].iter_rows(named=True)}
    assert contacts == {c.contacts[0].email: c.name for c in agency.clients}
    contract = frames["contracts"].filter(pl.col("client") == "PT Maju Jaya").row(0, named=True)
    assert contract["currency"] == "USD"
    assert contract["start"] == dt.date(2025, 6, 1) and contract["end"] == dt.date(2026, 5, 31)
    assert (contract["reply_window_hours"], contract["payment_terms_days"]) == (48, 30)
    incident = frames["incidents"].row(0, named=True)
    assert incident["kind"] == "unethical" and incident["severity"] == "high"
    assert incident["occurred_at"] == dt.datetime(2026, 3, 20, 15, tzinfo=dt.UTC)
    flag = frames["flags"].row(0, named=True)
    assert (flag["client"], flag["kind"], flag["created_on"]) == (
        "Northwind Ltd",
        "not_a_fit",
        dt.date(2026, 3, 15),
    )
    assert frames["proposals"].height == 4
    assert set(frames["proposals"]["outcome"]) == {"accepted"}


def _entries(agency: Agency) -> list[tuple[str, Any]]:
    return [(c.name, e) for c in agency.clients for e in c.time_entries]


def test_harvest_report_gives_each_entry_its_day_hours_and_rate(agency, tmp_path):
    frame = _read("harvest", write_harvest(agency, tmp_path), agency)["time_entries"]
    assert frame.height == len(_entries(agency)) == 56
    assert frame["duration_seconds"].unique().to_list() == [9000]
    # Harvest has no start time: 09:00 on the entry's day in the business's zone.
    local = frame["started_at"].dt.convert_time_zone("Europe/Zagreb")
    assert set(local.dt.hour()) == {9}
    assert frame.filter(pl.col("client") == "PT Maju Jaya")["currency"].unique().to_list() == [
        "USD"
    ]
    billable = frame.filter(pl.col("billable"))
    assert set(billable["bill_rate_minor"]) == {9000}
    assert billable.height == sum(e.billable for _, e in _entries(agency))
    assert frame["cost_rate_minor"].null_count() == frame.height  # none is set
    assert set(frame["person"]) == {"Ana Kovač", "Marko Horvat"}


def test_toggl_report_keeps_start_times_and_prices_in_the_workspace_currency(agency, tmp_path):
    frame = _read("toggl", write_toggl(agency, tmp_path), agency)["time_entries"]
    expected = sorted(e.started_at for _, e in _entries(agency))
    assert sorted(frame["started_at"].to_list()) == expected
    usd = frame.filter((pl.col("client") == "Dar Al Noor") & pl.col("billable"))
    # 90 USD an hour at 0.92 EUR per USD: Toggl writes amounts in the workspace's EUR.
    assert set(usd["bill_rate_minor"]) == {8280} and set(usd["currency"]) == {"EUR"}
    assert frame.filter(~pl.col("billable")).height == sum(
        not e.billable for _, e in _entries(agency)
    )


def test_freshbooks_invoices_carry_full_payments_and_write_offs(agency, tmp_path):
    (path,) = write_freshbooks(agency, tmp_path)
    frames = _read("freshbooks-invoices", path, agency)
    invoices = {r["number"]: r for r in frames["invoices"].iter_rows(named=True)}
    assert len(invoices) == 8
    # 1,200 less 200 written off, as a negative line.
    assert invoices["0-02"]["amount_minor"] == 100000
    assert invoices["1-02"]["amount_minor"] == 120000
    assert invoices["3-02"]["status"] == "overdue"  # due 3 March, unpaid on 31 March
    assert invoices["3-03"]["status"] == "sent"  # due on the day of the export
    payments = {r["invoice_number"]: r["paid_on"] for r in frames["payments"].iter_rows(named=True)}
    assert payments["0-02"] == dt.date(2026, 2, 21)
    # The late payer's February invoice was paid on 17 April: after the export.
    assert "3-02" not in payments and "3-03" not in payments
    assert len(payments) == 6


def test_invoiceninja_reports_give_due_dates_currencies_and_payments(agency, tmp_path):
    invoices_path, payments_path = write_invoiceninja(agency, tmp_path)
    invoices = _read("invoiceninja-invoices", invoices_path, agency)["invoices"]
    row = invoices.filter(pl.col("number") == "3-02").row(0, named=True)
    assert (row["currency"], row["amount_minor"], row["due_on"]) == (
        "USD",
        120000,
        dt.date(2026, 3, 3),
    )
    assert invoices.filter(pl.col("number") == "0-02")["amount_minor"].item() == 100000
    payments = _read("invoiceninja-payments", payments_path, agency)["payments"]
    assert payments.height == 6
    paid = payments.filter(pl.col("invoice_number") == "1-03").row(0, named=True)
    assert (paid["client"], paid["paid_on"], paid["amount_minor"], paid["currency"]) == (
        "PT Maju Jaya",
        dt.date(2026, 3, 21),
        120000,
        "USD",
    )


def _emails(agency: Agency) -> int:
    return sum(m.channel == "email" for c in agency.clients for m in c.messages)


@pytest.mark.parametrize("fmt", ["maildir", "mbox"])
def test_mail_reads_back_with_threads_zones_and_quotes_stripped(agency, tmp_path, fmt):
    write = write_maildir if fmt == "maildir" else write_mbox
    frame = _read(fmt, write(agency, tmp_path), agency)["messages"]
    assert frame.height == _emails(agency) == 12
    by_text = {r["text"]: r for r in frame.iter_rows(named=True)}
    # Every reply's quote (in Croatian, Indonesian, English and Arabic attributions)
    # is stripped: what is analysed is what the client wrote.
    for client in agency.clients:
        for m in client.messages:
            if m.channel == "email":
                assert m.text in by_text, (client.language, m.text)
    replies = frame.filter(pl.col("in_reply_to").is_not_null())
    assert replies.height == 4
    assert set(replies["in_reply_to"]).issubset(set(frame["message_id"]))
    assert all("> Could you approve" in body for body in replies["body"])
    update = frame.filter(pl.col("subject") == "Office move").sort("author_address")
    assert update.height == 4
    first = update.row(0, named=True)
    assert first["author_address"] == "dar@alnoor.example"
    assert first["recipients"] == ["marko@studio.example", "ana@studio.example"]  # To, then Cc
    # Sent at 08:00 UTC from the client's own zone: the Date header's offset is Dubai's.
    assert first["sent_at"] == dt.datetime(2026, 3, 5, 8, tzinfo=dt.UTC)
    assert "From next week" in first["text"]


def test_maildir_files_outbound_mail_under_sent(agency, tmp_path):
    root = write_maildir(agency, tmp_path)
    sent = list((root / ".Sent" / "cur").iterdir())
    assert len(sent) == 4 and all(p.name.endswith(":2,S") for p in sent)
    assert b"Date: Mon, 02 Mar 2026 10:00:00 +0100" in sent[0].read_bytes()


def test_mbox_escapes_body_lines_that_start_with_from(agency, tmp_path):
    text = write_mbox(agency, tmp_path).read_text(encoding="utf-8")
    assert text.count("\n>From next week") == 4
    assert text.count("\nFrom ") + text.startswith("From ") == _emails(agency)


def test_slack_export_reads_back_with_members_mentions_and_threads(agency, tmp_path):
    frame = _read("slack", write_slack(agency, tmp_path), agency)["messages"]
    assert frame.height == 8
    assert set(frame["channel"]) == {"chat"}
    staff = frame.filter(pl.col("author_address") == "marko@studio.example")
    assert staff.height == 4
    row = staff.row(0, named=True)
    assert row["text"] == "@Ana Kovač thanks, I will check it too."
    assert "<@UANA0001>" in row["body"]
    assert row["in_reply_to"] is not None and row["in_reply_to"] in set(frame["message_id"])
    assert row["subject"].startswith("#ext-")
    assert len(row["recipients"]) == 2 and "ana@studio.example" in row["recipients"]
    sent = sorted(m.sent_at for c in agency.clients for m in c.messages if m.channel == "chat")
    assert sorted(frame["sent_at"].to_list()) == sent


def test_calendar_reads_back_with_attendees_and_cancellations(agency, tmp_path):
    frame = _read("ics", write_ics(agency, tmp_path), agency)["meetings"]
    assert frame.height == 8
    assert frame.filter(pl.col("status") == "cancelled").height == 4
    held = frame.filter(pl.col("status") == "held").sort("uid").row(0, named=True)
    assert held["starts_at"] == dt.datetime(2026, 3, 10, 9, tzinfo=dt.UTC)
    assert "ana@studio.example" in held["attendees"] and len(held["attendees"]) == 2


def test_write_agency_lists_files_in_import_order(tmp_path):
    written = write_agency(tiny_agency(time="toggl", invoices="freshbooks", mail="mbox"), tmp_path)
    assert [w.importer for w in written] == [
        "records",
        "toggl",
        "freshbooks-invoices",
        "mbox",
        "slack",
        "ics",
    ]
    assert all(w.path.exists() for w in written)


def test_a_format_the_writers_do_not_know_is_an_error(tmp_path):
    agency = tiny_agency()
    agency.formats["time"] = "clockify"  # type: ignore[typeddict-item]
    with pytest.raises(WriterError, match="not a format for time"):
        write_agency(agency, tmp_path)


def test_as_of_is_after_every_written_day(agency):
    assert all(i.issued_on <= AS_OF for c in agency.clients for i in c.invoices)
