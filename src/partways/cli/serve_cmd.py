"""``partways serve``: migrate when needed, make sure there is an owner, and serve the web app.

Locally it listens on 127.0.0.1 with a random secret key kept in the data folder.
Production mode (``--production`` or PARTWAYS_PRODUCTION=1) demands a real secret key
and explicit allowed hosts, and is the only mode that may listen beyond this machine.
Both are decided before Django reads its settings (:func:`prepare`, called by
``partways.cli.main``): the settings fix the cookies' Secure flag, HSTS and the key once.

``partways unlock`` lifts the pause on log-ins after too many wrong passwords.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from .common import UserError, err, out
from .lang import gettext as _
from .lang import ngettext

if TYPE_CHECKING:
    from waitress.server import BaseWSGIServer

OWNER_ENV = ("PARTWAYS_OWNER_EMAIL", "PARTWAYS_OWNER_PASSWORD", "PARTWAYS_OWNER_NAME")


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    threads: Annotated[int, typer.Option(help="Worker threads.", min=1, max=64)] = 8,
    workers: Annotated[
        int,
        typer.Option(
            help="Background workers to start beside the server (0: they run elsewhere, "
            "as partways worker).",
            min=0,
            max=64,
        ),
    ] = 1,
    production: Annotated[
        bool,
        typer.Option(
            "--production",
            help="Production mode: needs PARTWAYS_SECRET_KEY and PARTWAYS_ALLOWED_HOSTS.",
        ),
    ] = False,
) -> None:
    """Start the web app (on the embedded SQLite database unless DATABASE_URL is set)."""
    from partways.store.bootstrap import ensure_database, setup

    setup()
    from django.conf import settings

    # Without prepare() the settings would send cookies without Secure, or sign with the
    # public key: a caller's mistake, not the user's.
    unprepared = settings.SECRET_KEY == settings.INSECURE_KEY and not settings.PRODUCTION
    if unprepared or (production and not settings.PRODUCTION):
        raise RuntimeError("partways serve ran without prepare() before Django's settings.")
    if settings.PRODUCTION:
        _refuse_unsafe_production()
    else:
        _local_only(host)
    ensure_database(verbose=True)
    _ensure_owner()
    # Told to stop (SIGTERM, as a service manager does), it stops as on Ctrl+C: the
    # workers it started are stopped with it.
    signal.signal(signal.SIGTERM, _interrupted)
    server = _listen(host, port, threads)
    with background_workers(workers):
        _run(server, host, port)


def _interrupted(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def prepare(args: list[str]) -> None:
    """Before Django loads its settings, export what ``partways ARGS`` decides for them.

    For ``serve --production`` that is PARTWAYS_PRODUCTION=1 (the settings then send
    cookies over HTTPS only, and HSTS); for ``serve`` outside production mode, the
    random key kept in the data folder as PARTWAYS_SECRET_KEY. Other commands, and
    arguments the serve command itself would refuse, change nothing.
    """
    if not args or args[0] != "serve" or "--help" in args:
        return
    import click

    alone = typer.Typer(add_completion=False)
    alone.command()(serve)
    command = typer.main.get_command(alone)
    try:
        # The serve command's own parser, so the flag is read exactly as Typer reads it.
        with command.make_context("serve", list(args[1:]), resilient_parsing=True) as ctx:
            production = bool(ctx.params.get("production"))
    except (click.ClickException, click.exceptions.Exit):
        return
    if production:
        os.environ["PARTWAYS_PRODUCTION"] = "1"
    if os.environ.get("PARTWAYS_PRODUCTION", "") != "1":
        # Not from the settings module: importing it here would load it before the key is set.
        from partways.paths import local_secret_key

        os.environ.setdefault("PARTWAYS_SECRET_KEY", local_secret_key())


def _local_only(host: str) -> None:
    """Outside production mode, listen on this machine only: the defaults are not safe."""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise UserError(
            _(
                "--host %(host)s: outside production mode partways listens on this machine "
                "only (127.0.0.1, ::1 or localhost). To serve others, run `partways serve "
                "--production` with PARTWAYS_SECRET_KEY and PARTWAYS_ALLOWED_HOSTS set "
                "(docs/web.md)."
            )
            % {"host": host}
        )


def _refuse_unsafe_production() -> None:
    from partways.web.production import problems

    found = problems()
    if found:
        lines = "\n".join(f"  - {problem}\n    {hint}" for problem, hint in found)
        raise UserError(_("partways will not serve in production mode:") + "\n" + lines)


def _ensure_owner() -> None:
    """Create the first owner's log-in, from the environment or by asking."""
    from partways.web.accounts import AccountError, create_login, has_owner

    if has_owner():
        return
    email, password, name = (os.environ.get(k, "") for k in OWNER_ENV)
    if not (email and password):
        if not sys.stdin.isatty():
            raise UserError(
                _(
                    "There is no owner account yet, and no terminal to ask for one. Set "
                    "PARTWAYS_OWNER_EMAIL and PARTWAYS_OWNER_PASSWORD (and optionally "
                    "PARTWAYS_OWNER_NAME) for an unattended install."
                )
            )
        out.print(_("No owner account yet: create the first one (it can do everything)."))
        email = typer.prompt(_("E-mail"))
        name = typer.prompt(_("Name"), default=email.split("@")[0])
        password = typer.prompt(_("Password"), hide_input=True, confirmation_prompt=True)
    try:
        create_login(email=email, password=password, name=name or email, role="owner")
    except AccountError as exc:
        raise UserError(
            _("The owner account could not be created: %(why)s") % {"why": exc}
        ) from None
    out.print(_("Owner account created for %(email)s.") % {"email": email})


@contextmanager
def background_workers(count: int) -> Iterator[None]:
    """``count`` ``partways worker`` processes for as long as the server runs.

    They are stopped with the server: told to stop (a job in hand is finished), and
    killed if they have not within :data:`WORKER_GRACE` seconds; a job a killed worker
    was running is started again by the next worker (partways.jobs.recovery).
    """
    # Each is told the server's process id, and stops if it outlives it (a server
    # killed without the chance to stop them).
    command = [sys.executable, "-m", "partways", "worker", "--parent", str(os.getpid())]
    # In a session of their own: Ctrl+C in the terminal reaches the server alone, which
    # then asks each worker once to stop (a second signal would stop it at once).
    children = [
        subprocess.Popen(command, start_new_session=os.name == "posix") for _i in range(count)
    ]
    try:
        yield
    finally:
        for child in children:
            child.terminate()
        deadline = time.monotonic() + WORKER_GRACE
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


# Seconds a worker stopped with the server has to finish the job in hand.
WORKER_GRACE = 10.0

_IN_USE = {errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", errno.EADDRINUSE)}
_DENIED = {errno.EACCES, getattr(errno, "WSAEACCES", errno.EACCES)}


def _listen(host: str, port: int, threads: int) -> BaseWSGIServer:
    """The server, bound to its port (a port taken is the user's error, said in a line)."""
    # The server's and Django's warnings (a refused page, a bad request) go to stderr.
    import logging

    from waitress.server import create_server

    from partways.web.wsgi import application

    logging.basicConfig()
    try:
        return create_server(
            application,
            host=host,
            port=port,
            threads=threads,
            ident="partways",
            max_request_body_size=largest_body(),
            **_proxy(),
        )
    except OSError as exc:
        raise UserError(_cannot_listen(host, port, exc)) from None


def _run(server: BaseWSGIServer, host: str, port: int) -> None:
    # Bound first, announced after: "serving on" is only said once it is true.
    shown = f"[{host}]" if ":" in host else host
    out.print(
        _("partways is serving on %(url)s  (Ctrl+C to stop)") % {"url": f"http://{shown}:{port}/"}
    )
    err.print(_("Waitress handles the requests; see docs/web.md for a production set-up."))
    try:
        server.run()
    except KeyboardInterrupt:  # Ctrl+C, or SIGTERM: a stop asked for, not an error
        server.close()


# Waitress's own default for the largest request body.
WAITRESS_MAX_BODY = 1024**3


def largest_body() -> int:
    """The largest request body Waitress takes in (to a temporary file, not to memory).

    Waitress refuses a larger one by closing the connection, which a client still
    sending sees as a reset. Up to this size the app itself answers an upload over
    ``upload.max_bytes`` with its page (partways.web.uploads), so it is well above that
    limit, and never below Waitress's default of 1 GiB. Raises :class:`UserError` when
    the limit's environment variable is not a whole number.
    """
    from partways.core.limits import LimitMisconfigured, limit
    from partways.web.uploads import DRAIN_FACTOR, FORM_ALLOWANCE

    try:
        most = limit("upload.max_bytes")
    except LimitMisconfigured as exc:
        raise UserError(
            _(
                "%(setting)s: expected the largest upload as a positive whole number of "
                "bytes, e.g. 536870912 for 512 MiB."
            )
            % {"setting": f"{exc.env}={exc.value!r}"}
        ) from None
    return max(WAITRESS_MAX_BODY, DRAIN_FACTOR * most + FORM_ALLOWANCE)


def _proxy() -> dict[str, object]:
    """Waitress's trust in the reverse proxy (production mode): its headers, from it only.

    Waitress drops X-Forwarded-* headers from anyone else, so a visitor cannot claim
    HTTPS or another address; from the proxy, the scheme makes Django see HTTPS (secure
    cookies, HSTS, the CSRF origin check) and the client's address replaces the proxy's.
    """
    from django.conf import settings

    if not settings.PARTWAYS_TRUSTED_PROXY:
        return {}
    return {
        "trusted_proxy": settings.PARTWAYS_TRUSTED_PROXY,
        "trusted_proxy_count": max(settings.PARTWAYS_PROXY_COUNT, 1),
        "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for"},
    }


def _cannot_listen(host: str, port: int, exc: OSError) -> str:
    where = {"host": host, "port": port}
    if exc.errno in _IN_USE:
        return (
            _(
                "cannot listen on %(host)s port %(port)s: another program is using that "
                "port. Stop it, or choose another port with --port."
            )
            % where
        )
    if exc.errno in _DENIED:
        return (
            _(
                "cannot listen on %(host)s port %(port)s: this user may not open that port "
                "(below 1024 needs administrator rights). Choose another port with --port."
            )
            % where
        )
    return _("cannot listen on %(host)s port %(port)s: %(why)s. Check --host and --port.") % {
        **where,
        "why": exc.strerror or exc,
    }


def unlock(
    email: Annotated[
        str | None, typer.Argument(help="The log-in (e-mail address) to unlock.")
    ] = None,
    address: Annotated[
        str | None, typer.Option("--address", help="An IP address to unlock.")
    ] = None,
) -> None:
    """Lift the pause on log-ins after too many wrong passwords, before its cool-off ends."""
    if not (email or address):
        raise UserError(_("Name the log-in to unlock (its e-mail address), or --address IP."))
    if address is not None:
        try:
            address = str(ipaddress.ip_address(address.strip()))
        except ValueError:
            raise UserError(
                _(
                    "--address %(address)s: not an IP address; expected e.g. 203.0.113.7 or "
                    "2001:db8::7."
                )
                % {"address": address}
            ) from None
    from partways.store.bootstrap import ensure_database
    from partways.web.accounts import unlock as unlock_logins

    ensure_database()
    cleared = unlock_logins(email=email, address=address)
    who = (" " + _("and") + " ").join(w for w in (email and email.strip().lower(), address) if w)
    if cleared:
        out.print(
            ngettext(
                "Unlocked %(who)s: %(n)s record of failed log-ins forgotten.",
                "Unlocked %(who)s: %(n)s records of failed log-ins forgotten.",
                cleared,
            )
            % {"who": who, "n": cleared}
        )
    else:
        out.print(
            _("No failed log-ins are recorded for %(who)s; nothing was locked.") % {"who": who}
        )


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(unlock)
