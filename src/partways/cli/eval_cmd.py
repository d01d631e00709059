"""``partways eval text``: measure the text analyzer on labelled public datasets;
``partways eval triage``: measure triage on generated agencies with planted patterns."""

from __future__ import annotations

import shlex
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from partways.core.text.evaluation.datasets import SPECS
from partways.core.text.registry import ANALYZERS, DEFAULT_ANALYZER

from .common import UserError, out, progress
from .lang import gettext as _

if TYPE_CHECKING:
    from partways.core.text.evaluation.run import Outcome

evaluation = typer.Typer(
    help="Measure partways against labelled public datasets.", no_args_is_help=True
)

_NAMES = ", ".join(s.name for s in SPECS)


def _command(
    data: Path | None, analyzer: str, datasets: list[str], limit: int | None, report: Path | None
) -> str:
    args = ["partways", "eval", "text"]
    args += ["--data", str(data)] if data is not None else []
    args += ["--analyzer", analyzer]
    for name in datasets:
        args += ["--dataset", name]
    args += ["--limit", str(limit)] if limit is not None else []
    args += ["--out", str(report)] if report is not None else []
    return shlex.join(args)


@evaluation.command()
def text(
    data: Annotated[
        Path | None,
        typer.Option(
            help="The folder holding abuse/ and sentiment/, laid out as their SOURCES.md "
            "describe (the data is not shipped with partways). Without it only the "
            "labelled messages partways ships are scored, and --out rewrites only their "
            "section of the report.",
            show_default=False,
        ),
    ] = None,
    analyzer: Annotated[
        str | None,
        typer.Option(
            help=f"The analyzer to measure: {', '.join(ANALYZERS)}. Default: "
            f"$PARTWAYS_ANALYZER, else {DEFAULT_ANALYZER}.",
            show_default=False,
        ),
    ] = None,
    datasets: Annotated[
        list[str] | None,
        typer.Option("--dataset", help=f"Only this dataset; repeat for more. One of: {_NAMES}."),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(help="At most N messages per dataset, evenly spaced through it."),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Also write the full Markdown report here, e.g. docs/evaluation.md. "
            "Without it the tables are only printed.",
        ),
    ] = None,
    errors: Annotated[
        int,
        typer.Option(
            "--errors",
            help="Also print up to N false positives and N false negatives per dataset "
            "(never written into the report).",
        ),
    ] = 0,
) -> None:
    """Run an analyzer over labelled datasets and score it.

    Prints macro-F1, precision, recall and language-identification accuracy per public
    dataset beside the best published score (a dataset whose files are missing is
    reported as such), and precision, recall and F1 per label, language and split on the
    labelled messages partways ships (hardship, asks, payment excuses, unethical
    requests, demands).
    """
    from partways.core.text.evaluation.datasets import SPEC_BY_NAME
    from partways.core.text.evaluation.labelled import load_labelled, score_labelled
    from partways.core.text.evaluation.report import (
        RunInfo,
        render_errors,
        render_labelled_errors,
        render_labelled_section,
        render_labelled_table,
        render_report,
        render_tables,
        with_labelled_section,
    )
    from partways.core.text.evaluation.run import run
    from partways.store.analysis import analyzer_name, current_analyzer

    if data is not None and not data.is_dir():
        raise UserError(_("--data: %(path)s is not a folder.") % {"path": data})
    if data is not None and not (data / "abuse").is_dir() and not (data / "sentiment").is_dir():
        raise UserError(
            _(
                "--data: %(path)s holds neither abuse/ nor sentiment/; give the folder the "
                "datasets were copied into."
            )
            % {"path": data}
        )
    chosen = datasets or []
    unknown = [name for name in chosen if name not in SPEC_BY_NAME]
    if unknown:
        raise UserError(
            _("--dataset: no dataset called %(names)s; there are: %(known)s.")
            % {"names": ", ".join(unknown), "known": _NAMES}
        )
    if limit is not None and limit < 1:
        raise UserError(_("--limit must be at least 1."))
    if errors < 0:
        raise UserError(_("--errors cannot be negative."))
    name = analyzer_name(analyzer)
    engine = current_analyzer(name)  # an unknown name is a user error (cli/__init__.py)

    if data is None and chosen:
        raise UserError(_("--dataset: the public datasets are read from --data; give it too."))
    specs = [SPEC_BY_NAME[n] for n in dict.fromkeys(chosen)] if chosen else list(SPECS)
    outcomes: list[Outcome] = []
    if data is not None:
        with progress(
            _("Analysing with %(analyzer)s") % {"analyzer": engine.name}, total=None
        ) as bar:
            task = bar.task_ids[0]
            outcomes = run(
                engine,
                specs,
                data,
                limit=limit,
                keep_errors=errors,
                on_progress=lambda spec, done, total: bar.update(
                    task, step=f"{spec.name} {done:,}/{total:,}"
                ),
            )
    labelled = score_labelled(engine, load_labelled())

    # Markdown on stdout must not wrap or be read as Rich markup.
    if outcomes:
        out.print(render_tables(outcomes), markup=False, highlight=False, soft_wrap=True)
    out.print(
        "## Labels without a public dataset\n\n" + render_labelled_table(labelled),
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if errors:
        printed = render_errors(outcomes) + render_labelled_errors(labelled)
        out.print(printed, markup=False, highlight=False, soft_wrap=True)
    if report is not None:
        info = RunInfo.here(
            engine.name, engine.version, _command(data, name, chosen, limit, report), limit
        )
        section = render_labelled_section(labelled, info, _misses_text(engine.name))

        def text() -> str:
            if data is None:
                # Only the labelled-messages section: the public datasets' tables stay.
                old = report.read_text(encoding="utf-8") if report.is_file() else ""
                return with_labelled_section(old, section)
            return render_report(outcomes, info, _gap_text(engine.name, limit), section)

        _write_report(report, text)


def _write_report(report: Path, text: Callable[[], str]) -> None:
    """Write the report ``text()`` makes (reading the old one is part of it); a file that
    cannot be read or written is the user's to fix."""
    try:
        content = text()
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise UserError(
            _("--out: cannot write %(path)s: %(why)s.")
            % {"path": report, "why": exc.strerror or exc}
        ) from None
    out.print(_("Report written to %(path)s.") % {"path": report}, markup=False, highlight=False)


def _gap_text(analyzer: str, limit: int | None) -> str:
    # The prose was written from a full run of the lexicons; elsewhere it would mislead.
    from partways.core.text.evaluation.gap import GAP_TEXT

    if analyzer == "lexicon" and limit is None:
        return GAP_TEXT
    return (
        "Not written for this run: the section is written by hand from a full run of the "
        "default lexicon analyzer (`partways eval text --data DIR` without `--limit`)."
    )


def _triage_command(
    seed: int, report: Path | None, keep_files: Path | None, slugs: list[str]
) -> str:
    args = ["partways", "eval", "triage", "--seed", str(seed)]
    for slug in slugs:
        args += ["--agency", slug]
    args += ["--out", str(report)] if report is not None else []
    return shlex.join(args)


@evaluation.command("triage")
def triage_eval(
    seed: Annotated[int, typer.Option(help="The generator's seed.")] = 2026,
    report: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Also write the full Markdown report here, e.g. docs/evaluation-triage.md. "
            "Without it only the summary is printed.",
        ),
    ] = None,
    keep_files: Annotated[
        Path | None,
        typer.Option(
            "--keep-files",
            help="Keep each agency's exported files and database in DIR/<agency> "
            "(a new or empty folder); by default they are deleted.",
        ),
    ] = None,
    slugs: Annotated[
        list[str] | None,
        typer.Option("--agency", help="Only this generated agency (by slug); repeat for more."),
    ] = None,
) -> None:
    """Generate agencies with planted client patterns, import their exports, triage them
    and score every verdict against the answer key.

    A wrong verdict is a result, not an error: the exit status is non-zero only when
    the evaluation could not run (an export that does not import, a failed process).
    """
    from rich.table import Table

    from partways.evaluation.exports import WriterError
    from partways.evaluation.generate import generate_agencies
    from partways.evaluation.report import (
        SUMMARY_HEAD,
        RunInfo,
        checks,
        render_report,
        summary_rows,
    )
    from partways.evaluation.triage_eval import EvaluationError, evaluate

    if keep_files is not None and keep_files.exists() and not keep_files.is_dir():
        raise UserError(
            _("--keep-files: %(path)s is a file; give a folder.") % {"path": keep_files}
        )
    agencies = generate_agencies(seed)
    chosen = slugs or []
    known = [a.slug for a in agencies]
    unknown = [s for s in chosen if s not in known]
    if unknown:
        raise UserError(
            _("--agency: no agency called %(names)s; there are: %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(known)}
        )
    if chosen:
        agencies = [a for a in agencies if a.slug in chosen]
    with progress(_("Evaluating"), total=None) as bar:
        task = bar.task_ids[0]
        try:
            result = evaluate(
                agencies,
                seed,
                keep_files=keep_files,
                on_agency=lambda a: bar.update(task, step=f"{a.slug} ({len(a.clients)} clients)"),
            )
        except (EvaluationError, WriterError) as exc:
            raise UserError(_("The evaluation could not run: %(why)s") % {"why": exc}) from None
        except OSError as exc:
            raise UserError(
                _("The evaluation could not write its files: %(why)s") % {"why": exc}
            ) from None
    table = Table(
        title=_("Triage evaluation (seed %(seed)s)") % {"seed": seed}, title_justify="left"
    )
    for column in SUMMARY_HEAD:
        table.add_column(_summary_word(column))
    for row in summary_rows(result):
        table.add_row(*(_summary_word(cell) for cell in row))
    out.print(table)
    held = result.scores(held_out=True)
    if held:
        for check in checks(held):
            out.print(
                _("Held-out: %(check)s: %(met)s")
                % {
                    "check": _summary_word(check.text),
                    "met": _("met") if check.met else _("not met"),
                },
                markup=False,
                highlight=False,
            )
    if report is not None:
        info = RunInfo.here(_triage_command(seed, report, keep_files, chosen))
        _write_report(report, lambda: render_report(result, info))


def _misses_text(analyzer: str) -> str:
    # Written from a run of the lexicons, like the gap section.
    from partways.core.text.evaluation.gap import LABELLED_MISSES_TEXT

    if analyzer == "lexicon":
        return LABELLED_MISSES_TEXT
    return "Not written for this run: the paragraph is written by hand from a run of the lexicons."


def register(app: typer.Typer) -> None:
    app.add_typer(evaluation, name="eval")


def _summary_word(english: str) -> str:
    """A word of the printed evaluation summary (a header, a group, a check) in the
    command line's language; figures and agency names pass as they are. The Markdown
    report stays in English, as the docs it is written into."""
    words = {
        "Agency": _("Agency"),
        "Group": _("Group"),
        "Clients": _("Clients"),
        "Verdict ok": _("Verdict ok"),
        "Healthy ok": _("Healthy ok"),
        "Caught": _("Caught"),
        "Chronic/acute": _("Chronic/acute"),
        "All checks": _("All checks"),
        "held-out": _("held-out"),
        "tuning": _("tuning"),
        "all held-out": _("all held-out"),
        "all tuning": _("all tuning"),
        "Every healthy client is keep or watch": _("Every healthy client is keep or watch"),
        "Every planted problem is caught with the right sign": _(
            "Every planted problem is caught with the right sign"
        ),
        "Chronic and acute are told apart (acute with support first)": _(
            "Chronic and acute are told apart (acute with support first)"
        ),
        "No end-now from a single low-severity report": _(
            "No end-now from a single low-severity report"
        ),
    }
    return words.get(english, english)
