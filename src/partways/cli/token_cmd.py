"""``partways token``: API tokens for the REST API, one team member's rights each."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import UserError, out
from .lang import gettext as _

token = typer.Typer(help="Make, list and revoke tokens for the REST API.", no_args_is_help=True)


@token.command("create")
def create(
    email: Annotated[str, typer.Argument(help="The team member the token acts as.")],
    name: Annotated[str, typer.Option(help="What the token is for, e.g. 'accounting sync'.")] = "",
) -> None:
    """Make a token for a team member; it is shown this once."""
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.api.tokens import create_token
    from partways.store.models import TeamMember

    member = TeamMember.objects.filter(email__iexact=email.strip()).select_related("user").first()
    if member is None:
        raise UserError(_("%(email)s is not on the team.") % {"email": email})
    if member.user is None:
        raise UserError(
            _(
                "%(email)s has no log-in; a token acts as a person who can log in. Give "
                "them one on the team page first."
            )
            % {"email": member.email}
        )
    _row, secret = create_token(member, name)
    out.print(secret, highlight=False, soft_wrap=True)
    out.print(
        _(
            "This token acts as %(name)s (%(role)s) and is shown only now: keep it where "
            "the program that uses it can read it. Send it as: Authorization: Bearer <token>"
        )
        % {"name": member.name, "role": member.role},
        highlight=False,
    )


@token.command("list")
def list_tokens() -> None:
    """List the tokens: their beginning, member, purpose, and when last used."""
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.models import ApiToken

    rows = ApiToken.objects.select_related("member").order_by("member__email", "-created_at")
    if not rows:
        out.print(_("No tokens yet."))
        return
    for row in rows:
        used = row.last_used_at.date().isoformat() if row.last_used_at else _("never used")
        state = _("revoked") if row.revoked_at else used
        out.print(f"{row.prefix}  {row.member.email}  {row.name or '-'}  {state}", highlight=False)


@token.command("revoke")
def revoke(
    shown: Annotated[str, typer.Argument(help="The token, or its beginning as listed.")],
) -> None:
    """Revoke a token at once; programs using it are refused from then on."""
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.api.tokens import revoke as revoke_token

    revoked = revoke_token(shown.strip())
    if not revoked:
        raise UserError(
            _("No live token begins %(shown)s; `partways token list` shows them.")
            % {"shown": shown}
        )
    for row in revoked:
        out.print(
            _("Revoked %(prefix)s (%(email)s).") % {"prefix": row.prefix, "email": row.member.email}
        )


def register(app: typer.Typer) -> None:
    app.add_typer(token, name="token")
