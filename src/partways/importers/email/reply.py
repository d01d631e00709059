"""What the author wrote: a message body without quoted replies and signatures.

``strip_reply(body)`` removes, in English, Indonesian, Croatian and Arabic:

* ``>``-quoted lines, and the attribution line before them ("On Mon, 3 Mar 2026,
  Ana wrote:", "Pada ... menulis:", "... je napisao/la:", "Dana ... piše:",
  "في ... كتب:");
* everything from an Outlook-style "-----Original Message-----" line or header
  block ("From:/Dari:/Od:/من:" followed by "Sent:/Dikirim:/Poslano:/أرسل:" ...)
  or a forwarded-message marker on, since what follows was written by someone else
  (and from a list archive's "---- next part ----" line, which only names attachments);
* an attribution line that is not followed by ``>`` quotes (top-posting clients
  paste the old message under it unquoted), with everything after it;
* the ``-- `` signature and what follows, "Sent from my phone" lines, and a closing
  sign-off ("Best regards,", "Salam,", "Hormat saya,", "Lijep pozdrav,",
  "S poštovanjem,", "مع التحية", "تحياتي", ...) followed by a short name block.

No maintained library covers these four languages (``email_reply_parser`` knows
English "On ... wrote:" only; ``mail-parser-reply`` has no Indonesian or Arabic),
so this is a small set of line rules, tested with a table of messages per language.
Interleaved replies (a quote, an answer, another quote) keep every answer.
"""

from __future__ import annotations

import re

_ATTRIBUTION = re.compile(
    r"""^\s*(?:
        .*\b(?:wrote|writes|menulis|piše|pise|napisa(?:o|la)?(?:\s*/\s*la|\s*\(la\))?
             (?:\s+je)?)\s*:
      | .*\bje\s+napisa\w*(?:\s*/\s*la|\s*\(la\))?\b.*:
      | في\s.*كتبت?\b.*:
      | .*كتبت?\s*:
    )\s*$""",
    re.X | re.I,
)
# An attribution that can start a pasted, unquoted old message: it opens like a
# mail client's ("On", "Pada", "Dana", "في") or names an address or a date.
_STRONG_ATTRIBUTION = re.compile(r"^\s*(?:On|Pada|Dana|Am|Le|El|في)\s|@|\d")
_ATTRIBUTION_START = re.compile(r"^\s*(?:On|Pada|Dana|في)\s", re.I)
_ORIGINAL = re.compile(
    r"""^\s*(?:
        -{2,}\s*(?:Original\s+Message|Izvorna\s+poruka|Originalna\s+poruka|Pesan\s+Asli|
                 Pesan\s+Awal|Pesan\s+Asal|الرسالة\s+الأصلية|Forwarded\s+message|
                 Pesan\s+(?:yang\s+)?(?:di)?teruskan|Pesan\s+terusan|
                 Pro(?:s|sl)lije?đena\s+poruka|Proslije?đena\s+poruka|
                 الرسالة\s+المعاد\s+توجيهها|رسالة\s+معاد\s+توجيهها|
                 الرسالة\s+المُعاد\s+توجيهها)\s*-{2,}
      | -{5,}\s*next\s+part\s*-{5,}
      | Begin\s+forwarded\s+message\s*:
      | Awal\s+pesan\s+(?:yang\s+)?diteruskan\s*:
      | Početak\s+proslije?đene\s+poruke\s*:
      | بداية\s+الرسالة\s+المعاد\s+توجيهها\s*:
    )\s*$""",
    re.X | re.I,
)
_HEADER_FROM = re.compile(r"^\s*\*?(?:From|Dari|Od|Šalje|من)\s*:\*?\s*\S", re.I)
_HEADER_NEXT = re.compile(
    r"^\s*\*?(?:Sent|Date|To|Cc|Subject|Dikirim|Terkirim|Tanggal|Kepada|Perihal|Subjek|"
    r"Poslano|Datum|Za|Prima|Predmet|Tema|أرسل|أُرسل|مرسل|التاريخ|إلى|الموضوع|نسخة)\s*:",
    re.I,
)
_QUOTE = re.compile(r"^\s*>")
_SIGNATURE = re.compile(r"^-- ?$")
_SENT_FROM = re.compile(
    r"^\s*(?:Sent from my|Sent from Outlook|Get Outlook for|Dikirim dari|Terkirim dari|"
    r"Poslano s(?:a)? mo(?:g|jeg)|Poslano iz|أرسلت من|أُرسلت من|مرسل من|تم الإرسال من)\b.*$",
    re.I,
)
_SIGN_OFF = re.compile(
    r"""^\s*(?:
        (?:best|kind|warm|warmest|many|with\s+kind)\s+regards|regards|best\s+wishes|best|
        cheers|sincerely|yours\s+(?:sincerely|truly)|all\s+the\s+best|
        salam(?:\s+hangat)?|hormat\s+(?:saya|kami)|wassalam|
        (?:lijep|lijepi|srdačan|srdačni|srdacan|veliki)\s+pozdrav(?:i)?|pozdrav(?:i)?|
        s\s+poštovanjem|s\s+postovanjem|srdačno|lp|
        مع\s+(?:خالص\s+)?(?:التحية|التحيات|تحياتي)|تحياتي|مع\s+الشكر|وتفضلوا\s+بقبول\s+فائق\s+الاحترام
    )
    # Alone on its line, or followed by a comma and a short name ("regards, Göran").
    (?:[,.!،]?|[,،]\s*\S+(?:\s+\S+){0,2})\s*$""",
    re.X | re.I,
)
# A name block under a sign-off: a few short lines (name, role, company, phone).
_NAME_BLOCK_LINES = 5
_NAME_BLOCK_WIDTH = 60
_BLANKS = re.compile(r"\n{3,}")
_RULE = re.compile(r"\s*[-_=*~]{2,}\s*")


def _attributions(lines: list[str]) -> dict[int, int]:
    """Line index -> how many lines the attribution starting there spans.

    Every attribution ends with a colon, on its line or the next; checking that
    first keeps the patterns off almost every line.
    """
    colon = [line.rstrip().endswith(":") for line in lines]
    found: dict[int, int] = {}
    for i, line in enumerate(lines):
        if colon[i] and len(line) <= 300 and _ATTRIBUTION.match(line):
            found[i] = 1
        elif (
            i + 1 < len(lines) and colon[i + 1] and not colon[i] and _ATTRIBUTION_START.match(line)
        ):
            joined = line.rstrip() + " " + lines[i + 1].strip()
            if len(joined) <= 300 and _ATTRIBUTION.match(joined):
                found[i] = 2
    return found


def _quote_follows(lines: list[str], i: int, span: int) -> bool:
    for line in lines[i + span :]:
        if line.strip():
            return bool(_QUOTE.match(line))
    return False


def _cut_point(lines: list[str], attributions: dict[int, int]) -> int:
    """Index of the first line of pasted old mail (or the signature), len(lines) if none."""
    seen_text = False
    for i, line in enumerate(lines):
        if line.startswith("--") and _SIGNATURE.match(line) and seen_text:
            return i
        if ("-" in line or ":" in line) and _ORIGINAL.match(line):
            return i
        if (
            seen_text
            and ":" in line
            and _HEADER_FROM.match(line)
            and any(_HEADER_NEXT.match(nxt) for nxt in lines[i + 1 : i + 5])
        ):
            return i
        span = attributions.get(i)
        if span and seen_text and not _quote_follows(lines, i, span):
            text = " ".join(lines[i : i + span])
            if _STRONG_ATTRIBUTION.search(text):
                return i
        if not seen_text and line.strip() and not _QUOTE.match(line):
            seen_text = True
    return len(lines)


def _drop_sign_off(lines: list[str]) -> list[str]:
    """``lines`` without a closing sign-off and the short name block under it."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    for back, i in enumerate(reversed(content)):
        if back > _NAME_BLOCK_LINES:
            break
        if _SIGN_OFF.match(lines[i]) and i != content[0]:
            block = [lines[j] for j in content if j > i]
            if all(len(b.strip()) <= _NAME_BLOCK_WIDTH for b in block):
                return lines[:i]
    return lines


def strip_reply(body: str) -> str:
    """``body`` without quoted replies, pasted old mail, signature and sign-off.

    Returns '' when nothing of the author's own is left (a bare forward).
    """
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    attributions = _attributions(lines)
    lines = lines[: _cut_point(lines, attributions)]
    kept: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(">"):
            i += 1
            continue
        span = attributions.get(i)
        if span and i + span <= len(lines) and _quote_follows(lines, i, span):
            i += span
            continue
        kept.append(line.rstrip())
        i += 1
    while kept and (
        not kept[-1].strip() or _SENT_FROM.match(kept[-1]) or _RULE.fullmatch(kept[-1])
    ):
        kept.pop()
    kept = _drop_sign_off(kept)
    text = "\n".join(kept).strip("\n")
    return _BLANKS.sub("\n\n", text).strip()
