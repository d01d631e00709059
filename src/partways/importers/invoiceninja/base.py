"""What every Invoice Ninja importer shares: telling v4 and v5 exports from other tools'."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from ..csvmap import CsvImporter
from ..textio import head_text
from .layout import is_v4, v4_section, v5_head_entity

# Invoice Ninja's default date order is the US one; dates are otherwise ISO.
DATE_ORDER = ("%Y-%m-%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")


class InvoiceNinjaCsv(CsvImporter):
    """An Invoice Ninja export: a v4 file of one of ``v4_sections``, or a v5 file.

    The header alone is not enough: a v4 clients file and a v4 vendors file share
    their header, and ``Client, Project, Notes, Amount, Date`` could come from any
    tool. A v4 file must carry Invoice Ninja's title line and the right section
    name; a v5 file must list ``v5_entity`` (see :func:`layout.v5_entity`).
    """

    v4_sections: ClassVar[tuple[str, ...]] = ()
    v5_entity: ClassVar[str | None] = None
    date_order = DATE_ORDER

    def identify(self, path: Path) -> bool:
        if not super().identify(path):
            return False
        head = head_text(path)
        if is_v4(head):
            return v4_section(head) in self.v4_sections
        return self.v5_entity is not None and v5_head_entity(head) == self.v5_entity
