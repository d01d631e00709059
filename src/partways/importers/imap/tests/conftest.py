"""A real IMAP server for the tests: Dovecot on 127.0.0.1, configured in a temporary folder.

Dovecot runs as an unprivileged user with a generated configuration, a passwd-file
user and a maildir of its own, and is stopped after the module. When the
``dovecot`` program is not installed (Debian/Ubuntu package ``dovecot-imapd``),
the tests are skipped with that reason.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

USER = "ana"
PASSWORD = "tajna-lozinka-2026"

_CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
mail_location = maildir:{root}/home/%u/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class Server:
    host: str
    port: int
    user: str
    password: str

    def url(self, folder: str = "") -> str:
        return f"imap://{self.user}@{self.host}:{self.port}/{folder}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                if sock.recv(64).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.1)
    text = log.read_text() if log.exists() else "(no log)"
    raise RuntimeError(f"Dovecot did not start on port {port}:\n{text}")


@pytest.fixture(scope="module")
def imap_server() -> Iterator[Server]:
    dovecot = shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None
    )
    if dovecot is None:
        reason = "dovecot is not installed (Debian/Ubuntu: apt-get install dovecot-imapd)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; .ci/run installs it, so CI must not skip these tests")
        pytest.skip(reason)
    # Dovecot refuses to run its login process as root: as root, run it all as nobody.
    as_root = os.geteuid() == 0
    account = pwd.getpwnam("nobody") if as_root else pwd.getpwuid(os.geteuid())
    group = grp.getgrgid(account.pw_gid)
    root = Path(tempfile.mkdtemp(prefix="partways-dovecot-"))
    try:
        for sub in ("run", "state", "home"):
            (root / sub).mkdir()
        (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        port = _free_port()
        (root / "dovecot.conf").write_text(
            _CONFIG.format(
                root=root,
                user=account.pw_name,
                group=group.gr_name,
                uid=account.pw_uid,
                gid=account.pw_gid,
                port=port,
            )
        )
        if as_root:
            for path in [root, *root.rglob("*")]:
                os.chown(path, account.pw_uid, account.pw_gid)
        process = subprocess.Popen(
            [dovecot, "-F", "-c", str(root / "dovecot.conf")],
            user=account.pw_uid if as_root else None,
            group=account.pw_gid if as_root else None,
            extra_groups=[] if as_root else None,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(port, process, root / "dovecot.log")
            yield Server("127.0.0.1", port, USER, PASSWORD)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        shutil.rmtree(root, ignore_errors=True)
