"""``partways offboard``: open, follow and close an offboarding case (PLAYBOOK §4)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from .common import find_client, out, parse_date
from .lang import gettext as _

Client = Annotated[str, typer.Argument(help="The client's name, an alias, or part of it.")]
By = Annotated[
    str | None,
    typer.Option(
        "--by", help="Who is acting, for the audit trail (default: $PARTWAYS_USER or you)."
    ),
]
Today = Annotated[
    str | None,
    typer.Option("--as-of", help="Act as of this date (YYYY-MM-DD); default today."),
]


class _DefaultToStart(TyperGroup):
    """``partways offboard CLIENT`` means ``partways offboard start CLIENT``."""

    # Typer vendors Click, so its types are not importable as `click`. Parsing is where
    # the group would reject options meant for `start` (`offboard --reason X CLIENT`).
    def parse_args(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["start", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_DefaultToStart,
    help="End a relationship professionally: `partways offboard CLIENT` opens a case; "
    "`status` and `step` follow it.",
    no_args_is_help=True,
)


@app.command()
def start(
    client: Client,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            help="too_demanding, mistreats_staff, unethical, payment, not_a_fit or generic "
            "(default: from the triage).",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="The letter's language: en, id, hr, ar (default: the client's)."
        ),
    ] = None,
    notice_on: Annotated[
        str | None,
        typer.Option("--notice-on", help="When the client is told (default: after cooling off)."),
    ] = None,
    end_on: Annotated[
        str | None, typer.Option("--end-on", help="The last day (default: recommended).")
    ] = None,
    referral: Annotated[
        str,
        typer.Option(
            "--referral", help="A colleague to refer the client to, as the letter names them."
        ),
    ] = "",
    by: By = None,
    as_of: Today = None,
) -> None:
    """Open an offboarding case for CLIENT and show every step worked out."""
    from partways.store.bootstrap import ensure_database
    from partways.store.cases.offboarding import open_case

    from .actor import actor
    from .render_cases import case_panels

    today = parse_date(as_of)
    ensure_database()
    client_id, _ = find_client(client)
    view = open_case(
        client_id,
        today=today,
        by=actor(by),
        reason=reason,
        lang=lang,
        notice_on=parse_date(notice_on, "--notice-on") if notice_on else None,
        end_on=parse_date(end_on, "--end-on") if end_on else None,
        referral=referral,
    )
    for part in case_panels(view):
        out.print(part)


@app.command()
def status(
    client: Annotated[
        str | None, typer.Argument(help="One client's case; all open ones if left out.")
    ] = None,
    as_of: Today = None,
) -> None:
    """Show the open cases, or one client's case with its audit trail."""
    from partways.store.bootstrap import ensure_database
    from partways.store.cases.offboarding import find_case, open_cases, view

    from .render_cases import case_panels, cases_table

    today = parse_date(as_of)
    ensure_database()
    if client is None:
        cases = open_cases()
        if not cases:
            out.print(_("No open offboarding cases. Open one with `partways offboard CLIENT`."))
            return
        out.print(cases_table(cases))
        return
    client_id, _name = find_client(client)
    for part in case_panels(view(find_case(client_id), today), trail=True):
        out.print(part)


@app.command()
def step(
    client: Client,
    step: Annotated[
        str,
        typer.Argument(
            help="contract_review, owed_work, receivables, "
            "conversation, notification, transition or closed"
        ),
    ],
    action: Annotated[str, typer.Argument(help="done, waive (needs --note) or reopen")],
    note: Annotated[str, typer.Option("--note", help="Why, or what was done.")] = "",
    by: By = None,
    as_of: Today = None,
) -> None:
    """Mark a step of CLIENT's case done, waived or pending again."""
    from partways.store.bootstrap import ensure_database
    from partways.store.cases.offboarding import change_step

    from .actor import actor
    from .lang import current, day
    from .render_cases import checklist, state_name, step_name

    today = parse_date(as_of)
    ensure_database()
    client_id, name = find_client(client)
    view = change_step(client_id, step, action, on=today, by=actor(by), note=note)
    s = view.steps[step]
    out.print(
        _("%(client)s: %(step)s is %(state)s (%(day)s, %(by)s).")
        % {
            "client": name,
            # In English the step's key, as the command takes it.
            "step": step if current() == "en" else step_name(step),
            "state": state_name(s.state),
            "day": day(today),
            "by": s.by,
        },
        markup=False,
    )
    if step == "closed" and s.state == "done":
        out.print(
            _("The case is closed and %(client)s is archived; every record is kept.")
            % {"client": name},
            markup=False,
        )
    out.print(checklist(view))


def register(root: Any) -> None:
    root.add_typer(app, name="offboard")
