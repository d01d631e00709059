"""Invoice Ninja v4 exports that hold nothing partways uses: quotes, recurring invoices,
products, vendors (and any other section).

A quote is not money owed, a recurring invoice is a template for invoices that the
invoices export lists once they are made, and products and vendors say nothing about
clients. These files are recognised, so that importing a whole export folder works,
and give no records: a note and a count of the rows left out.
"""

from __future__ import annotations

from pathlib import Path

from partways.core.phrase import Phrase, marked, say

from ..base import Importer, RowError
from ..records import Records
from ..textio import head_text, read_csv
from .clients import InvoiceNinjaClientsImporter
from .expenses import InvoiceNinjaExpensesImporter
from .invoices import InvoiceNinjaInvoicesImporter
from .layout import is_v4, v4_section
from .payments import InvoiceNinjaPaymentsImporter

_READ_ELSEWHERE = (
    InvoiceNinjaInvoicesImporter,
    InvoiceNinjaPaymentsImporter,
    InvoiceNinjaClientsImporter,
    InvoiceNinjaExpensesImporter,
)

# The sections partways knows, in words, and why none of them is read.
_SECTIONS = {
    "quotes": say("import.ninja_quotes", "quotes"),
    "recurring invoices": say("import.ninja_recurring", "recurring invoices"),
    "products": say("import.ninja_products", "products"),
    "vendors": say("import.ninja_vendors", "vendors"),
    "rows": say("import.ninja_rows", "rows"),
}
_WHY = {
    "quotes": say("import.ninja_why_quotes", "quotes are offers, not money owed"),
    "recurring invoices": say(
        "import.ninja_why_recurring",
        "recurring invoices are templates; the invoices they make are in the invoices export",
    ),
    "products": say("import.ninja_why_products", "a products list says nothing about clients"),
    "vendors": say(
        "import.ninja_why_vendors", "vendors are the business's suppliers, not its clients"
    ),
}


def _what(section: str | None, header: list[str]) -> str:
    """What the file lists, in words: the section name, corrected for recurring invoices."""
    names = {h.strip().lower() for h in header}
    if "frequency" in names:  # v4 heads recurring invoices "INVOICES" too
        return "recurring invoices"
    return (section or "rows").lower()


class InvoiceNinjaOtherImporter(Importer):
    name = "invoiceninja-other"
    title = marked(
        "Invoice Ninja v4 quotes, recurring invoices, products or vendors (CSV, nothing used)"
    )
    kinds = ()
    priority = 40  # below the importers that read records from Invoice Ninja files

    def identify(self, path: Path) -> bool:
        if path.suffix.lower() not in {".csv", ".txt", ""} or not path.is_file():
            return False
        if not is_v4(head_text(path)):
            return False
        return not any(cls().identify(path) for cls in _READ_ELSEWHERE)

    def extract(self, path: Path) -> tuple[Records, list[RowError]]:
        """No records: a note saying why and how many rows were left out.

        Raises :class:`ImportFailed` when the file cannot be read as CSV.
        """
        head = head_text(path)
        section = v4_section(head)
        csv = read_csv(path, accept=lambda fields: sum(1 for f in fields if f) > 1)
        found = _what(section, csv.header.fields)
        # A section partways does not know is named as the export names it.
        what: Phrase = _SECTIONS.get(found) or say(
            "import.ninja_section", "{section}", section=found
        )
        records = Records()
        records.skip(what, csv.frame.height)
        why = _WHY.get(found) or say(
            "import.ninja_why_other", "partways does not use this part of an Invoice Ninja export"
        )
        records.notes.append(
            say(
                "import.ninja_not_used",
                "This Invoice Ninja export lists {what}: {why}. Rows left out: {count}.",
                what=what,
                why=why,
                count=csv.frame.height,
            )
        )
        return records, []
