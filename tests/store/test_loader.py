"""The database round trip: records written through Django reach the engine intact.

Runs on SQLite, and on PostgreSQL when DATABASE_URL is set. ``transaction=True``
because the loader reads through its own ADBC connection, which cannot see rows of
an uncommitted test transaction.
"""

import datetime as dt
from decimal import Decimal

import polars as pl
import pytest

from partways.core.engine import compute
from partways.store import models as m
from partways.store.business import load_business
from partways.store.loader import load_dataset
from partways.store.triage import run_triage

pytestmark = pytest.mark.django_db(transaction=True)
UTC = dt.UTC


@pytest.fixture
def workspace():
    s = m.BusinessSettings.load()
    s.time_zone = "Europe/Zagreb"
    s.save()
    m.ExchangeRate.objects.create(currency="USD", rate_to_base=Decimal("0.9"))
    staff = m.TeamMember.objects.create(name="Omar", email="omar@x.example", role="staff")
    owner = m.TeamMember.objects.create(name="Maja", email="maja@x.example", role="owner")
    acme = m.Client.objects.create(name="Acme d.o.o.")
    gone = m.Client.objects.create(name="Gone Ltd", archived=True)
    m.Contract.objects.create(
        client=acme, start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31), reply_window_hours=24
    )
    m.TimeEntry.objects.create(
        client=acme,
        person="Omar",
        started_at=dt.datetime(2026, 5, 4, 8, tzinfo=UTC),
        duration_seconds=7200,
        billable=True,
        bill_rate_minor=10000,
        currency="USD",
    )
    m.TimeEntry.objects.create(
        client=gone,
        person="Omar",
        started_at=dt.datetime(2026, 5, 4, 8, tzinfo=UTC),
        duration_seconds=7200,
    )
    inv = m.Invoice.objects.create(
        client=acme,
        number="2026-001",
        issued_on=dt.date(2026, 5, 5),
        due_on=dt.date(2026, 6, 4),
        amount_minor=20000,
        currency="USD",
        disputed=True,
    )
    m.Payment.objects.create(
        invoice=inv, client=acme, paid_on=dt.date(2026, 6, 14), amount_minor=20000, currency="USD"
    )
    msg = m.Message.objects.create(
        client=acme,
        direction="in",
        sent_at=dt.datetime(2026, 5, 6, 21, tzinfo=UTC),
        recipient=staff,
        recipients="omar@x.example",
        text="You idiots",
    )
    m.MessageLabel.objects.create(message=msg, label="abuse", score=0.9)
    m.Message.objects.create(
        client=acme,
        direction="in",
        recipient=owner,
        recipients="maja@x.example",
        sent_at=dt.datetime(2026, 5, 7, 9, tzinfo=UTC),
        text="ok",
    )
    m.Message.objects.create(
        client=None,
        direction="in",
        sent_at=dt.datetime(2026, 5, 7, 9, tzinfo=UTC),
        text="unmatched",
    )
    m.Meeting.objects.create(
        client=acme,
        starts_at=dt.datetime(2026, 5, 8, 9, tzinfo=UTC),
        status="held",
        client_prepared=False,
    )
    m.Proposal.objects.create(
        client=acme,
        kind="recommendation",
        title="New site",
        submitted_on=dt.date(2026, 5, 1),
        decided_on=dt.date(2026, 5, 9),
        outcome="rejected",
    )
    m.Deliverable.objects.create(
        client=acme,
        title="Logo",
        due=dt.date(2026, 5, 20),
        original_due=dt.date(2026, 6, 1),
        in_scope=True,
    )
    m.Incident.objects.create(
        client=acme,
        kind="abuse_to_staff",
        reporter=staff,
        occurred_at=dt.datetime(2026, 5, 6, 21, tzinfo=UTC),
        note="shouting",
    )
    m.ClientFlag.objects.create(
        client=acme, kind="not_a_fit", reason="moved on", created_on=dt.date(2026, 6, 1)
    )
    m.RepairPlan.objects.create(
        client=acme, opened_on=dt.date(2026, 4, 1), review_on=dt.date(2026, 6, 1), baseline_score=10
    )
    return acme


def test_every_table_loads_with_its_types_and_archived_clients_are_left_out(workspace):
    business, _ = load_business()
    assert business.time_zone == "Europe/Zagreb" and business.rates == {"USD": Decimal("0.9")}
    ds = load_dataset(business)
    assert ds.clients.get_column("name").to_list() == ["Acme d.o.o."]
    te = ds.time_entries
    assert te.height == 1 and te["seconds"][0] == 7200 and te["currency"][0] == "USD"
    assert te["started_at"][0] == dt.datetime(2026, 5, 4, 8, tzinfo=dt.UTC)
    assert ds.invoices["disputed"].to_list() == [True]
    assert ds.payments["paid_on"].to_list() == [dt.date(2026, 6, 14)]
    assert sorted(ds.messages["to_staff"].to_list()) == [False, True]
    assert ds.message_labels["label"].to_list() == ["abuse"]
    assert ds.incidents["reporter"].to_list() == ["Omar"]
    assert ds.contracts["end"].to_list() == [dt.date(2026, 12, 31)]
    assert ds.meetings["client_prepared"].to_list() == [False]
    for name, frame in ds.tables().items():
        assert isinstance(frame, pl.DataFrame), name


def test_the_engine_sees_the_database_the_way_it_was_written(workspace):
    business, cfg = load_business()
    result = compute(load_dataset(business), dt.date(2026, 6, 30), cfg)
    sev = dict(
        result.results.filter(pl.col("client_id") == workspace.pk)
        .select(pl.col("signal").cast(pl.String), pl.col("severity").cast(pl.String))
        .iter_rows()
    )
    assert sev["mistreats_staff"] == "high"
    assert sev["not_a_fit"] == "medium"
    pay = result.results.filter(pl.col("signal") == "payment_risk")
    # 10 days late, and the invoice is disputed: 15 days of risk more [002 #4].
    assert pay["value"].to_list() == [25.0]


def test_a_full_triage_records_the_portfolio_and_a_single_client_run_reuses_it(workspace):
    full = run_triage(dt.date(2026, 6, 30))
    assert [d.recommendation for d in full.decisions] == ["end_now"]
    run = m.TriageRun.objects.get()
    assert run.clients == 1 and "median_hourly_rate" in run.portfolio
    one = run_triage(dt.date(2026, 6, 30), [workspace.pk])
    assert one.decisions[0].to_json() == full.decisions[0].to_json()
    assert m.TriageRun.objects.count() == 1


def test_a_failing_read_in_the_child_process_says_why_and_leaves_no_files(tmp_path) -> None:
    from django.db import connection

    from partways.store import loader
    from partways.store.loader_child import ChildReadFailed, read_tables

    if connection.vendor != "sqlite":
        pytest.skip("the child process reads SQLite only")
    connection.ensure_connection()
    queries = [
        ("clients", loader._sql("clients", None), None),
        ("x", "SELECT * FROM nowhere", None),
    ]
    seen: list[str] = []
    with pytest.raises(ChildReadFailed, match="nowhere"):
        read_tables(loader._sqlite_url(), queries, 2, tmp_path, seen.append)
    assert seen == ["clients", "x"]
    assert list(tmp_path.iterdir()) == []


def test_what_a_killed_read_left_is_removed_and_a_running_one_s_is_kept(tmp_path) -> None:

    from django.db import connection

    from partways.store import loader
    from partways.store.leftovers import owner_token
    from partways.store.loader_child import SCRATCH_PREFIX, read_tables

    if connection.vendor != "sqlite":
        pytest.skip("the child process reads SQLite only")
    connection.ensure_connection()
    host = owner_token().rpartition(".")[0]
    # No process has an id this large (Linux stops at 2**22).
    dead = tmp_path / f"{SCRATCH_PREFIX}{host}.999999999-abc"
    dead.mkdir()
    (dead / "time_entries.arrow").write_bytes(b"x" * 1000)
    alive = tmp_path / f"{SCRATCH_PREFIX}{owner_token()}-def"
    alive.mkdir()
    # Another machine's (or container's) process: not this one's to judge.
    elsewhere = tmp_path / f"{SCRATCH_PREFIX}otherhost.999999999-ghi"
    elsewhere.mkdir()
    # Names that only look like process ids are left alone too.
    odd = tmp_path / f"{SCRATCH_PREFIX}{host}.{10**30}-jkl"
    odd.mkdir()
    frames = read_tables(
        loader._sqlite_url(), [("clients", loader._sql("clients", None), None)], 2, tmp_path
    )
    assert "clients" in frames
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [alive.name, elsewhere.name, odd.name]
    )


def test_002_2_abuse_a_staff_member_reports_reaches_the_engine_as_mistreating_staff():
    # The form said "abuse toward you", but the one who reported it works for the owner:
    # the team as it is when the signals are computed decides [002 #2].
    reporter = m.TeamMember.objects.create(name="Iva", email="iva@x.example", role="owner")
    acme = m.Client.objects.create(name="Acme d.o.o.")
    m.Incident.objects.create(
        client=acme,
        kind="abuse_to_you",
        reporter=reporter,
        severity="medium",
        occurred_at=dt.datetime(2026, 5, 4, 8, tzinfo=UTC),
    )
    as_of = dt.date(2026, 6, 30)

    def severities() -> dict[str, str]:
        result = compute(load_dataset(load_business()[0]), as_of)
        rows = result.results.filter(pl.col("client_id") == acme.pk)
        return dict(rows.select(pl.col("signal").cast(pl.String), "severity").iter_rows())

    before = severities()
    assert before["abuse_or_unreasonable"] == "high" and before["mistreats_staff"] == "none"
    reporter.role = "staff"
    reporter.save()
    after = severities()
    assert after["mistreats_staff"] == "high" and after["abuse_or_unreasonable"] == "none"
