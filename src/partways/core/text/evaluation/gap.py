"""The prose of the report's "What would close the gap" section, kept apart from the code.

Written by hand from the figures of a run; ``partways eval text`` puts it in the report
as it stands.
"""

from __future__ import annotations

GAP_TEXT = "TODO-FILL: what would close the gap between this analyzer and the published scores."
