"""Wall-clock time by offset look-up (core/signals/zone.py) is exactly what converting
each timestamp gives, in zones with odd offsets and odd transitions, to the second
around every change."""

import datetime as dt
import random

import polars as pl
import pytest

from partways.core.signals.zone import Offsets

ZONES = [
    "Europe/Zagreb",  # DST at 01:00 UTC
    "Asia/Jakarta",  # no DST
    "Australia/Lord_Howe",  # a half-hour DST change, at half past a UTC hour
    "Asia/Kathmandu",  # +05:45
    "America/St_Johns",  # -03:30 with DST
    "Africa/Casablanca",  # DST suspended for Ramadan, several changes a year
    "Pacific/Apia",  # skipped a whole day in December 2011
    "Asia/Tehran",  # DST abolished in 2022
    "UTC",
]


def _converted(values: pl.Series, tz: str) -> pl.Series:
    return values.dt.convert_time_zone(tz).dt.replace_time_zone(None)


def _looked_up(values: pl.Series, offsets: Offsets) -> pl.Series:
    return pl.DataFrame({"t": values}).select(offsets.local(pl.col("t"))).to_series()


@pytest.mark.parametrize("tz", ZONES)
def test_looked_up_offsets_match_conversion(tz):
    rng = random.Random(tz)
    first = dt.datetime(2009, 3, 1, tzinfo=dt.UTC)
    span = int((dt.datetime(2027, 1, 1, tzinfo=dt.UTC) - first).total_seconds())
    values = pl.Series(
        "t",
        [first + dt.timedelta(seconds=rng.randrange(span)) for _ in range(20_000)],
        dtype=pl.Datetime("us", "UTC"),
    )
    offsets = Offsets.over(tz, values.min(), values.max())
    assert _looked_up(values, offsets).equals(_converted(values, tz))
    # Around every change: the second before, the second itself and the one after.
    edges = pl.Series(
        "t",
        [s + dt.timedelta(seconds=d) for s in offsets.starts.to_list()[1:] for d in (-1, 0, 1)],
        dtype=pl.Datetime("us", "UTC"),
    )
    assert _looked_up(edges, offsets).equals(_converted(edges, tz))
    if tz != "UTC" and tz != "Asia/Jakarta" and tz != "Asia/Kathmandu":
        assert edges.len() > 0


def test_a_missing_timestamp_stays_missing():
    offsets = Offsets.over(
        "Europe/Zagreb",
        dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
    )
    values = pl.Series(
        "t", [None, dt.datetime(2026, 7, 1, 12, tzinfo=dt.UTC)], pl.Datetime("us", "UTC")
    )
    assert _looked_up(values, offsets).to_list() == [None, dt.datetime(2026, 7, 1, 14)]
