"""``partways digest`` and ``partways webhook``: telling people and programs what moved."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import UserError, out
from .lang import gettext as _

webhook = typer.Typer(
    help="Send a signed JSON POST to a URL when a recommendation or a case step changes.",
    no_args_is_help=True,
)


def digest(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print each digest instead of sending it.")
    ] = False,
) -> None:
    """Send each person their digest of what moved, now (the worker sends them daily)."""
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.notify.digest import send_digests
    from partways.notify.mail import MailNotConfigured

    try:
        sent = send_digests(dry_run=dry_run, only_due=False)
    except MailNotConfigured:
        raise UserError(
            _(
                "No mail server is set: set EMAIL_URL (e.g. smtp+tls://user:password@"
                "mail.example.com:587), or see what would be sent with --dry-run."
            )
        ) from None
    if not sent:
        out.print(_("Nothing moved: no digest to send."))
        return
    for member, subject, text in sent:
        if dry_run:
            out.print(f"To: {member.email}\nSubject: {subject}\n\n{text}", highlight=False)
        else:
            out.print(_("Sent to %(email)s.") % {"email": member.email}, highlight=False)


@webhook.command("add")
def add(
    url: Annotated[str, typer.Argument(help="Where to POST, e.g. https://hooks.example/partways.")],
    event: Annotated[
        list[str] | None,
        typer.Option(
            help="recommendation.changed or case.step_changed; repeat for both (default: both)."
        ),
    ] = None,
    description: Annotated[str, typer.Option(help="What receives it.")] = "",
) -> None:
    """Add a webhook; its signing secret is shown this once."""
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    from partways.notify.webhooks import EVENTS, new_secret
    from partways.store.models import Webhook

    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise UserError(
            _("%(url)s is not an http:// or https:// address.") % {"url": url}
        ) from None
    events = event or list(EVENTS)
    unknown = [e for e in events if e not in EVENTS]
    if unknown:
        raise UserError(
            _("--event: %(given)s is not an event; expected one of: %(events)s.")
            % {"given": ", ".join(unknown), "events": ", ".join(EVENTS)}
        )
    hook = Webhook.objects.create(
        url=url, secret=new_secret(), events=events, description=description[:200]
    )
    out.print(hook.secret, highlight=False, soft_wrap=True)
    out.print(
        _(
            "Webhook %(id)d added. Its secret, shown only now, signs every POST "
            "(X-Partways-Signature: t=…,v1=HMAC-SHA256 of 't.body'); docs/api.md says how "
            "to check it."
        )
        % {"id": hook.pk},
        highlight=False,
    )


@webhook.command("list")
def list_hooks() -> None:
    """List the webhooks and how their latest deliveries went."""
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.models import Webhook

    hooks = list(Webhook.objects.all())
    if not hooks:
        out.print(_("No webhooks yet."))
        return
    for hook in hooks:
        out.print(f"{hook.pk}  {hook.url}  {', '.join(hook.events)}", highlight=False)
        for d in hook.deliveries.all()[:5]:
            status = d.last_status or d.last_error or "-"
            line = (
                f"    {d.created_at:%Y-%m-%d %H:%M}  {d.event}  {d.state}  {d.attempts}  {status}"
            )
            out.print(line, highlight=False)


@webhook.command("remove")
def remove(
    hook_id: Annotated[int, typer.Argument(help="The webhook's number, as listed.")],
) -> None:
    """Remove a webhook and its delivery log."""
    from partways.store.bootstrap import ensure_database

    ensure_database()
    from partways.store.models import Webhook

    deleted, _rows = Webhook.objects.filter(pk=hook_id).delete()
    if not deleted:
        raise UserError(_("There is no webhook %(id)d.") % {"id": hook_id})
    out.print(_("Webhook %(id)d removed.") % {"id": hook_id})


def register(app: typer.Typer) -> None:
    app.command()(digest)
    app.add_typer(webhook, name="webhook")
