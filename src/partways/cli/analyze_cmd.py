"""``partways analyze``: what the analyzer reads in a message, and labelling stored messages."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .common import UserError, err, out, progress
from .lang import gettext as _

_TEXT_COLUMNS = ("text", "message", "body", "tweet", "content")


def _read_texts(path: Path, column: str | None) -> list[str]:
    if not path.is_file():
        raise UserError(_("--file: %(path)s is not a file.") % {"path": path})
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise UserError(
            _("%(path)s, line %(line)s: not UTF-8 text (byte %(byte)s); save the file as UTF-8.")
            % {"path": path, "line": line, "byte": exc.start}
        ) from None
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".tsv"):
        if column:
            raise UserError(_("--column only applies to a .csv or .tsv file."))
        return [line for line in content.splitlines() if line.strip()]
    # newline="": quoted fields keep their line breaks, as the csv module requires.
    reader = csv.DictReader(
        io.StringIO(content, newline=""), delimiter="\t" if suffix == ".tsv" else ","
    )
    header = reader.fieldnames or []
    wanted = column or next((c for c in header if c.strip().lower() in _TEXT_COLUMNS), None)
    if wanted is None or wanted not in header:
        raise UserError(
            _(
                "%(path)s, line 1: no column %(column)s; the columns are %(columns)s. Name "
                "the text column with --column."
            )
            % {
                "path": path,
                "column": repr(wanted or _("named text")),
                "columns": ", ".join(header) or _("none"),
            }
        )
    try:
        return [(row.get(wanted) or "") for row in reader]
    except csv.Error as exc:
        raise UserError(
            _("%(path)s, line %(line)s: %(why)s.")
            % {"path": path, "line": reader.line_num, "why": exc}
        ) from None


def analyze(
    text: Annotated[
        list[str] | None,
        typer.Argument(help="Messages to analyse (quote each).", show_default=False),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file", help="A text file (one message per line) or a CSV/TSV with a text column."
        ),
    ] = None,
    column: Annotated[
        str | None, typer.Option("--column", help="The CSV column holding the text.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    analyzer_name: Annotated[
        str | None,
        typer.Option(
            "--analyzer",
            help="lexicon or models (docs/models.md); default $PARTWAYS_ANALYZER, else lexicon.",
        ),
    ] = None,
) -> None:
    """Show each message's language, labels with scores, and the words that are evidence."""
    from partways.store.analysis import current_analyzer

    from .render_text import analysis_table, legend

    if fmt not in ("table", "json"):
        raise UserError(
            _("--format: %(given)s is not a format; expected table or json.") % {"given": repr(fmt)}
        )
    texts = list(text or [])
    if file is not None:
        texts += _read_texts(file, column)
    if not texts and not sys.stdin.isatty():
        texts = [line for line in sys.stdin.read().splitlines() if line.strip()]
    if not texts:
        raise UserError(_("nothing to analyse: give a message, --file FILE, or pipe text in."))
    # The same analyzer the stored messages are labelled with, unless told otherwise.
    analyzer = current_analyzer(analyzer_name)
    rows: list[dict[str, object]] = []
    for message, result in zip(texts, analyzer.analyze(texts), strict=True):
        rows.append(
            {
                "text": message,
                "language": result.language,
                "labels": result.labels,
                "spans": [
                    {
                        "label": s.label,
                        "start": s.start,
                        "end": s.end,
                        "text": message[s.start : s.end],
                    }
                    for s in result.spans
                ],
            }
        )
    if fmt == "json":
        payload = {"analyzer": f"{analyzer.name}/{analyzer.version}", "messages": rows}
        out.print_json(json.dumps(payload, ensure_ascii=False))
        return
    out.print(analysis_table(rows))
    found = [label for row in rows for label in row["labels"]]  # type: ignore[attr-defined]
    if found:
        out.print(legend(found))


def label_stored() -> None:
    """Label the stored messages the current analyzer has not read yet, with a progress bar."""
    from partways.store.analysis import analyze_messages, current_analyzer, pending_count

    analyzer = current_analyzer()
    pending = pending_count(analyzer)
    if not pending:
        return
    with progress(_("Reading messages"), total=pending) as bar:
        run = analyze_messages(analyzer, lambda n: bar.update(bar.task_ids[0], advance=n))
    err.print(
        _("Read %(n)s messages with %(analyzer)s; %(labelled)s carry a label.")
        % {"n": f"{run.analysed:,}", "analyzer": run.analyzer, "labelled": f"{run.labelled:,}"},
        highlight=False,
        markup=False,
    )


def register(app: typer.Typer) -> None:
    app.command()(analyze)
