"""IMAP against a real Dovecot on 127.0.0.1: first import, increments, renumbering, failures."""

from __future__ import annotations

import datetime as dt
import imaplib
from pathlib import Path

import pytest
from tests.shared_data import shared_files

from partways.importers.base import ImportFailed
from partways.importers.email import parse_message
from partways.importers.imap import ImapImporter
from partways.importers.imap.source import Account, Cursor, parse_url

from .conftest import Server

FIXTURES = Path(__file__).parent.parent / "fixtures"
MESSAGES = sorted(FIXTURES.glob("*.eml"))


def _client(server: Server) -> imaplib.IMAP4:
    client = imaplib.IMAP4(server.host, server.port)
    client.login(server.user, server.password)
    return client


def _append(server: Server, folder: str, names: list[str]) -> None:
    client = _client(server)
    folder = f'"{folder}"'  # imaplib sends mailbox names as given: quote "Bez datuma"
    try:
        client.create(folder)  # "already exists" is fine
        for name in names:
            status, _ = client.append(folder, None, None, (FIXTURES / name).read_bytes())
            assert status == "OK"
    finally:
        client.logout()


def _importer(
    server: Server, monkeypatch: pytest.MonkeyPatch, cursor: str | None = None
) -> ImapImporter:
    monkeypatch.setenv("PARTWAYS_IMAP_PASSWORD", server.password)
    importer = ImapImporter()
    importer.cursor = cursor
    return importer


def test_the_first_import_reads_every_message_with_the_email_parser(
    imap_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    _append(imap_server, "Klijenti", ["01_hr.eml", "02_id.eml", "03_ar.eml"])
    records, errors = _importer(imap_server, monkeypatch).extract_url(imap_server.url("Klijenti"))
    assert errors == []
    frame = records.frames["messages"]
    assert frame["message_id"].to_list() == [
        "racun-ozujak@acme.example",
        "balasan-1@maju.example",
        "mawid@ufuq.example",
    ]
    assert frame["line"].to_list() == [1, 2, 3]  # the UIDs
    first = frame.row(0, named=True)
    assert (first["author"], first["author_address"], first["subject"]) == (
        "Ana Kovačić",
        "ana@acme.example",
        "Račun za ožujak",
    )
    assert first["sent_at"] == dt.datetime(2026, 3, 2, 8, 15, tzinfo=dt.UTC)
    # The same bytes give the same record as the e-mail importer's parser.
    expected = parse_message((FIXTURES / "03_ar.eml").read_bytes())
    assert expected is not None
    third = frame.row(2, named=True)
    assert {k: third[k] for k in third if k in expected} == {
        k: v for k, v in expected.items() if k in third
    }
    assert records.cursor is not None and records.cursor.endswith(":3")


def test_a_second_import_fetches_only_the_new_uids(
    imap_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    _append(imap_server, "Projekti", ["01_hr.eml", "02_id.eml"])
    first, _ = _importer(imap_server, monkeypatch).extract_url(imap_server.url("Projekti"))
    _append(imap_server, "Projekti", ["03_ar.eml"])
    second, errors = _importer(imap_server, monkeypatch, first.cursor).extract_url(
        imap_server.url("Projekti")
    )
    assert errors == []
    assert second.frames["messages"]["message_id"].to_list() == ["mawid@ufuq.example"]
    assert first.cursor is not None
    assert second.cursor == first.cursor.replace(":2", ":3")
    third, _ = _importer(imap_server, monkeypatch, second.cursor).extract_url(
        imap_server.url("Projekti")
    )
    assert third.count() == 0  # "UID 4:*" still matches UID 3; it is not read again
    assert third.cursor == second.cursor


def test_messages_are_not_marked_read(imap_server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    _append(imap_server, "Neprocitano", ["01_hr.eml"])
    _importer(imap_server, monkeypatch).extract_url(imap_server.url("Neprocitano"))
    client = _client(imap_server)
    try:
        client.select("Neprocitano", readonly=True)
        _, data = client.search(None, "UNSEEN")
    finally:
        client.logout()
    assert data[0].split() == [b"1"]


def test_a_changed_uidvalidity_reads_the_folder_again(
    imap_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    _append(imap_server, "Arhiva", ["01_hr.eml", "02_id.eml"])
    first, _ = _importer(imap_server, monkeypatch).extract_url(imap_server.url("Arhiva"))
    # The folder is rebuilt: deleted and made anew, so the server gives it a new UIDVALIDITY.
    client = _client(imap_server)
    client.delete("Arhiva")
    client.logout()
    _append(imap_server, "Arhiva", ["02_id.eml", "03_ar.eml"])
    second, _ = _importer(imap_server, monkeypatch, first.cursor).extract_url(
        imap_server.url("Arhiva")
    )
    assert second.frames["messages"]["message_id"].to_list() == [
        "balasan-1@maju.example",
        "mawid@ufuq.example",
    ]
    before, after = Cursor.parse(first.cursor), Cursor.parse(second.cursor)
    assert before is not None and after is not None and before.validity != after.validity
    assert "renumbered Arhiva" in second.notes[0].english()


def test_the_folder_defaults_to_the_inbox(
    imap_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    _append(imap_server, "INBOX", ["02_id.eml"])
    records, _ = _importer(imap_server, monkeypatch).extract_url(imap_server.url())
    assert "balasan-1@maju.example" in records.frames["messages"]["message_id"].to_list()


def test_a_message_without_a_date_is_an_error_naming_its_uid(
    imap_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    _append(imap_server, "Bez datuma", ["01_hr.eml", "04_no_date.eml"])
    records, errors = _importer(imap_server, monkeypatch).extract_url(
        imap_server.url("Bez%20datuma")
    )
    assert records.frames["messages"].height == 1
    # The wording after the place is the e-mail importer's (shared with mbox files).
    assert [(e.path, e.line, e.column) for e in errors] == [
        (f"imap://ana@127.0.0.1:{imap_server.port}/Bez datuma (UID 2)", None, "Date")
    ]
    assert "<tanpa-tanggal@maju.example>" in errors[0].message.english()


def test_a_refused_login_says_what_to_check(
    imap_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARTWAYS_IMAP_PASSWORD", "wrong")
    with pytest.raises(ImportFailed) as failed:
        ImapImporter().extract_url(imap_server.url())
    assert str(failed.value) == (
        f"imap://ana@127.0.0.1:{imap_server.port}/INBOX: the server at 127.0.0.1:"
        f"{imap_server.port} refused the login of 'ana'; check the user name and "
        "PARTWAYS_IMAP_PASSWORD (many providers want an app password rather than the "
        "account's own)."
    )


def test_a_missing_folder_lists_the_folders(
    imap_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ImportFailed, match="there is no folder 'Nema'; the folders are: .*INBOX"):
        _importer(imap_server, monkeypatch).extract_url(imap_server.url("Nema"))


def test_a_server_that_cannot_be_reached_is_a_clear_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PARTWAYS_IMAP_PASSWORD", "x")
    import socket

    with socket.socket() as sock:  # a port nobody listens on: bound, never listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        with pytest.raises(
            ImportFailed,
            match=rf"cannot connect to 127.0.0.1:{port} .*check "
            "the host name and port",
        ):
            ImapImporter().extract_url(f"imap://ana@127.0.0.1:{port}/INBOX")


def test_without_a_password_nothing_is_tried(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARTWAYS_IMAP_PASSWORD", raising=False)
    with pytest.raises(ImportFailed, match="set the environment variable PARTWAYS_IMAP_PASSWORD"):
        ImapImporter().extract_url("imaps://ana@mail.example/INBOX")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("imaps://ana:secret@mail.example/INBOX", "the URL holds a password"),
        ("imaps://mail.example/INBOX", "expected a user and a host"),
        ("https://ana@mail.example/", "not an IMAP URL"),
        ("imaps://ana@mail.example:99999/", "the port is not a number"),
        ("imaps://ana@mail.example/INBOX?tls=no", r"takes no \?query"),
    ],
)
def test_bad_urls_are_refused_with_the_reason(url: str, message: str) -> None:
    with pytest.raises(ImportFailed, match=message):
        parse_url(url)


def test_urls_give_scheme_port_user_and_folder() -> None:
    assert parse_url("imaps://ana%40acme.example@mail.example/Klijenti%2FAcme") == Account(
        "imaps", "ana@acme.example", "mail.example", 993, "Klijenti/Acme"
    )
    assert parse_url("imap://ana@127.0.0.1:1143").folder == "INBOX"


def test_a_url_passed_as_a_path_is_put_back_together(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARTWAYS_IMAP_PASSWORD", raising=False)
    with pytest.raises(ImportFailed, match=r"imaps://ana@mail.example:993/INBOX: no password"):
        ImapImporter().extract(Path("imaps://ana@mail.example/INBOX"))


def test_the_cursor_round_trips_and_rejects_other_text() -> None:
    assert str(Cursor.parse("1795459601:42")) == "1795459601:42"
    assert Cursor.parse("garbage") is None
    assert Cursor.parse(None) is None


@pytest.mark.parametrize(
    "path",
    [*MESSAGES, *shared_files("exports"), *shared_files("email"), *shared_files("chat")],
    ids=str,
)
def test_no_file_is_taken_for_an_imap_account(path: Path) -> None:
    assert not ImapImporter().identify(path)


def test_real_messages_read_over_imap_give_a_record_or_a_date_error_each(
    imap_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    maildir = shared_files("email/notmuch_test_corpora/maildir/default")
    if not maildir or not isinstance(maildir[0], Path):
        pytest.skip("the shared e-mail samples are not here")
    paths = [p for p in maildir if isinstance(p, Path)]
    client = _client(imap_server)
    try:
        client.create("Stvarno")
        for path in paths:
            status, _ = client.append("Stvarno", None, None, path.read_bytes())
            assert status == "OK"
    finally:
        client.logout()
    records, errors = _importer(imap_server, monkeypatch).extract_url(imap_server.url("Stvarno"))
    read = records.frames["messages"].height if "messages" in records.frames else 0
    assert read + len(errors) + sum(records.skipped.values()) == len(paths)
    assert read > 0
    assert {e.column for e in errors} <= {"Date"}
