"""Reading the values exports write, as Polars expressions over text columns.

Every parser returns null where a value cannot be read; the CSV engine then reports
those cells (non-empty text, null result) as errors with what was expected. Working
on whole columns keeps a million-row export to a second or two.

Exports write numbers and dates in their user's locale: ``2.000,0`` (German Harvest),
``($400.00)`` (Invoice Ninja's negative), ``03/04/2024`` (Clockify, US order),
``10:23:52 AM``. Which locale a column uses is decided from the column's own values
(:func:`decimal_comma`, :func:`pick_date_format`), never guessed row by row, so that
``03/04/2024`` means the same day on every row of a file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

import polars as pl

from partways.core.limits import limit

# Text that may stand around a number: currency symbols and codes, spaces (also the
# no-break and narrow no-break ones that French and Croatian locales put in 1 000,00).
_NUMBER_NOISE = r"[^\d,.\-+()]"
_TRUE = {"yes", "y", "true", "t", "1", "x", "da", "ya", "ja", "oui", "si", "sí", "نعم", "✓"}
_FALSE = {"no", "n", "false", "f", "0", "", "ne", "tidak", "nein", "non", "لا", "-"}

CURRENCY_SYMBOLS = {
    "€": "EUR",
    "$": "USD",
    "us$": "USD",
    "£": "GBP",
    "¥": "JPY",
    "rp": "IDR",
    "rp.": "IDR",
    "kn": "HRK",
    "ca$": "CAD",
    "a$": "AUD",
    "chf": "CHF",
    "zł": "PLN",
    "د.إ": "AED",
    "ر.س": "SAR",
    "euro": "EUR",
    "dollar": "USD",
}


def blank(expr: pl.Expr) -> pl.Expr:
    """True where a cell is missing or only whitespace."""
    return expr.is_null() | (expr.str.strip_chars() == "")


def text(expr: pl.Expr) -> pl.Expr:
    """Trimmed text; empty cells become null."""
    stripped = expr.str.strip_chars()
    return pl.when(stripped == "").then(None).otherwise(stripped)


def decimal_comma(values: pl.Series) -> bool:
    """Does this column write decimals with a comma (``1.234,5``, ``0,01``)?

    Decided from the column's values: a comma followed by one or two digits at the
    end, or a dot used as a thousands separator before a comma, says comma; ``1,234``
    (a comma then three digits, no dot) is read as a thousands separator.
    """
    sample = values.drop_nulls().head(5000).str.replace_all(_NUMBER_NOISE, "")
    if sample.len() == 0:
        return False
    comma = sample.str.contains(r",\d{1,2}\)?$") | sample.str.contains(r"\.\d{3},")
    dot = sample.str.contains(r"\.\d{1,2}\)?$") | sample.str.contains(r",\d{3}\.")
    return bool(comma.sum() > dot.sum())


def number(expr: pl.Expr, comma: bool = False, scale: int = 6) -> pl.Expr:
    """A Decimal from locale-formatted text: ``2.000,0``, ``$13.50``, ``($400.00)``, ``-5``.

    ``comma`` says the column's decimal separator is a comma (see
    :func:`decimal_comma`). Parentheses and a trailing minus mean negative, as
    accounting exports write them.
    """
    # Typographic minus signs (Apple Numbers, several European locales) are minus.
    signed = expr.str.replace_all(r"[\u2212\u2012\u2013\u2014\ufe63\uff0d]", "-")
    cleaned = signed.str.replace_all(r"[\s\u00a0\u202f']", "").str.replace_all(_NUMBER_NOISE, "")
    negative = cleaned.str.contains(r"^\(.*\)$") | cleaned.str.ends_with("-")
    digits = cleaned.str.replace_all(r"[()]", "").str.strip_chars_end("-")
    if comma:
        digits = digits.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True)
    else:
        digits = digits.str.replace_all(",", "", literal=True)
    # A value that is only noise ("n/a") must fail, not read as zero; so must one in
    # exponent notation, whose "e" would be dropped as noise ("1e309" read as 1309).
    exponent = signed.str.contains(r"\d\s*[eE][+\-]?\d")
    valid = digits.str.contains(r"^[+\-]?(\d+\.?\d*|\.\d+)$") & ~exponent
    value = pl.when(valid).then(digits).otherwise(None).cast(pl.Decimal(38, scale), strict=False)
    return pl.when(negative).then(-value).otherwise(value)


def minor_units(expr: pl.Expr, comma: bool = False) -> pl.Expr:
    """Money as integer minor units (cents), rounded half away from zero; null past
    ``money.max_amount``."""
    return _within_limit(_half_away_from_zero(number(expr, comma) * 100))


def _within_limit(minor: pl.Expr) -> pl.Expr:
    # Sums and rates per hour computed from a larger amount would overflow 64 bits.
    return pl.when(minor.abs() <= limit("money.max_amount") * 100).then(minor)


def _half_away_from_zero(value: pl.Expr) -> pl.Expr:
    """A Decimal rounded to a whole number the way invoices round: 0.5 up, -0.5 down.

    (Polars' own ``round`` rounds half to even: 0.125 € would become 12 cents.)
    """
    whole = (value.abs() + Decimal("0.5")).cast(pl.Int64, strict=False)
    return pl.when(value < 0).then(-whole).otherwise(whole)


def boolean(expr: pl.Expr) -> pl.Expr:
    """Yes/No in the languages exports use; null where the word is not known."""
    word = expr.str.strip_chars().str.to_lowercase()
    return (
        pl.when(word.is_in(list(_TRUE)))
        .then(True)
        .when(word.is_in(list(_FALSE)) | expr.is_null())
        .then(False)
        .otherwise(None)
    )


def currency(expr: pl.Expr) -> pl.Expr:
    """An ISO 4217 code from ``EUR``, ``Euro - EUR``, ``usd``, ``€`` or ``$``."""
    raw = expr.str.strip_chars()
    code = raw.str.extract(r"\b([A-Za-z]{3})\s*$", 1).str.to_uppercase()
    symbol = raw.str.to_lowercase().replace_strict(CURRENCY_SYMBOLS, default=None)
    return pl.coalesce(code, symbol)


def currency_in_header(header: str) -> str | None:
    """The currency a column header names: ``Amount (EUR)`` → EUR, ``Amount ()`` → None."""
    match = re.search(r"\(([A-Za-z]{3})\)\s*$", header)
    return match.group(1).upper() if match else None


DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d",
    "%d.%m.%Y",
    "%d.%m.%Y.",  # Croatian writes a dot after the year
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%Y/%m/%d",
    "%d-%m-%Y",
    "%m/%d/%y",
    "%d/%m/%y",
    "%d.%m.%y",
    "%b %d, %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%d %B %Y",
    "%Y%m%d",
)


def pick_date_format(values: pl.Series, prefer: Sequence[str] = DATE_FORMATS) -> str | None:
    """The first format in ``prefer`` that reads the most of ``values`` (ties keep order).

    Only the date part is looked at (anything after a space or a ``T`` past the
    tenth character is ignored), so ``2024-03-04 10:00`` picks ``%Y-%m-%d``.
    """
    sample = values.drop_nulls().str.strip_chars()
    sample = sample.filter(sample != "").head(5000)
    if sample.len() == 0:
        return None
    best, best_count = None, 0
    for fmt in prefer:
        parsed = date_part(sample, fmt)
        count = int(parsed.is_not_null().sum())
        if count > best_count:
            best, best_count = fmt, count
            if count == sample.len():
                break
    return best


def date_part(values: pl.Series, fmt: str) -> pl.Series:
    frame = pl.DataFrame({"v": values})
    return frame.select(date(pl.col("v"), fmt)).to_series()


def date(expr: pl.Expr, fmt: str) -> pl.Expr:
    """A Date read with ``fmt``; a trailing time of day (``… 10:00:00``) is ignored."""
    words = fmt.count(" ") + 1
    head = expr.str.strip_chars().str.replace(r"T\d.*$", "")
    head = head.str.split(" ").list.head(words).list.join(" ")
    return head.str.to_date(fmt, strict=False)


_TIME_FORMATS = ("%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p", "%I:%M:%S%p", "%I:%M%p", "%H.%M")


def time_of_day(expr: pl.Expr) -> pl.Expr:
    """A time from ``10:23:52``, ``10:23``, ``10:23:52 AM`` or ``10:23 am``, per value.

    Mixed forms occur within one file (Clockify drops seconds when they are zero).
    """
    clean = expr.str.strip_chars().str.to_uppercase().str.replace_all(r"\.$", "")
    return pl.coalesce([clean.str.to_time(f, strict=False) for f in _TIME_FORMATS])


def joined(first: pl.Expr, second: pl.Expr) -> pl.Expr:
    """``first: second`` when both are there (a task and its notes), else whichever is."""
    both = first.is_not_null() & second.is_not_null()
    return pl.when(both).then(first + ": " + second).otherwise(pl.coalesce(second, first))


def local_datetime(day: pl.Expr, time: pl.Expr | None, time_zone: str) -> pl.Expr:
    """UTC instants from a local date (and time) in ``time_zone``.

    A time that does not exist (the hour skipped when clocks go forward) becomes
    null and is reported; an ambiguous one (the hour repeated in autumn) takes the
    earlier instant.
    """
    naive = day.cast(pl.Datetime("us"))
    if time is not None:
        naive = naive + time.cast(pl.Duration("us"))
    return naive.dt.replace_time_zone(
        time_zone, ambiguous="earliest", non_existent="null"
    ).dt.convert_time_zone("UTC")


def instant(expr: pl.Expr, time_zone: str) -> pl.Expr:
    """UTC instants from ISO 8601 text, with an offset (``…+02:00``, ``…Z``) or without.

    Text without an offset is local time in ``time_zone``.
    """
    clean = expr.str.strip_chars().str.replace(" ", "T", literal=True)
    with_offset = clean.str.contains(r"(Z|[+\-]\d{2}:?\d{2})$")
    aware = clean.str.to_datetime(time_unit="us", time_zone="UTC", strict=False)
    naive = pl.coalesce(
        [
            clean.str.to_datetime(f, time_unit="us", strict=False)
            for f in ("%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M")
        ]
    ).dt.replace_time_zone(time_zone, ambiguous="earliest", non_existent="null")
    return pl.when(with_offset).then(aware).otherwise(naive.dt.convert_time_zone("UTC"))


def duration_seconds(expr: pl.Expr, comma: bool = False) -> pl.Expr:
    """Seconds from ``01:00:01``, ``125:30``, ``1:30`` (h:mm) or decimal hours ``1.5``/``1,5``."""
    clean = expr.str.strip_chars()
    parts = clean.str.extract_groups(r"^(-?)(\d+):(\d{1,2})(?::(\d{1,2}))?$")
    magnitude = (
        parts.struct.field("2").cast(pl.Int64, strict=False) * 3600
        + parts.struct.field("3").cast(pl.Int64, strict=False) * 60
        + parts.struct.field("4").cast(pl.Int64, strict=False).fill_null(0)
    )
    # The sign is the whole duration's: -1:30 is an hour and a half taken back.
    clock = pl.when(parts.struct.field("1") == "-").then(-magnitude).otherwise(magnitude)
    hours = number(clean, comma) * 3600
    decimal_hours = hours.round(0).cast(pl.Int64, strict=False)
    return pl.when(clean.str.contains(":")).then(clock).otherwise(decimal_hours)


# --- whole columns, fast path first ------------------------------------------------
#
# Exports are mostly regular: one time format, plain decimals. Each parser below
# first reads the column the simple way, then runs the general (slower) expression
# only on the cells that way could not read. A million-row export then costs a
# fraction of a second per column; a messy one is still read correctly.


def _fallback(series: pl.Series, fast: pl.Series, general: pl.Expr) -> pl.Series:
    missed = fast.is_null() & series.is_not_null() & (series.str.strip_chars() != "")
    if not missed.any():
        return fast
    idx = missed.arg_true()
    slow = pl.DataFrame({"v": series.gather(idx)}).select(general.alias("v")).to_series()
    return fast.scatter(idx, slow.cast(fast.dtype))


def parse_time(series: pl.Series) -> pl.Series:
    """Times of day (see :func:`time_of_day`); the column's usual format tried first."""
    sample = series.drop_nulls().head(2000)
    best = max(
        _TIME_FORMATS, key=lambda f: int(sample.str.to_time(f, strict=False).is_not_null().sum())
    )
    fast = series.str.to_time(best, strict=False)
    return _fallback(series, fast, time_of_day(pl.col("v")))


def parse_duration(series: pl.Series, comma: bool = False) -> pl.Series:
    """Durations in seconds (see :func:`duration_seconds`); ``H:MM:SS`` read directly."""
    # Only unsigned H:MM:SS here; a signed one goes the general way.
    parts = series.str.split_exact(":", 2).struct.unnest()
    cols = [parts[c].cast(pl.UInt32, strict=False).cast(pl.Int64) for c in parts.columns]
    fast = (cols[0] * 3600 + cols[1] * 60 + cols[2]).alias(series.name)
    return _fallback(series, fast, duration_seconds(pl.col("v"), comma))


def parse_number(series: pl.Series, comma: bool = False, scale: int = 6) -> pl.Series:
    """Decimals (see :func:`number`); plain ``1234.5`` read directly."""
    fast = (
        series.str.strip_chars().cast(pl.Decimal(38, scale), strict=False)
        if not comma
        else pl.Series(series.name, [None] * series.len(), dtype=pl.Decimal(38, scale))
    )
    return _fallback(series, fast, number(pl.col("v"), comma, scale))


def parse_minor_units(series: pl.Series, comma: bool = False) -> pl.Series:
    """Money in minor units (see :func:`minor_units`); null past ``money.max_amount``,
    so that the cell is reported like any unreadable one."""
    value = (parse_number(series, comma) * 100).alias("v")
    return value.to_frame().select(_within_limit(_half_away_from_zero(pl.col("v")))).to_series()
