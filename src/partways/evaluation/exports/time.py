"""Time entries as Harvest's detailed time report or Toggl Track's detailed report (CSV)."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from ..model import Agency
from .common import WriterError, as_utc, minor

# Harvest writes a currency as its name and code ("Euro - EUR").
CURRENCY_NAMES = {
    "EUR": "Euro",
    "USD": "US Dollar",
    "GBP": "British Pound",
    "IDR": "Indonesian Rupiah",
    "AED": "UAE Dirham",
    "SAR": "Saudi Riyal",
    "SGD": "Singapore Dollar",
    "AUD": "Australian Dollar",
    "CHF": "Swiss Franc",
    "HRK": "Croatian Kuna",
}

HARVEST_HEADER = [
    "Date",
    "Client",
    "Project",
    "Project Code",
    "Task",
    "Notes",
    "Hours",
    "Billable?",
    "Invoiced?",
    "Approved?",
    "First Name",
    "Last Name",
    "Roles",
    "Employee?",
    "Billable Rate",
    "Billable Amount",
    "Cost Rate",
    "Cost Amount",
    "Currency",
    "External Reference URL",
]


def _yes(value: bool) -> str:
    return "Yes" if value else "No"


def write_harvest(agency: Agency, folder: Path) -> Path:
    """Harvest's detailed time report: one row per entry, a day and hours, no start time.

    Billable rates are the client's, in its currency; cost rates are left empty (none
    is set per person in the generated agencies), as Harvest leaves them.
    """
    zone = ZoneInfo(agency.time_zone)
    path = folder / "harvest_time_report.csv"
    rows = []
    for client in agency.clients:
        code = client.currency.upper()
        currency = f"{CURRENCY_NAMES.get(code, code)} - {code}"
        for e in client.time_entries:
            day = as_utc(e.started_at).astimezone(zone).date()
            hours = Decimal(str(round(e.hours, 2)))
            rate = client.hourly_rate if e.billable else Decimal(0)
            first, _, last = e.person.name.partition(" ")
            rows.append(
                (
                    day,
                    [
                        day.isoformat(),
                        client.name,
                        e.project,
                        "",
                        e.task,
                        e.note,
                        minor(hours),
                        _yes(e.billable),
                        "No",
                        "Yes",
                        first,
                        last,
                        "",
                        "Yes",
                        minor(rate),
                        minor(rate * hours),
                        "",
                        "",
                        currency,
                        "",
                    ],
                )
            )
    rows.sort(key=lambda r: (r[0], r[1][1], r[1][10]))
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(HARVEST_HEADER)
        writer.writerows(row for _, row in rows)
    return path


def _hms(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def write_toggl(agency: Agency, folder: Path) -> Path:
    """Toggl Track's detailed report: start and end in the exporting user's zone (the
    agency's), and each entry's amount in the workspace currency (the agency's base
    currency; client rates are converted with the agency's exchange rates)."""
    zone = ZoneInfo(agency.time_zone)
    base = agency.base_currency.upper()
    path = folder / "toggl_detailed_report.csv"
    rows = []
    for client in agency.clients:
        to_base = Decimal(1) if client.currency.upper() == base else _rate(agency, client.currency)
        for e in client.time_entries:
            start = as_utc(e.started_at).astimezone(zone)
            seconds = round(e.hours * 3600)
            end = start + dt.timedelta(seconds=seconds)
            amount = (
                minor(client.hourly_rate * to_base * Decimal(seconds) / Decimal(3600))
                if e.billable
                else ""
            )
            rows.append(
                (
                    start,
                    [
                        e.person.name,
                        e.person.email,
                        client.name,
                        e.project,
                        e.task,
                        e.note,
                        _yes(e.billable),
                        start.date().isoformat(),
                        start.strftime("%H:%M:%S"),
                        end.date().isoformat(),
                        end.strftime("%H:%M:%S"),
                        _hms(seconds),
                        "",
                        amount,
                    ],
                )
            )
    rows.sort(key=lambda r: r[0])
    header = [
        "User",
        "Email",
        "Client",
        "Project",
        "Task",
        "Description",
        "Billable",
        "Start date",
        "Start time",
        "End date",
        "End time",
        "Duration",
        "Tags",
        f"Amount ({base})",
    ]
    # Toggl writes a byte-order mark and CRLF line ends.
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(row for _, row in rows)
    return path


def _rate(agency: Agency, currency: str) -> Decimal:
    try:
        return agency.exchange_rates[currency.upper()]
    except KeyError:
        raise WriterError(
            f"{agency.slug}: no exchange rate for {currency}; Toggl writes amounts in "
            f"the workspace currency ({agency.base_currency})"
        ) from None
