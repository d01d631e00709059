"""Messages stored one per file: maildirs, single .eml files and folders of them."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from partways.core.phrase import marked, say, say_n

from ..base import Importer, ImportFailed, RowError
from ..records import Records
from ..textio import head_text
from .message import UnreadableMessage, parse_message
from .rows import MessageRows

# A message file starts with header lines; these say it is mail and not, say, an
# iCalendar file or YAML, which also have "Name: value" lines.
_HEADER = re.compile(r"^([!-9;-~]+):")
_MAIL_HEADERS = {"from", "received", "message-id", "return-path", "delivered-to"}
_SECOND_HEADERS = {"date", "subject", "to", "mime-version"}
# Files a mail program keeps beside the messages (dovecot, courier, notmuch, macOS).
_NOT_MAIL = re.compile(r"^(?:dovecot|courier|maildirfolder$|subscriptions$|\.)", re.I)
PROGRESS_EVERY = 500
_MAX_SCAN = 200


def looks_like_message(path: Path) -> bool:
    """True when ``path`` starts with mail headers (From/Received/Message-ID and Date/Subject).

    A file starting with an mbox ``From `` line is not a single message.
    """
    names: set[str] = set()
    for line in head_text(path, 8192).splitlines():
        if not line.strip():
            break
        if line[0] in " \t":  # a folded header's continuation
            continue
        match = _HEADER.match(line)
        if not match:
            return False
        names.add(match[1].lower())
    return bool(names & _MAIL_HEADERS) and bool(names & _SECOND_HEADERS)


def _in_maildir(path: Path) -> bool:
    return path.parent.name in ("cur", "new") or ":2," in path.name or "!2," in path.name


def message_files(folder: Path) -> Iterator[Path]:
    """Every file under ``folder``, sorted, leaving out ``tmp`` (mail still arriving)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "tmp")
        for name in sorted(files):
            yield Path(root) / name


def _is_message(path: Path) -> bool:
    if _NOT_MAIL.match(path.name):
        return False
    return path.suffix.lower() == ".eml" or _in_maildir(path) or looks_like_message(path)


class _FileMessages(Importer):
    """Reads each message file of a folder (or one file) with :func:`parse_message`."""

    kinds = ("messages",)
    reads_folders = True

    def extract(self, path: Path) -> tuple[Records, list[RowError]]:
        """Every message, files in sorted path order; ``line`` is 1 (a message per file).

        Files that are not messages (index files of a mail program) are skipped and
        counted. A message without a readable Date is reported with its file and left
        out. Raises :class:`ImportFailed` when ``path`` cannot be read or holds no mail.
        """
        if not path.exists():
            raise ImportFailed(say("import.no_such_path", "no such file or folder."), str(path))
        files = list(message_files(path)) if path.is_dir() else [path]
        rows = MessageRows(str(path))
        records_skipped = 0
        for index, file in enumerate(files):
            if path.is_dir() and not _is_message(file):
                records_skipped += 1
                continue
            try:
                raw = file.read_bytes()
            except OSError as exc:
                problem = say(
                    "import.file_unreadable", "cannot be read ({reason})", reason=str(exc.strerror)
                )
                rows.errors.append(RowError(str(file), None, None, problem))
                continue
            try:
                record = parse_message(raw)
            except UnreadableMessage as exc:
                rows.errors.append(RowError(str(file), None, None, exc.phrase))
                continue
            if record is None:
                problem = say("import.mail_file_empty", "the file is empty; expected a message")
                rows.errors.append(RowError(str(file), None, None, problem))
                continue
            rows.add(record, 1, where=str(file))
            if index % PROGRESS_EVERY == 0:
                self.progress(index, len(files))
        self.progress(len(files), len(files))
        records = rows.records()
        if records_skipped:
            records.skip(
                say("import.skip_not_messages", "files that are not messages"), records_skipped
            )
            records.notes.append(
                say_n(
                    "import.mail_files_not_messages",
                    "{n} file(s) in the folder are not e-mail messages (a mail "
                    "program's index files, notes) and were left out.",
                    "{n} file(s) in the folder are not e-mail messages (a mail "
                    "program's index files, notes) and were left out.",
                    records_skipped,
                )
            )
        if not path.is_dir() and not records.count() and not rows.errors:
            raise ImportFailed(say("import.mail_none", "holds no message."), str(path))
        return records, rows.errors


class MaildirImporter(_FileMessages):
    """A maildir (a folder with cur/ and new/), subfolders included."""

    name = "maildir"
    title = marked("E-mail: maildir folder (mutt, notmuch, offlineimap, Dovecot)")
    priority = 60

    def identify(self, path: Path) -> bool:
        """True for a folder with a ``cur`` or ``new`` folder in it."""
        return path.is_dir() and ((path / "cur").is_dir() or (path / "new").is_dir())


class EmlImporter(_FileMessages):
    """One .eml file, or a folder of .eml (or raw message) files without cur/new."""

    name = "eml"
    title = marked("E-mail: .eml message files (Outlook, Apple Mail, Thunderbird 'Save as')")
    priority = 55

    def identify(self, path: Path) -> bool:
        """True for a .eml or message file, or a folder whose files are mostly messages.

        Only a folder's own files count (at most 200 are looked at), so a folder that
        merely contains a mail folder somewhere below, next to other exports, is not
        taken for a mail folder.
        """
        if path.is_file():
            return path.suffix.lower() == ".eml" or looks_like_message(path)
        if not path.is_dir() or MaildirImporter().identify(path):
            return False
        try:
            files = sorted(
                p for p in path.iterdir() if p.is_file() and not _NOT_MAIL.match(p.name)
            )[:_MAX_SCAN]
        except OSError:
            return False
        messages = sum(1 for f in files if f.suffix.lower() == ".eml" or looks_like_message(f))
        return messages > 0 and 2 * messages >= len(files)
