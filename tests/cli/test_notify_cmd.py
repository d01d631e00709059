"""``partways digest`` and ``partways webhook`` on the command line: the digest's dry run
prints what each person would get; without a mail server, sending says what to set;
webhooks are added with a secret shown once, listed and removed."""

from __future__ import annotations

import subprocess
import sys

from .conftest import CLI

# The owner's log-in (as `partways serve` makes it) and a report she files today.
SEED = """
import datetime as dt
from django.utils import timezone
from partways.store.bootstrap import ensure_database, setup
setup(); ensure_database()
from partways.store.models import Client, Incident, TeamMember
from partways.web.accounts import create_login
owner = create_login(email="ana@studio.example", password="a long pass phrase", name="Ana",
                     role="owner")
client = Client.objects.create(name="Harbour Ltd")
Incident.objects.create(client=client, kind="unreasonable_demand", severity="low",
                        occurred_at=timezone.now() - dt.timedelta(hours=2), reporter=owner,
                        reporter_name="Ana")
"""


def test_the_digest_s_dry_run_prints_it_and_sending_needs_a_mail_server(cli: CLI) -> None:
    assert "Nothing moved" in cli("digest", "--dry-run").stdout
    subprocess.run([sys.executable, "-c", SEED], env=cli.env, check=True)
    shown = cli("digest", "--dry-run").stdout
    assert "To: ana@studio.example" in shown and "Subject: partways: what moved since" in shown
    assert "New incident reports" in shown and "Harbour Ltd" in shown
    refused = cli("digest", check=False)
    assert refused.returncode == 2 and "EMAIL_URL" in refused.stderr
    assert "Traceback" not in refused.stderr
    croatian = cli("--lang", "hr", "digest", "--dry-run").stdout
    assert "Harbour Ltd" in croatian  # the digest itself is in Ana's language: English
    assert "New incident reports" in croatian


def test_a_webhook_is_added_with_its_secret_listed_and_removed(cli: CLI) -> None:
    bad = cli("webhook", "add", "ftp://hooks.example/x", check=False)
    assert bad.returncode == 2 and "is not an http:// or https:// address" in bad.stderr
    wrong = cli("webhook", "add", "https://hooks.example/x", "--event", "client.gone", check=False)
    assert wrong.returncode == 2 and "recommendation.changed" in wrong.stderr
    added = cli("webhook", "add", "https://hooks.example/partways", "--event", "case.step_changed")
    assert added.stdout.startswith("whsec_")
    listed = cli("webhook", "list").stdout
    assert "https://hooks.example/partways" in listed and "case.step_changed" in listed
    assert "whsec_" not in listed  # the secret is shown once
    hook_id = listed.split()[0]
    assert "removed" in cli("webhook", "remove", hook_id).stdout
    assert "No webhooks yet." in cli("webhook", "list").stdout
    gone = cli("webhook", "remove", hook_id, check=False)
    assert gone.returncode == 2 and f"There is no webhook {hook_id}." in gone.stderr
