"""An IMAP folder, read incrementally by UID with imap-tools.

Each import fetches only the messages with a UID above the cursor of the last one
(``Records.cursor``, stored by the caller when the import is written), in batches,
without marking them read. The messages are parsed by the e-mail importer's
:func:`~partways.importers.email.parse_message`, so an IMAP message gives exactly
the record the same message gives from an mbox file.
"""

from __future__ import annotations

import contextlib
import imaplib
import os
import re
from pathlib import Path
from typing import Any, ClassVar, cast

from imap_tools import BaseMailBox, MailBox, MailBoxStartTls, MailBoxUnencrypted, MailMessage
from imap_tools.errors import (
    MailboxFolderSelectError,
    MailboxFolderStatusError,
    MailboxLoginError,
    MailboxStarttlsError,
    UnexpectedCommandStatusError,
)

from partways.core.phrase import Phrase, marked, say

from ..base import Importer, ImportFailed, RowError
from ..email import parse_message
from ..email.message import UnreadableMessage
from ..email.rows import MessageRows
from ..records import Records
from .source import PASSWORD_ENV, Account, Cursor, parse_url

BATCH = 200  # messages per FETCH: few round trips, bounded memory
TIMEOUT_S = 30.0


class _RawMessage(MailMessage):
    """A fetched message kept as its bytes; imap-tools' own parsing is not needed."""

    def __init__(self, fetch_data: list[Any]) -> None:
        raw, uid_data, flag_data = self._get_message_data_parts(fetch_data)
        self._raw_uid_data = uid_data
        self._raw_flag_data = flag_data
        self.raw: bytes = raw


class ImapImporter(Importer):
    """Messages of one IMAP folder, from ``imaps://user@host[:port]/FOLDER``.

    The password comes from the environment variable ``PARTWAYS_IMAP_PASSWORD``.
    ``identify`` says no to every file: an account is named by URL (``url_schemes``)
    and read with :meth:`extract_url`.
    """

    name = "imap"
    title = marked("IMAP mailbox folder (incremental, by UID)")
    kinds = ("messages",)
    url_schemes: ClassVar[tuple[str, ...]] = ("imap", "imaps")

    def identify(self, path: Path) -> bool:
        return False

    def extract(self, path: Path) -> tuple[Records, list[RowError]]:
        """:meth:`extract_url` for a URL that was passed around as a Path.

        ``Path("imaps://host/INBOX")`` collapses the double slash; it is put back.
        Raises :class:`ImportFailed` for anything that is not an IMAP URL.
        """
        text = str(path)
        match = re.match(r"^(imaps?):/+(.*)$", text)
        if match is None:
            raise ImportFailed(
                say(
                    "import.imap_not_a_file",
                    "the IMAP importer reads an account, not a file; "
                    "give a URL such as imaps://user@host/INBOX.",
                ),
                str(path),
            )
        return self.extract_url(f"{match[1]}://{match[2]}")

    def extract_url(self, url: str) -> tuple[Records, list[RowError]]:
        """The messages added to the folder since ``self.cursor``, and the new cursor.

        Raises :class:`ImportFailed` for a bad URL, a missing password, a server that
        cannot be reached, a refused login or a folder that does not exist.
        """
        account = parse_url(url)
        password = os.environ.get(PASSWORD_ENV)
        if not password:
            raise ImportFailed(
                say(
                    "import.imap_no_password",
                    "no password; set the environment variable {variable} to the account's "
                    "(app) password.",
                    variable=PASSWORD_ENV,
                ),
                str(account),
            )
        mailbox = _login(account, password)
        try:
            return self._read(mailbox, account)
        except (OSError, imaplib.IMAP4.error, UnexpectedCommandStatusError) as exc:
            raise ImportFailed(
                say(
                    "import.imap_read_failed",
                    "reading from {server} failed ({problem}); run the import again (it "
                    "continues where it stopped).",
                    server=f"{account.host}:{account.port}",
                    problem=str(exc),
                ),
                str(account),
            ) from exc
        finally:
            # The messages are read; a failed goodbye changes nothing.
            with contextlib.suppress(OSError, imaplib.IMAP4.error):
                mailbox.logout()

    def _read(self, mailbox: BaseMailBox, account: Account) -> tuple[Records, list[RowError]]:
        validity = _select(mailbox, account)
        previous = Cursor.parse(self.cursor)
        notes: list[Phrase] = []
        last = 0
        if previous is not None and previous.validity == validity:
            last = previous.last_uid
        elif previous is not None:
            notes.append(
                say(
                    "import.imap_renumbered",
                    "The server renumbered {folder} (UIDVALIDITY {before} → {after}); every "
                    "message was read again, and those already imported are recognised and "
                    "not added twice.",
                    folder=account.folder,
                    before=str(previous.validity),
                    after=str(validity),
                )
            )
        elif self.cursor:
            notes.append(
                say(
                    "import.imap_cursor_unknown",
                    "The saved position {cursor} was not understood; every message was read again.",
                    cursor=repr(self.cursor),
                )
            )
        # "UID n:*" always matches the newest message, even when its UID is below n.
        uids = [u for u in mailbox.uids(f"UID {last + 1}:*") if int(u) > last]
        rows = MessageRows(str(account))
        records_skipped = 0
        mailbox.email_message_class = _RawMessage
        total = len(uids)
        # An empty uid_list would make imap-tools fetch the whole folder instead.
        fetched = mailbox.fetch(uid_list=uids, mark_seen=False, bulk=BATCH) if uids else ()
        for done, message in enumerate(fetched, start=1):
            message = cast(_RawMessage, message)
            uid = int(message.uid or 0)
            try:
                record = parse_message(message.raw)
            except UnreadableMessage as exc:
                rows.errors.append(RowError(f"{account} (UID {uid})", None, None, exc.phrase))
                continue
            if record is None:
                records_skipped += 1
            else:
                # For IMAP the record's line is the message's UID: its place in the folder.
                rows.add(record, uid, where=f"{account} (UID {uid})")
            self.progress(done, total)
        records = rows.records()
        records.skip(say("import.skip_empty_message", "empty message"), records_skipped)
        records.notes.extend(notes)
        newest = max((int(u) for u in uids), default=last)
        records.cursor = str(Cursor(validity, newest))
        # The UID is named in the path already; a "line" would read as a line of a file.
        errors = [RowError(e.path, None, e.column, e.message) for e in rows.errors]
        return records, errors


def _login(account: Account, password: str) -> BaseMailBox:
    """A logged-in mailbox; raises :class:`ImportFailed` saying what to check."""
    where = f"{account.host}:{account.port}"
    try:
        mailbox: BaseMailBox
        if account.tls:
            mailbox = MailBox(account.host, account.port, timeout=TIMEOUT_S)
        elif account.local:
            mailbox = MailBoxUnencrypted(account.host, account.port, timeout=TIMEOUT_S)
        else:
            mailbox = MailBoxStartTls(account.host, account.port, timeout=TIMEOUT_S)
    except MailboxStarttlsError as exc:
        raise ImportFailed(
            say(
                "import.imap_no_starttls",
                "the server at {server} does not offer STARTTLS; "
                "use imaps:// (port 993) if it serves IMAP over TLS.",
                server=where,
            ),
            str(account),
        ) from exc
    except (OSError, imaplib.IMAP4.error) as exc:
        if account.tls:
            problem = say(
                "import.imap_no_connection_tls",
                "cannot connect to {server} ({problem}); check the host name and port, "
                "that the server serves IMAP over TLS there, and that this machine can reach it.",
                server=where,
                problem=str(exc),
            )
        else:
            problem = say(
                "import.imap_no_connection",
                "cannot connect to {server} ({problem}); check the host name and port, "
                "that the server serves IMAP there, and that this machine can reach it.",
                server=where,
                problem=str(exc),
            )
        raise ImportFailed(problem, str(account)) from exc
    try:
        mailbox.login(account.user, password, initial_folder=None)
    except (MailboxLoginError, imaplib.IMAP4.error, OSError) as exc:
        # The server may have closed the connection already.
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            mailbox.logout()
        raise ImportFailed(
            say(
                "import.imap_login_refused",
                "the server at {server} refused the login of {user}; check the user name "
                "and {variable} (many providers want an app password rather than the "
                "account's own).",
                server=where,
                user=repr(account.user),
                variable=PASSWORD_ENV,
            ),
            str(account),
        ) from exc
    return mailbox


def _select(mailbox: BaseMailBox, account: Account) -> int:
    """Select the folder read-only and return its UIDVALIDITY."""
    try:
        status = mailbox.folder.status(account.folder, ["UIDVALIDITY"])
        mailbox.folder.set(account.folder, readonly=True)
    except (
        MailboxFolderStatusError,
        MailboxFolderSelectError,
        UnexpectedCommandStatusError,
    ) as exc:
        names = sorted(f.name for f in mailbox.folder.list())
        raise ImportFailed(
            say(
                "import.imap_no_folder",
                "there is no folder {folder}; the folders are: {folders}.",
                folder=repr(account.folder),
                folders=", ".join(names),
            ),
            str(account),
        ) from exc
    return int(status["UIDVALIDITY"])
