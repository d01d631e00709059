"""Writing imported records: nothing twice, all or nothing, and who is who.

Runs on SQLite, and on PostgreSQL when DATABASE_URL is set. Records are built the
way importers hand them over (frames in the record schemas), so these tests pin
the store's guarantees whatever the format.
"""

import datetime as dt

import polars as pl
import pytest

from partways.core.phrase import say
from partways.importers import Records, RowError
from partways.store import models as m
from partways.store.imports.apply import skipped_english, write_records
from partways.store.imports.resolve import ResolveError, add_alias, merge

pytestmark = pytest.mark.django_db(transaction=True)
UTC = dt.UTC


def _time(rows):
    records = Records()
    records.add(
        "time_entries",
        pl.DataFrame(
            [
                {
                    "client": c,
                    "project": p,
                    "person": "Ana",
                    "duration_seconds": s,
                    "started_at": dt.datetime(2026, 3, d, 9, tzinfo=UTC),
                    "description": "work",
                    "line": i + 2,
                }
                for i, (c, p, d, s) in enumerate(rows)
            ],
            schema_overrides={"started_at": pl.Datetime("us", "UTC")},
        ),
    )
    return records


def _write(records, errors=(), **kwargs):
    return write_records(
        records, list(errors), importer="test", title="test", source="export.csv", **kwargs
    )


def test_importing_the_same_records_again_adds_nothing():
    rows = [("Acme", "Web", 2, 3600), ("Acme", "Web", 3, 1800), ("Beta", None, 4, 600)]
    first = _write(_time(rows))
    assert first.new["time_entries"] == 3 and first.written
    again = _write(_time(rows))
    assert again.new["time_entries"] == 0 and again.unchanged["time_entries"] == 3
    assert m.TimeEntry.objects.count() == 3
    assert m.ImportedKey.objects.count() == 3
    assert m.ImportBatch.objects.count() == 2


def test_an_overlapping_export_adds_only_the_rows_not_seen_before():
    _write(_time([("Acme", "Web", 2, 3600), ("Acme", "Web", 3, 1800)]))
    report = _write(_time([("Acme", "Web", 3, 1800), ("Acme", "Web", 4, 900)]))
    assert (report.new["time_entries"], report.unchanged["time_entries"]) == (1, 1)
    assert m.TimeEntry.objects.count() == 3


def test_identical_rows_in_one_file_are_both_kept_and_still_not_doubled_later():
    rows = [("Acme", "Web", 2, 3600), ("Acme", "Web", 2, 3600)]
    assert _write(_time(rows)).new["time_entries"] == 2
    assert _write(_time(rows)).new["time_entries"] == 0
    assert m.TimeEntry.objects.count() == 2


def test_a_file_with_errors_writes_nothing():
    error = RowError("export.csv", 7, '"Duration" (12)', say("test.bad", "'x' is not a duration"))
    report = _write(_time([("Acme", "Web", 2, 3600)]), [error])
    assert report.refused and not report.written
    assert m.TimeEntry.objects.count() == 0 and m.Client.objects.count() == 0
    assert m.ImportBatch.objects.count() == 0


def test_skip_bad_rows_writes_the_good_rows_and_counts_the_bad():
    error = RowError("export.csv", 7, '"Duration" (12)', say("test.bad", "'x' is not a duration"))
    report = _write(_time([("Acme", "Web", 2, 3600)]), [error], skip_bad_rows=True)
    assert report.written and report.new["time_entries"] == 1
    assert skipped_english(report.skipped)["bad rows (listed below)"] == 1


def test_a_dry_run_reports_what_would_change_and_writes_nothing():
    report = _write(_time([("Acme", "Web", 2, 3600)]), dry_run=True)
    assert report.new["time_entries"] == 1 and report.clients_created == ["Acme"]
    assert not report.written
    assert m.TimeEntry.objects.count() == m.Client.objects.count() == 0


def test_a_record_the_database_refuses_rolls_back_the_whole_file():
    records = _time([("Acme", "Web", 2, 3600)])
    # A contract without a start date breaks a NOT NULL constraint after the time
    # entries were already inserted in the same transaction.
    records.add("contracts", pl.DataFrame({"client": ["Acme"], "title": ["Retainer"]}))
    report = _write(records)
    assert report.refused and "database refused" in report.errors[0].message.english()
    assert m.TimeEntry.objects.count() == 0 and m.Client.objects.count() == 0
    assert m.ImportedKey.objects.count() == 0


def test_spellings_of_one_client_meet_through_their_normal_form():
    m.Client.objects.create(name="Acme d.o.o.")
    m.Client.objects.create(name="PT Kopi Nusantara Tbk")
    report = _write(
        _time([("ACME, doo", None, 2, 60), ("acme", None, 3, 60), ("Kopi Nusantara", None, 4, 60)])
    )
    assert report.clients_created == []
    assert m.Client.objects.count() == 2
    assert set(m.ClientAlias.objects.values_list("alias", flat=True)) == {
        "ACME, doo",
        "acme",
        "Kopi Nusantara",
    }


def _invoice(amount, status="sent"):
    records = Records()
    records.add(
        "invoices",
        pl.DataFrame(
            {
                "client": ["Acme"],
                "number": ["2026-001"],
                "issued_on": [dt.date(2026, 3, 1)],
                "amount_minor": [amount],
                "currency": ["EUR"],
                "status": [status],
            }
        ),
    )
    return records


def test_a_changed_invoice_is_updated_in_place():
    assert _write(_invoice(10_000)).new["invoices"] == 1
    report = _write(_invoice(12_500))
    assert report.updated["invoices"] == 1 and report.new["invoices"] == 0
    invoice = m.Invoice.objects.get()
    assert invoice.amount_minor == 12_500
    # No due date in the export: 30 days of payment terms.
    assert invoice.due_on == dt.date(2026, 3, 31)


def test_draft_and_void_invoices_are_skipped_with_the_reason():
    report = _write(_invoice(10_000, status="draft"))
    assert skipped_english(report.skipped)["draft or void invoices"] == 1
    assert m.Invoice.objects.count() == 0


def test_payments_link_to_invoices_of_the_same_file():
    records = _invoice(10_000)
    records.add(
        "payments",
        pl.DataFrame(
            {
                "client": ["Acme", "Acme"],
                "invoice_number": ["2026-001", "unknown"],
                "paid_on": [dt.date(2026, 3, 20)] * 2,
                "amount_minor": [10_000, 500],
            }
        ),
    )
    _write(records)
    linked = m.Payment.objects.filter(invoice__number="2026-001").count()
    assert (linked, m.Payment.objects.filter(invoice=None).count()) == (1, 1)


def _mail(author, to, message_id, sent=1):
    records = Records()
    records.add(
        "messages",
        pl.DataFrame(
            {
                "message_id": [message_id],
                "channel": ["email"],
                "sent_at": [dt.datetime(2026, 3, sent, 9, tzinfo=UTC)],
                "author_address": [author],
                "recipients": [[to]],
                "subject": ["Hi"],
                "text": ["Hello"],
                "body": ["Hello\n> quoted"],
            },
            schema_overrides={"sent_at": pl.Datetime("us", "UTC")},
        ),
    )
    return records


def test_messages_are_matched_by_contact_address_then_by_domain():
    acme = m.Client.objects.create(name="Acme")
    m.Contact.objects.create(client=acme, name="Iva", email="iva@acme.hr")
    m.TeamMember.objects.create(name="Ana", email="ana@studio.hr", role="owner")
    _write(_mail("iva@acme.hr", "ana@studio.hr", "a@x"))
    _write(_mail("boss@acme.hr", "ana@studio.hr", "b@x"))
    _write(_mail("ana@studio.hr", "boss@acme.hr", "c@x"))
    rows = {
        x.external_id: (x.client_id, x.direction, x.recipient_id is not None)
        for x in m.Message.objects.all()
    }
    assert rows == {
        "a@x": (acme.pk, "in", True),
        "b@x": (acme.pk, "in", True),
        "c@x": (acme.pk, "out", False),
    }
    assert m.Message.objects.get(external_id="a@x").body == "Hello\n> quoted"


def test_an_unmatched_message_is_kept_and_claimed_by_a_later_alias():
    acme = m.Client.objects.create(name="Acme")
    report = _write(_mail("someone@newdomain.id", "ana@studio.hr", "n@x"))
    assert report.unmatched_messages == 1
    assert m.Message.objects.get().client_id is None
    result = add_alias("@newdomain.id", acme.pk)
    assert result.claimed_messages == 1
    assert m.Message.objects.get().client_id == acme.pk


def test_a_free_mail_domain_cannot_be_a_client_domain():
    acme = m.Client.objects.create(name="Acme")
    with pytest.raises(ResolveError, match="free-mail"):
        add_alias("@gmail.com", acme.pk)


def test_merge_moves_every_record_and_keeps_the_old_name_as_an_alias():
    _write(_time([("Acme Corporation", None, 2, 60), ("ACME", None, 3, 60)]))
    assert m.Client.objects.count() == 1  # "Corporation" is a legal form
    _write(_time([("Akme", None, 4, 60)]))
    source = m.Client.objects.get(name="Akme")
    target = m.Client.objects.get(name="Acme Corporation")
    moved = merge(source.pk, target.pk)
    assert moved == {"time entries": 1}
    assert m.TimeEntry.objects.filter(client=target).count() == 3
    # The next import that says "Akme" lands on the merged client.
    report = _write(_time([("Akme", None, 5, 60)]))
    assert report.clients_created == [] and m.Client.objects.count() == 1


def test_merging_clients_that_share_an_invoice_number_changes_nothing():
    a = m.Client.objects.create(name="A")
    b = m.Client.objects.create(name="B")
    for c in (a, b):
        m.Invoice.objects.create(
            client=c,
            number="1",
            issued_on=dt.date(2026, 1, 1),
            due_on=dt.date(2026, 2, 1),
            amount_minor=1,
        )
    with pytest.raises(ResolveError, match="numbered 1"):
        merge(a.pk, b.pk)
    assert m.Client.objects.count() == 2


def test_a_large_import_goes_through_the_bulk_path_and_stays_atomic():
    rows = [("Acme", "Web", 1 + i % 28, 60 + i) for i in range(25_000)]
    report = _write(_time(rows))
    assert report.new["time_entries"] == 25_000
    assert m.TimeEntry.objects.count() == 25_000
    assert _write(_time(rows)).unchanged["time_entries"] == 25_000
    assert m.TimeEntry.objects.count() == 25_000


def test_a_large_import_is_staged_in_parts_and_leaves_no_staging_file(monkeypatch, settings):
    from pathlib import Path

    from django.db import connection

    from partways.store.imports import bulk

    monkeypatch.setattr(bulk, "STAGING_PART_ROWS", 7_000)
    rows = [("Acme", f"P{i % 3}", 1 + i % 28, 60 + i) for i in range(25_000)]
    assert _write(_time(rows)).new["time_entries"] == 25_000
    assert m.TimeEntry.objects.values("project").distinct().count() == 3
    if connection.vendor == "sqlite":
        folder = Path(str(connection.settings_dict["NAME"])).parent
        assert not list(folder.glob("*-import-staging-*"))


def test_an_invoice_entered_by_hand_is_updated_by_its_export_not_doubled():
    acme = m.Client.objects.create(name="Acme")
    m.Invoice.objects.create(
        client=acme,
        number="2026-001",
        issued_on=dt.date(2026, 3, 1),
        due_on=dt.date(2026, 3, 15),
        amount_minor=9_000,
    )
    report = _write(_invoice(10_000))
    assert (report.new["invoices"], report.updated["invoices"]) == (0, 1)
    assert m.Invoice.objects.get().amount_minor == 10_000
    # Its key is now known: the same export again changes nothing.
    assert _write(_invoice(10_000)).unchanged["invoices"] == 1


def test_an_update_keeps_what_the_user_set_that_no_export_holds():
    _write(_invoice(10_000))
    m.Invoice.objects.update(reminders_sent=2)
    _write(_invoice(12_000))
    assert m.Invoice.objects.values_list("amount_minor", "reminders_sent").get() == (12_000, 2)


def test_records_deleted_since_come_back_and_never_overwrite_another_record():
    _write(_time([("Acme", None, 1, 60)]))
    _write(_time([("Beta", None, 2, 60)]))
    m.Client.objects.filter(name="Beta").delete()
    _write(_time([("Gamma", None, 3, 60)]))  # must not take Beta's old id
    report = _write(_time([("Beta", None, 2, 60)]))
    assert report.new["time_entries"] == 1
    clients = sorted(m.TimeEntry.objects.values_list("client__name", flat=True))
    assert clients == ["Acme", "Beta", "Gamma"]


def test_a_payment_imported_before_its_invoice_is_linked_when_the_invoice_arrives():
    base = m.BusinessSettings.load()
    base.base_currency = "USD"
    base.save()
    records = Records()
    records.add(
        "payments",
        pl.DataFrame(
            {
                "client": ["Acme"],
                "invoice_number": ["2026-001"],
                "paid_on": [dt.date(2026, 3, 20)],
                "amount_minor": [10_000],
            }
        ),
    )
    _write(records)
    assert m.Payment.objects.get().invoice_id is None
    _write(_invoice(10_000))  # in EUR
    payment = m.Payment.objects.get()
    assert payment.invoice is not None and payment.invoice.number == "2026-001"
    # Re-imported now, a payment without a currency takes its invoice's (EUR), not USD.
    m.Payment.objects.all().delete()
    _write(records)
    assert m.Payment.objects.values_list("currency", flat=True).get() == "EUR"


def test_a_message_without_an_id_is_nobodys_parent():
    records = _mail("iva@acme.hr", "ana@studio.hr", "a@x", sent=1)
    for message_id, day in ((None, 2), ("c@x", 3)):
        records.add(
            "messages",
            _mail("iva@acme.hr", "ana@studio.hr", message_id, sent=day).frames["messages"],
        )
    _write(records)
    assert m.Message.objects.exclude(in_reply_to=None).count() == 0


def _payment(client, email=None):
    records = Records()
    records.add(
        "payments",
        pl.DataFrame(
            {
                "client": [client],
                "client_email": [email],
                "paid_on": [dt.date(2026, 3, 20)],
                "amount_minor": [500],
                "reference": ["ch_1"],
            }
        ),
    )
    return records


def test_a_customer_named_by_address_lands_on_the_client_with_that_contact():
    acme = m.Client.objects.create(name="Acme d.o.o.")
    m.Contact.objects.create(client=acme, name="Bob", email="bob@acme.hr")
    report = _write(_payment("bob@acme.hr", "bob@acme.hr"))
    assert report.clients_created == []
    assert m.Payment.objects.get().client_id == acme.pk


def test_odd_names_neither_merge_nor_multiply():
    long_name = "Very Long Client Name " * 12  # over the 200 characters a name can hold
    for _ in range(2):
        _write(_time([(long_name, "Web", 1, 60), ("???", None, 2, 60), ("★", None, 3, 60)]))
    assert m.Client.objects.count() == 3
    assert m.Project.objects.count() == 1


def test_an_invoice_number_listed_twice_keeps_its_last_row():
    records = Records()
    records.add(
        "invoices",
        pl.DataFrame(
            {
                "client": ["Acme", "ACME Ltd"],
                "number": ["7", "7"],
                "issued_on": [dt.date(2026, 3, 1)] * 2,
                "amount_minor": [100, 200],
            }
        ),
    )
    report = _write(records)
    assert (
        report.written
        and skipped_english(report.skipped)["invoice numbers listed again (the last row kept)"]
    )
    assert m.Invoice.objects.values_list("amount_minor", flat=True).get() == 200


def test_a_refused_file_reports_no_new_records():
    records = _time([("Acme", "Web", 2, 3600)])
    records.add("contracts", pl.DataFrame({"client": ["Acme"], "title": ["Retainer"]}))
    report = _write(records)
    assert report.refused and sum(report.new.values()) == 0 and report.clients_created == []


def test_a_stray_nul_character_does_not_refuse_the_file():
    records = _mail("iva@acme.hr", "ana@studio.hr", "nul@x")
    frame = records.frames["messages"].with_columns(pl.lit("Hello\x00 there").alias("body"))
    records.frames["messages"] = frame
    assert _write(records).written
    assert "there" in m.Message.objects.get().body


def test_an_importer_written_before_findings_were_phrases_still_reports_in_text():
    # A third-party importer that says why rows were skipped, and what it noticed, in
    # plain text: the report keeps its words, untranslated, instead of failing.
    records = _time([("Acme", "Web", 2, 3600)])
    records.skip("rows of a deleted project", 2)
    records.skipped["archived rows"] = 1  # filled directly, as such an importer may
    records.notes.append("the export was cut at 5,000 rows")
    report = _write(records)
    assert report.written and report.new["time_entries"] == 1
    assert skipped_english(report.skipped) == {"rows of a deleted project": 2, "archived rows": 1}
    assert [n.english() for n in report.notes] == ["the export was cut at 5,000 rows"]
