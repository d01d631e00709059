"""E-mail importers: fixtures beside their expected records, and the real samples."""

from pathlib import Path

import pytest
from tests.golden import check, skipped_in_english
from tests.shared_data import SHARED, shared_files

from partways.importers import Importer, ImportFailed
from partways.importers.email import EmlImporter, MaildirImporter, MboxImporter, mbox

FIXTURES = Path(__file__).parent.parent / "fixtures"
CLASSES = (MboxImporter, MaildirImporter, EmlImporter)


def _zagreb(cls: type[Importer]) -> Importer:
    importer = cls()
    importer.time_zone = "Europe/Zagreb"
    return importer


@pytest.mark.parametrize(
    ("cls", "name"),
    [
        (MboxImporter, "clients.mbox"),
        (MaildirImporter, "maildir"),
        (EmlImporter, "eml_folder"),
        (EmlImporter, "single.eml"),
    ],
)
def test_fixture_gives_its_golden_records(cls: type[Importer], name: str) -> None:
    check(_zagreb(cls), FIXTURES / name)


def _claimants(path: Path) -> list[str]:
    return [
        cls.name
        for cls in CLASSES
        if (cls.reads_folders or not path.is_dir()) and cls().identify(path)
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("clients.mbox", ["mbox"]),
        ("maildir", ["maildir"]),
        ("maildir/cur/1772701920.M1P100.host:2,S", ["eml"]),
        ("eml_folder", ["eml"]),
        ("eml_folder/notes.txt", []),
        ("single.eml", ["eml"]),
        ("clients.mbox.expected.json", []),
    ],
)
def test_exactly_one_email_importer_identifies_each_fixture(name: str, expected: list[str]) -> None:
    assert _claimants(FIXTURES / name) == expected


def test_a_missing_date_falls_back_to_the_from_line_read_in_the_import_zone() -> None:
    records, _ = _zagreb(MboxImporter).extract(FIXTURES / "clients.mbox")
    row = (
        records.frames["messages"]
        .filter(message_id="nodate-6@northwind.example")
        .row(0, named=True)
    )
    # "From john@northwind.example Mon Mar  9 08:00:00 2026" is 08:00 in Zagreb.
    assert row["sent_at"].isoformat() == "2026-03-09T07:00:00+00:00"
    # The mboxrd-escaped ">From now on" is the author's text, not a quote.
    assert row["text"].startswith("From now on please send invoices")


def test_a_message_without_any_date_is_an_error_at_its_from_line() -> None:
    records, errors = _zagreb(MboxImporter).extract(FIXTURES / "clients.mbox")
    assert [(e.line, e.column) for e in errors] == [(118, "Date")]
    assert "'sometime next week', which is not a date" in errors[0].message.english()
    assert "baddate-7@northwind.example" not in records.frames["messages"]["message_id"]


def test_headers_bodies_and_charsets_are_decoded() -> None:
    records, _ = _zagreb(MboxImporter).extract(FIXTURES / "clients.mbox")
    rows = {r["line"]: r for r in records.frames["messages"].to_dicts()}
    assert rows[44]["subject"] == "Re: Faktur INV-2026-014 — pembayaran"  # RFC 2047, QP body
    assert "Terima kasih, desainnya bagus." in rows[44]["body"]
    assert rows[68]["body"].startswith("Poštovana Ana,")  # base64 in iso-8859-2
    assert rows[83]["author"] == "فاطمة السيد"
    assert rows[83]["body"].startswith("مرحبا آنا،")  # HTML-only mail read as text
    assert rows[1]["recipients"] == [
        "john@northwind.example",
        "budi.santoso@maju-jaya.co.id",
        "pm@studio-primjer.hr",
    ]


def test_threads_take_the_first_reference_then_in_reply_to_then_the_own_id() -> None:
    records, _ = _zagreb(MboxImporter).extract(FIXTURES / "clients.mbox")
    frame = records.frames["messages"]
    keys = dict(zip(frame["line"], frame["thread_key"], strict=True))
    assert keys[1] == "draft-1@studio-primjer.hr"  # own id
    assert keys[20] == "draft-1@studio-primjer.hr"  # References
    assert keys[44] == "inv-014@studio-primjer.hr"  # In-Reply-To only
    assert keys[83] == "design-0@studio-primjer.hr"  # first of two References
    assert keys[68] is None  # no ids at all: the store derives a key


def test_maildir_skips_tmp_and_index_files_and_reads_subfolders() -> None:
    records, errors = MaildirImporter().extract(FIXTURES / "maildir")
    ids = records.frames["messages"]["message_id"].to_list()
    assert errors == []
    assert sorted(ids) == [
        "jadwal-1@maju-jaya.co.id",
        "jadwal-2@studio-primjer.hr",
        "ponuda-3@kvarner.example",
    ]
    assert skipped_in_english(records) == {"files that are not messages": 1}


def test_an_eml_with_an_impossible_date_is_reported_with_its_file() -> None:
    records, errors = EmlImporter().extract(FIXTURES / "eml_folder")
    assert [(Path(e.path).name, e.column) for e in errors] == [("late.eml", "Date")]
    assert records.frames["messages"]["message_id"].to_list() == ["inv-015@studio-primjer.hr"]


def test_an_attachment_is_not_part_of_the_body() -> None:
    records, _ = EmlImporter().extract(FIXTURES / "eml_folder" / "invoice.eml")
    assert "JVBER" not in records.frames["messages"]["body"][0]


def test_a_file_that_is_not_mbox_fails_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "x.mbox"
    path.write_text("Subject: no From line\n\nbody\n")
    with pytest.raises(ImportFailed, match="expected it to start with a 'From ' line"):
        MboxImporter().extract(path)
    path.write_text("")
    with pytest.raises(ImportFailed, match="empty"):
        MboxImporter().extract(path)


def test_parallel_parsing_gives_the_same_records_in_the_same_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    serial, serial_errors = _zagreb(MboxImporter).extract(FIXTURES / "clients.mbox")
    monkeypatch.setattr(mbox, "PARALLEL_FROM", 1)
    monkeypatch.setattr(mbox, "CHUNK", 2)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    parallel, parallel_errors = _zagreb(MboxImporter).extract(FIXTURES / "clients.mbox")
    assert parallel.frames["messages"].equals(serial.frames["messages"])
    assert parallel_errors == serial_errors


def test_without_worker_processes_the_file_is_parsed_in_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    serial, _ = _zagreb(MboxImporter).extract(FIXTURES / "clients.mbox")

    def no_processes(*args: object, **kwargs: object) -> None:
        raise OSError("no semaphores in this sandbox")

    monkeypatch.setattr(mbox, "PARALLEL_FROM", 1)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    monkeypatch.setattr(mbox, "ProcessPoolExecutor", no_processes)
    records, _ = _zagreb(MboxImporter).extract(FIXTURES / "clients.mbox")
    assert records.frames["messages"].equals(serial.frames["messages"])


def test_progress_is_reported_up_to_the_total() -> None:
    importer = MboxImporter()
    seen = []
    importer.progress = lambda done, total: seen.append((done, total))
    importer.extract(FIXTURES / "clients.mbox")
    assert seen[-1] == (8, 8)


@pytest.mark.parametrize("path", shared_files("email", "*.mbox"), ids=str)
def test_real_mbox_files_import_without_errors(path: Path) -> None:
    importer = MboxImporter()
    assert _claimants(path) == ["mbox"]
    records, errors = importer.extract(path)
    assert errors == []
    assert records.frames["messages"].height > 0
    assert records.frames["messages"]["sent_at"].null_count() == 0


@pytest.mark.skipif(not (SHARED / "email").is_dir(), reason="shared data is not here")
@pytest.mark.parametrize("layout", ["lkml.mbox", "maildir/lkml"])
def test_the_lkml_sample_gives_210_messages_as_mbox_and_as_maildir(layout: str) -> None:
    path = SHARED / "email" / "notmuch_test_corpora" / layout
    importer = MboxImporter() if path.is_file() else MaildirImporter()
    records, errors = importer.extract(path)
    assert errors == []
    frame = records.frames["messages"]
    assert frame.height == 210
    assert frame["in_reply_to"].is_not_null().sum() >= 144


@pytest.mark.skipif(not (SHARED / "email").is_dir(), reason="shared data is not here")
@pytest.mark.parametrize(
    ("folder", "cls", "count"),
    [
        ("maildir/default", MaildirImporter, 53),
        ("maildir/threading/parent-priority", MaildirImporter, 3),
        ("maildir/threading/ghost-root", EmlImporter, 9),
    ],
)
def test_real_maildirs_and_message_folders_import_without_errors(
    folder: str, cls: type[Importer], count: int
) -> None:
    path = SHARED / "email" / "notmuch_test_corpora" / folder
    assert _claimants(path) == [cls.name]
    records, errors = cls().extract(path)
    assert errors == []
    assert records.frames["messages"].height == count


@pytest.mark.parametrize(
    "path",
    shared_files("exports") + shared_files("chat") + shared_files("email", "*.md"),
    ids=str,
)
def test_no_email_importer_claims_other_files(path: Path) -> None:
    assert _claimants(path) == []


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared data is not here")
@pytest.mark.parametrize("folder", [".", "exports", "chat", "email", "email/notmuch_test_corpora"])
def test_folders_that_only_contain_mail_further_down_are_not_claimed(folder: str) -> None:
    assert _claimants(SHARED / folder) == []


def test_an_mbox_saved_with_a_byte_order_mark_is_read_whole(tmp_path: Path) -> None:
    mbox = tmp_path / "saved.mbox"
    text = (
        "From ana@acme.example Mon Mar  2 09:15:00 2026\n"
        "From: Ana <ana@acme.example>\nTo: studio@example.com\nSubject: Hi\n"
        "Date: Mon, 2 Mar 2026 09:15:00 +0100\nMessage-ID: <bom-1@acme.example>\n\nHello\n"
    )
    mbox.write_bytes(b"\xef\xbb\xbf" + text.encode())
    importer = MboxImporter()
    assert importer.identify(mbox)
    records, errors = importer.extract(mbox)
    assert errors == [] and records.frames["messages"]["message_id"].to_list() == [
        "bom-1@acme.example"
    ]
