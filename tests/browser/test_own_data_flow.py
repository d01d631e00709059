"""Your own data through the browser: first-run page, a ZIP of exports, claiming the rest.

A fresh workspace (no demo) served by `partways serve`; the owner logs in, is taken to
the set-up page, answers it, uploads one ZIP of a generated agency's real-format
exports (no records file: only what the tools export), claims on the "who is who" page
the one sender the files could not place, and sees the clients ranked.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from partways.evaluation.exports import write_agency
from partways.evaluation.generate.clients import build_agency
from tests.browser.conftest import OWNER, Server, log_in, serving, shot
from tests.cli.conftest import CLI, cli  # noqa: F401  (the fixture, re-exported)
from tests.cli.test_own_data import CHICAGO

STRANGER = "events@harbourhall.example"


@pytest.fixture(scope="module")
def server(cli: CLI) -> Iterator[Server]:  # noqa: F811  (a workspace of its own, no demo)
    with serving(cli, PARTWAYS_MACHINE_TIME_ZONE="America/Chicago") as server:
        yield server


@pytest.fixture(scope="module")
def exports_zip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    agency = build_agency(CHICAGO, seed=2026)
    folder = tmp_path_factory.mktemp("exports")
    write_agency(agency, folder)
    (folder / "records.yaml").unlink()
    client = agency.clients[0]  # type: ignore[attr-defined]
    # One message from an address none of the files names.
    (folder / "forwarded.eml").write_text(
        f"From: Harbour Hall Events <{STRANGER}>\nTo: dana@{CHICAGO.own_domain}\n"
        "Subject: Venue for the launch\nDate: Tue, 6 Oct 2026 10:00:00 -0500\n"
        "Message-ID: <venue-1@harbourhall.example>\n\n"
        f"Hi Dana, we are the venue {client.name} booked for the launch.\n",
        encoding="utf-8",
    )
    target = folder.parent / "exports.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target, agency


def test_first_run_zip_upload_and_claiming_the_rest(page, exports_zip) -> None:  # type: ignore[no-untyped-def]
    archive, agency = exports_zip
    log_in(page, *OWNER[:2])
    page.wait_for_url("**/setup/")
    assert page.get_by_label("Time zone").input_value() == "America/Chicago"
    page.get_by_label("Business name").fill("Fieldwork Studio")
    page.get_by_label("Base currency").fill("USD")
    page.get_by_label("Working day starts").fill("08:30")
    page.get_by_label("Working day ends").fill("17:00")
    page.get_by_label("Target hourly rate").fill("110")
    page.get_by_label("Your own e-mail addresses and domains").fill(f"@{CHICAGO.own_domain}")
    team = "\n".join(f"{p.name} <{p.email}> {p.role}" for p in agency.team)  # type: ignore[attr-defined]
    page.get_by_label("Your team").fill(team)
    shot(page, "first-run")
    page.get_by_role("button", name="Save and go on to the import").click()
    page.wait_for_url("**/import/")

    page.set_input_files("#id_uploads", files=[str(archive)])
    page.get_by_role("button", name="Import").click()
    page.wait_for_selector("#import-report", timeout=300_000)
    report = page.locator("#import-files").inner_text()
    # The ZIP was opened and read in a careful person's order.
    order = [
        report.index(f"exports.zip/{name}")
        for name in ("toggl_detailed_report.csv", "invoiceninja_payments.csv", "mail.mbox")
    ]
    assert order == sorted(order)
    assert "Not imported" not in report
    shot(page, "own-data-report")

    page.get_by_role("link", name="Say whose they are").first.click()
    page.wait_for_url("**/who-is-who/")
    row = page.locator("#unmatched-senders tbody tr").filter(has_text=STRANGER)
    assert row.count() == 1
    # Every other message found its client from the files themselves.
    assert page.locator("#unmatched-senders tbody tr").count() == 1
    client = agency.clients[0].name  # type: ignore[attr-defined]
    row.get_by_label(f"Client who writes from {STRANGER}").select_option(label=client)
    row.get_by_role("button", name="Claim").click()
    page.wait_for_url("**/who-is-who/")
    assert page.get_by_text(f"{STRANGER} is {client}'s now").is_visible()
    assert page.locator("#every-message-claimed").is_visible()

    page.goto("/portfolio/")
    page.get_by_role("button", name="Run the triage now").click()
    # A job for the worker `partways serve` started; its page links back when done.
    page.get_by_text("Triage done:").wait_for(timeout=120_000)
    page.get_by_role("link", name="See the portfolio").click()
    page.wait_for_url("**/portfolio/")
    names = page.locator("#clients-table tbody tr").all_inner_texts()
    assert len(names) == len(agency.clients)  # type: ignore[attr-defined]
    shot(page, "own-data-portfolio")
