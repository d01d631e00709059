"""``partways token``: a token is made for a team member with a log-in, shown once,
listed by its beginning only, and revoked by it."""

from __future__ import annotations

import re
import subprocess
import sys

from .conftest import CLI

# The owner's log-in, made as `partways serve` makes it on its first start.
MAKE_LOGIN = """
from partways.store.bootstrap import ensure_database, setup
setup(); ensure_database()
from partways.web.accounts import create_login
create_login(email="ana@studio.example", password="a long pass phrase", name="Ana", role="owner")
"""


def test_a_token_is_made_listed_and_revoked(cli: CLI) -> None:
    unknown = cli("token", "create", "nobody@studio.example", check=False)
    assert unknown.returncode == 2 and "nobody@studio.example is not on the team." in unknown.stderr
    cli("setup", "--name", "Studio Test", "--member", "Ana <ana@studio.example> owner")
    refused = cli("token", "create", "ana@studio.example", check=False)
    assert refused.returncode == 2 and "has no log-in" in refused.stderr
    subprocess.run([sys.executable, "-c", MAKE_LOGIN], env=cli.env, check=True)

    made = cli("token", "create", "ana@studio.example", "--name", "accounting sync")
    token = made.stdout.split()[0]
    assert re.fullmatch(r"pw_[\w-]{40,}", token), made.stdout
    assert "shown only now" in made.stdout
    listed = cli("token", "list").stdout
    assert token[:12] in listed and token not in listed  # only its beginning
    assert "ana@studio.example" in listed and "accounting sync" in listed
    assert "never used" in listed
    cli("token", "revoke", token[:12])
    assert "revoked" in cli("token", "list").stdout
    again = cli("token", "revoke", token[:12], check=False)
    assert again.returncode == 2 and "No live token begins" in again.stderr
