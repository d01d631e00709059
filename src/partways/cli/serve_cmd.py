"""``partways serve``: migrate when needed, make sure there is an owner, and serve the web app.

Locally it listens on 127.0.0.1 with a random secret key kept in the data folder.
Production mode (``--production`` or PARTWAYS_PRODUCTION=1) demands a real secret key
and explicit allowed hosts, and is the only mode that may listen beyond this machine.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import sys
from typing import Annotated

import typer

from .common import UserError, err, out

OWNER_ENV = ("PARTWAYS_OWNER_EMAIL", "PARTWAYS_OWNER_PASSWORD", "PARTWAYS_OWNER_NAME")


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    threads: Annotated[int, typer.Option(help="Worker threads.", min=1, max=64)] = 8,
    production: Annotated[
        bool,
        typer.Option(
            "--production",
            help="Production mode: needs PARTWAYS_SECRET_KEY and PARTWAYS_ALLOWED_HOSTS.",
        ),
    ] = False,
) -> None:
    """Start the web app (on the embedded SQLite database unless DATABASE_URL is set)."""
    if production:
        os.environ["PARTWAYS_PRODUCTION"] = "1"
    production = os.environ.get("PARTWAYS_PRODUCTION", "") == "1"
    if not production:
        _local_only(host)
        os.environ.setdefault("PARTWAYS_SECRET_KEY", _local_secret_key())
    from partways.store.bootstrap import ensure_database, setup

    setup()
    if production:
        _refuse_unsafe_production()
    ensure_database(verbose=True)
    _ensure_owner()
    _run(host, port, threads)


def _local_only(host: str) -> None:
    """Outside production mode, listen on this machine only: the defaults are not safe."""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise UserError(
            f"--host {host}: outside production mode partways listens on this machine only "
            "(127.0.0.1, ::1 or localhost). To serve others, run `partways serve --production` "
            "with PARTWAYS_SECRET_KEY and PARTWAYS_ALLOWED_HOSTS set (docs/web.md)."
        )


def _local_secret_key() -> str:
    """A random key made once per data folder, so log-ins survive a restart."""
    from partways.store.settings import data_home

    path = data_home() / "secret_key"
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key + "\n")
    return key


def _refuse_unsafe_production() -> None:
    from partways.web.production import problems

    found = problems()
    if found:
        lines = "\n".join(f"  - {problem}\n    {hint}" for problem, hint in found)
        raise UserError(f"partways will not serve in production mode:\n{lines}")


def _ensure_owner() -> None:
    """Create the first owner's log-in, from the environment or by asking."""
    from partways.web.accounts import AccountError, create_login, has_owner

    if has_owner():
        return
    email, password, name = (os.environ.get(k, "") for k in OWNER_ENV)
    if not (email and password):
        if not sys.stdin.isatty():
            raise UserError(
                "There is no owner account yet, and no terminal to ask for one. Set "
                "PARTWAYS_OWNER_EMAIL and PARTWAYS_OWNER_PASSWORD (and optionally "
                "PARTWAYS_OWNER_NAME) for an unattended install."
            )
        out.print("No owner account yet: create the first one (it can do everything).")
        email = typer.prompt("E-mail")
        name = typer.prompt("Name", default=email.split("@")[0])
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        create_login(email=email, password=password, name=name or email, role="owner")
    except AccountError as exc:
        raise UserError(f"The owner account could not be created: {exc}") from None
    out.print(f"Owner account created for {email}.")


def _run(host: str, port: int, threads: int) -> None:
    from waitress import serve as waitress_serve

    from partways.web.wsgi import application

    shown = f"[{host}]" if ":" in host else host
    out.print(f"partways is serving on http://{shown}:{port}/  (Ctrl+C to stop)")
    err.print("Waitress handles the requests; see docs/web.md for a production set-up.")
    waitress_serve(application, host=host, port=port, threads=threads, ident="partways")


def register(app: typer.Typer) -> None:
    app.command()(serve)
