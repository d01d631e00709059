"""parse_message: the function the IMAP importer calls with each message's raw bytes."""

import datetime as dt

from partways.importers.email import parse_message
from partways.importers.email.body import html_to_text


def test_empty_bytes_are_no_message() -> None:
    assert parse_message(b"") is None
    assert parse_message(b"\r\n  \r\n") is None


def test_a_crlf_message_with_encoded_headers_gives_a_record() -> None:
    raw = (
        b"From: =?UTF-8?B?QW5hIEtvdmHEjQ==?= <ANA@Studio.hr>\r\n"
        b'To: a@x.example, "Smith, John" <John@NW.example>\r\n'
        b"Cc: undisclosed-recipients:;\r\n"
        b"Subject: =?iso-8859-2?Q?Ra=E8un?=\r\n"
        b"Date: Mon, 2 Mar 2026 10:00:00 +0100\r\n"
        b"Message-ID: <a1@studio.hr>\r\n"
        b"References: <root@x> <mid@x>\r\n\r\n"
        b"Dobar dan.\r\n"
    )
    record = parse_message(raw)
    assert record is not None
    assert record["author"] == "Ana Kovač"
    assert record["author_address"] == "ana@studio.hr"
    assert record["recipients"] == ["a@x.example", "john@nw.example"]
    assert record["subject"] == "Račun"
    assert record["sent_at"] == dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    assert (record["thread_key"], record["in_reply_to"]) == ("root@x", "mid@x")
    assert record["body"] == "Dobar dan.\n"


def test_a_garbled_date_is_none_for_the_caller_to_handle() -> None:
    record = parse_message(b"From: a@b.example\nDate: not a date\n\nx\n")
    assert record is not None
    assert record["sent_at"] is None
    assert record["date_header"] == "not a date"


def test_a_wrong_charset_label_falls_back_instead_of_failing() -> None:
    raw = (
        "Content-Type: text/plain; charset=us-ascii\nFrom: a@b.example\n"
        "Date: Mon, 2 Mar 2026 10:00:00 +0000\n\nŠibenik, Kovač\n"
    ).encode()
    record = parse_message(raw)
    assert record is not None and record["body"].startswith("Šibenik, Kovač")


def test_raw_8bit_headers_are_read_as_utf8_or_windows_1252() -> None:
    raw = "From: Dražen <d@x.hr>\nSubject: Čestitka\n\nx\n".encode("cp1250")
    record = parse_message(raw)
    assert record is not None
    assert record["author_address"] == "d@x.hr"
    assert record["subject"] is not None and record["subject"].endswith("estitka")
    utf8 = parse_message("From: Dražen <d@x.hr>\nSubject: Čestitka\n\nx\n".encode())
    assert utf8 is not None and utf8["author"] == "Dražen" and utf8["subject"] == "Čestitka"


def test_list_archives_that_hide_the_at_sign_still_give_the_address() -> None:
    record = parse_message(b"From: jgb at example.com (Jesus M.)\nDate: x\n\nhi\n")
    assert record is not None
    assert (record["author"], record["author_address"]) == ("Jesus M.", "jgb@example.com")


def test_html_quotes_become_quoted_lines_and_scripts_are_dropped() -> None:
    html = (
        "<html><head><style>p{}</style><script>x()</script></head><body>"
        "<p>Hello &amp; welcome</p><blockquote><p>old</p></blockquote>new</body></html>"
    )
    assert html_to_text(html) == "Hello & welcome\n> old\nnew"
