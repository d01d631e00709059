"""Wave's customers and vendors exports (Sales → Customers / Purchases → Vendors → Export).

Customers are clients. The vendors file is recognised so that a whole export
folder imports, and gives nothing: vendors are the business's suppliers.
"""

from __future__ import annotations

import polars as pl

from partways.core.phrase import marked, say, say_n

from ..csvmap import Column, CsvImporter, Table
from ..records import Records


class WaveCustomersImporter(CsvImporter):
    name = "wave-customers"
    title = marked("Wave customers export (CSV)")
    kinds = ("clients",)
    columns = {
        "client": Column("customer_name", not_empty=True),
        "email": Column("email", required=False),
        "first": Column("contact_first_name", required=False),
        "last": Column("contact_last_name", required=False),
        "phone": Column("phone", required=False),
        "mobile": Column("mobile", required=False),
        "country": Column("country", required=False),
        "currency": Column("customer_currency"),
    }
    signature = ("client", "currency")

    def build(self, table: Table) -> Records:
        contact = pl.concat_str([pl.col("first"), pl.col("last")], separator=" ", ignore_nulls=True)
        clients = table.frame.select(
            "client",
            "email",
            pl.when(contact != "").then(contact).alias("contact_name"),
            pl.coalesce("phone", "mobile").alias("phone"),
            "country",
            "line",
        )
        records = Records()
        records.add("clients", clients)
        return records


class WaveVendorsImporter(CsvImporter):
    name = "wave-vendors"
    title = marked("Wave vendors export (CSV, nothing used)")
    kinds = ()
    columns = {
        "vendor": Column("vendor_name"),
        "currency": Column("vendor_currency"),
    }
    signature = ("vendor", "currency")

    def build(self, table: Table) -> Records:
        records = Records()
        records.skip(say("import.skip_vendor", "vendor"), table.frame.height)
        records.notes.append(
            say_n(
                "import.wave_vendors_note",
                "Wave's vendors export lists the business's suppliers, not its clients: "
                "{n} vendor(s) left out.",
                "Wave's vendors export lists the business's suppliers, not its clients: "
                "{n} vendor(s) left out.",
                table.frame.height,
            )
        )
        return records
