"""ZIP exports read within the limits: no zip bomb expands into memory.

Slack and Toggl send their exports as ZIP files. A 1.5 MB ZIP can claim to hold
1.5 GB (or far more, one entry repeated): :class:`SafeZip` refuses such an archive
from its central directory before anything is extracted, by the number of entries
(``archive.max_entries``), the total size they expand to
(``archive.max_unpacked_bytes``) and how much each entry grows (``archive.max_ratio``).
Sizes in a ZIP are written by whoever made it, so every entry is also counted while
it is read: one that yields more than its declared size, or pushes the total past
the limit, stops there.
"""

from __future__ import annotations

import lzma
import zipfile
import zlib
from pathlib import Path

from partways.core.limits import limit, limit_name
from partways.core.phrase import Num, Phrase, say, say_n

from .base import ImportFailed, grouped

# Entries smaller than this are not held to the ratio: a small file of repeated
# characters (an empty day's "[]" padded with spaces) compresses a thousandfold
# without costing anything to read.
RATIO_FLOOR = 1024 * 1024
_CHUNK = 1024 * 1024


class ArchiveTooLarge(ImportFailed):
    """An archive past one of the limits; the message names it and the limit's key."""


class SafeZip:
    """A ZIP file opened for reading, checked against the archive limits.

    Raises :class:`ImportFailed` when ``path`` is not a readable ZIP (corrupt,
    encrypted entries are reported when read) and :class:`ArchiveTooLarge` when its
    directory already says it is past a limit.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
            # ValueError: a directory whose offsets point outside the file.
            raise ImportFailed(
                say(
                    "import.zip_unreadable",
                    "not a readable ZIP file ({problem}).",
                    problem=str(exc),
                ),
                str(path),
            ) from exc
        try:
            self._check_directory()
        except ImportFailed:
            self.zip.close()
            raise
        self.unpacked = 0  # bytes read from every entry so far

    def _check_directory(self) -> None:
        infos = self.zip.infolist()
        most = limit("archive.max_entries")
        if len(infos) > most:
            raise ArchiveTooLarge(
                say(
                    "import.zip_too_many_files",
                    "the archive holds {found} files, more than the {most} an import reads "
                    "(archive.max_entries).",
                    found=grouped(len(infos)),
                    most=grouped(most),
                ),
                str(self.path),
            )
        total = sum(info.file_size for info in infos)
        biggest = limit("archive.max_unpacked_bytes")
        if total > biggest:
            raise ArchiveTooLarge(
                say(
                    "import.zip_too_large",
                    "the archive expands to {size}, more than the {most} an import reads "
                    "({limit}); nothing was extracted.",
                    size=_size(total),
                    most=_size(biggest),
                    limit=limit_name("archive.max_unpacked_bytes"),
                ),
                str(self.path),
            )
        for info in infos:
            self._check_ratio(info, info.file_size)

    def _check_ratio(self, info: zipfile.ZipInfo, size: int) -> None:
        ratio = limit("archive.max_ratio")
        packed = max(info.compress_size, 1)
        if size > RATIO_FLOOR and size > ratio * packed:
            raise ArchiveTooLarge(
                say(
                    "import.zip_bomb",
                    "the entry expands {ratio} times ({packed} to {size}), more than the "
                    "{most} times an import allows (archive.max_ratio); "
                    "this looks like a zip bomb, not an export.",
                    ratio=grouped(size // packed),
                    packed=_size(info.compress_size),
                    size=_size(size),
                    most=grouped(ratio),
                ),
                f"{self.path}!{info.filename}",
            )

    def names(self) -> list[str]:
        return self.zip.namelist()

    def infos(self) -> list[zipfile.ZipInfo]:
        return self.zip.infolist()

    def read(self, name: str | zipfile.ZipInfo, most: int | None = None) -> bytes:
        """The bytes of entry ``name``, counted against the limits as they come.

        ``most`` stops early (a file's head). Raises :class:`ImportFailed` for an
        entry that cannot be read (encrypted, corrupt, a bad CRC) and
        :class:`ArchiveTooLarge` when the entry yields more than it declared or the
        archive's total passes ``archive.max_unpacked_bytes``.
        """
        info = name if isinstance(name, zipfile.ZipInfo) else self.zip.getinfo(name)
        biggest = limit("archive.max_unpacked_bytes")
        parts: list[bytes] = []
        size = 0
        try:
            with self.zip.open(info) as member:
                while most is None or size < most:
                    want = _CHUNK if most is None else min(_CHUNK, most - size)
                    chunk = member.read(want)
                    if not chunk:
                        break
                    size += len(chunk)
                    self.unpacked += len(chunk)
                    if size > info.file_size:
                        raise ArchiveTooLarge(
                            say(
                                "import.zip_entry_forged",
                                "the entry holds more than the {size} its header declares; "
                                "the archive is damaged or forged.",
                                size=_size(info.file_size),
                            ),
                            f"{self.path}!{info.filename}",
                        )
                    if self.unpacked > biggest:
                        raise ArchiveTooLarge(
                            say(
                                "import.zip_too_large_read",
                                "the archive expands to more than {most} ({limit}); "
                                "reading stopped.",
                                most=_size(biggest),
                                limit=limit_name("archive.max_unpacked_bytes"),
                            ),
                            str(self.path),
                        )
                    self._check_ratio(info, size)
                    parts.append(chunk)
        except ArchiveTooLarge:
            raise
        except RuntimeError as exc:  # zipfile's way to say an entry is encrypted
            raise ImportFailed(
                say(
                    "import.zip_encrypted",
                    "cannot be read ({problem}); expected an export without a password.",
                    problem=str(exc),
                ),
                f"{self.path}!{info.filename}",
            ) from exc
        except (
            OSError,  # also bz2's "invalid data stream"
            EOFError,
            zlib.error,
            lzma.LZMAError,
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            NotImplementedError,  # a compression method zipfile does not know
            ValueError,
        ) as exc:
            raise ImportFailed(
                say("import.unreadable", "cannot be read ({reason}).", reason=str(exc)),
                f"{self.path}!{info.filename}",
            ) from exc
        return b"".join(parts)

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _size(n: int) -> Phrase:
    """``n`` bytes as a reader would say it: 512 bytes, 3.2 MB, 1.5 GB."""
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= size:
            return say("import.size_in_unit", "{amount} {unit}", amount=Num(n / size, 1), unit=unit)
    return say_n("import.size_in_bytes", "{count} bytes", "{count} bytes", n, count=grouped(n))


def unpack(path: Path, target: Path) -> list[Path]:
    """Extract the ZIP at ``path`` into ``target`` within the archive limits; return the
    files written. Entries that would land outside ``target`` (absolute paths, ``..``),
    folders, and the hidden files archivers add (``__MACOSX``, ``.DS_Store``) are left
    out. Raises :class:`ImportFailed` (and :class:`ArchiveTooLarge`)."""
    archive = SafeZip(path)
    written: list[Path] = []
    try:
        for info in archive.infos():
            parts = [p for p in info.filename.replace("\\", "/").split("/") if p]
            if (
                info.is_dir()
                or not parts
                or info.filename.startswith(("/", "\\"))
                or any(p in ("..", ".") or p.startswith(".") or p == "__MACOSX" for p in parts)
                or ":" in parts[0]
            ):
                continue
            out = target.joinpath(*parts)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(archive.read(info))
            written.append(out)
    finally:
        archive.zip.close()
    return written
