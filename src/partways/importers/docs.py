"""docs/importing.md, assembled from the README of each importer's and connector's folder.

Each folder documents its own tool beside its code; ``make docs`` joins them under a
common introduction, and a test fails when the committed page and the folders differ.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent

# Folders in the order a user meets them: time, money, messages, the rest.
FOLDERS = (
    "toggl", "clockify", "harvest", "kimai",
    "invoiceninja", "freshbooks", "stripe", "zoho", "wave", "invoicely", "invoice2go",
    "email", "imap", "slack", "ics",
    "records_file", "generic_csv",
)  # fmt: skip

# The live-sync connectors (partways/connectors/<service>), in the same order.
CONNECTOR_FOLDERS = ("toggl", "clockify", "harvest", "invoiceninja", "stripe")
CONNECTORS_HERE = HERE.parent / "connectors"

SYNC_INTRO = """\
## Live sync: connect a service instead of exporting

Five services can be read from their API instead of from exported files: Toggl Track,
Clockify, Harvest, Invoice Ninja and Stripe. Connect once, then sync:

```sh
partways connect toggl            # asks for the API token (without echo), checks it
partways sync                     # every connection: what changed since the last sync
partways sync toggl               # one connection
partways connections              # each connection, its last sync and what it did
partways disconnect toggl         # forget the credentials; what was synced stays
```

The owner can do the same on the web, under Settings → Connections, with a **Sync
now** button beside each connection.

- **The same records as the export.** A synced record is filled exactly as the
  service's CSV export fills it, so it gets the same key: importing the export after
  a sync, or syncing after importing the export, adds nothing twice. The first sync
  adopts what the exports brought, and follows it from then on.
- **What changed, and only that.** Each connection keeps a cursor (where the last
  sync stopped). Records edited at the service are updated in place, even when the
  edit changes what identifies them (a description, a start time, an amount);
  records deleted there are removed here, as each service's section says.
- **All or nothing.** A sync reads everything it needs first, then writes it in one
  transaction, as an import writes a file. A refused token, a network failure or a
  rate limit that lifts too late stops it with a sentence saying so: nothing is
  changed, and the next sync starts from the same place.
- **Credentials are kept encrypted** (Fernet, with a key derived from
  `PARTWAYS_SECRET_KEY`, else from the random key kept in the data folder) and are
  never printed. For an unattended set-up, `connect` reads them from
  `PARTWAYS_<SERVICE>_<FIELD>` (e.g. `PARTWAYS_TOGGL_TOKEN`); they are never taken as
  command-line arguments. After changing `PARTWAYS_SECRET_KEY`, put the old one in
  `PARTWAYS_OLD_SECRET_KEYS` until each connection has been connected again.
- **On a schedule.** `partways worker` syncs every connection every
  `sync.interval_hours` (6 by default; 0 syncs only when asked). Without a worker, a
  cron line does the same, e.g. `0 */6 * * * partways sync`.
- **Settings** (e.g. `partways settings set sync.window_days 120`):
  `sync.window_days` (how far back services without a deletion feed are read again,
  90 days) and `sync.history_days` (how far back the first sync of a time tracker
  reads, three years).

The sections below take the services one by one: how to get the token, what is read,
how edits and deletions are found, and the limits.
"""

INTRO = """\
# Importing your data

partways reads the exports of the tools you already use. Export, then:

```sh
partways import FILE_OR_FOLDER...     # each file's format is recognised
partways import FILE --dry-run        # what would change; writes nothing
partways formats                      # every format, by the name --format takes
```

Toggl Track, Clockify, Harvest, Invoice Ninja and Stripe can also be connected once
and synced from their API instead of exported every month: see
[Live sync](#live-sync-connect-a-service-instead-of-exporting) below.

## What every import does

- **Recognises the format** from the file's header or first lines. `--format NAME`
  forces one (`partways formats` lists them). A folder is read file by file, and files
  that are no export are listed as ignored; a maildir or an unpacked Slack export is
  one export.
- **Writes all of a file or nothing.** A file with an error writes nothing: the report
  names the file, the line, the column and what was expected, for every error at once.
  `--skip-bad-rows` imports the good rows and lists the bad ones.
- **Adds nothing twice.** Every record gets a stable key from what identifies it (for
  a time entry: client, project, person, start, duration, description; for an invoice:
  client and number; for a message: its Message-ID). Importing the same file again, or
  an export that overlaps the last one, adds only what is new; a record that changed
  since (an invoice paid, an amount corrected) is updated in place. The summary says,
  per file, how many records are new, updated, unchanged and skipped, and why any
  were skipped.
- **Reads messy files.** UTF-8 with or without a byte-order mark, UTF-16 (Excel's
  "Unicode text"), Windows-1252 and Latin-1; commas, semicolons or tabs; fields with
  line breaks in quotes; preamble lines before the header. Numbers and dates are read
  the way the column writes them (`2.000,0` and `1,234.50`, `($400.00)`, `31.03.2024.`,
  `03/31/2024`, `10:23 AM`), decided per column, so one file never mixes two readings.
- **Refuses what would exhaust the machine.** A ZIP that would expand past its limits
  (a zip bomb), JSON, YAML or MIME parts nested more than 64 levels deep, a records
  file that multiplies itself through its aliases, a calendar of more than 100,000
  events or with rules that repeat every minute for decades: each is refused at once,
  with a sentence naming the file and the limit, and nothing is written. The limits
  and the environment variables that change them are in [settings](settings.md).
- **Keeps time right.** Times written with an offset keep it; times without one are
  local time in your business's time zone (`--time-zone Europe/Zagreb` for another).
  Everything is stored in UTC. A local time that never happened (the hour skipped when
  clocks go forward) is an error, not a guess.
- **Keeps money exact.** Amounts are stored as hundredths of their own currency; a
  currency without an exchange rate to your base currency stops the triage with a
  message (`partways rate USD 0.92`), never a silent sum.

## Who is who

Every tool spells your clients its own way. partways compares names without case,
accents, punctuation and legal forms (Ltd, LLC, GmbH, d.o.o., d.d., PT … Tbk, Sdn Bhd,
شركة …), so "ACME, d.o.o.", "Acme doo" and "acme" are one client, and keeps each new
spelling as an alias. A name that matches no client becomes a new client, and the
report lists it.

Messages are matched by address: a contact's exact address first, then the client's
own domain (never a free-mail domain such as gmail.com). Mail from your own addresses
is outbound: your team members' addresses count, and you can add yours and your
domain with `--me you@studio.hr --me @studio.hr` (remembered). A message that matches
no client is kept without one; the report and `partways clients unmatched` list the
addresses.

```sh
partways clients list                           # clients, aliases, addresses, domains
partways clients unmatched                      # who wrote the mail no client claims
partways clients alias "ACME Web" "Acme d.o.o." # another name of a client
partways clients alias ivan@acme.hr "Acme d.o.o."   # an address: its mail is claimed
partways clients alias @acme.hr "Acme d.o.o."   # a whole domain
partways clients merge "Acme Corporation" "Acme d.o.o."   # a duplicate, folded in
```

`merge` moves every record of the first client to the second and keeps the first
name as an alias, so the next import that uses it lands on the right client.

## Writing your own importer

An importer is a class with `identify(path) -> bool` and
`extract(path) -> (records, errors)` (`partways.importers.Importer`); CSV formats
declare their columns (`partways.importers.csvmap`). Register it under the
`partways.importers` entry-point group of your package, exactly as partways registers
its own in `pyproject.toml`.

The sections below take the tools one by one: how to export, what partways reads,
and what to know.
"""


def _demote(text: str) -> str:
    """Every heading one level down (a README's title becomes a section); code kept."""
    lines, in_code = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        lines.append("#" + line if line.startswith("#") and not in_code else line)
    return "\n".join(lines)


def importing_markdown() -> str:
    """The whole page: the introduction, then each folder's README one level down.

    Raises FileNotFoundError when run from an installation without the sources.
    """
    from .registry import importer_classes

    names: dict[str, list[str]] = {}
    for name, cls in importer_classes().items():
        names.setdefault(cls.__module__.split(".")[2], []).append(name)
    parts = [INTRO]
    for folder in FOLDERS:
        text = _demote((HERE / folder / "README.md").read_text(encoding="utf-8").strip())
        title, _, rest = text.partition("\n")
        formats = ", ".join(f"`{n}`" for n in sorted(names.get(folder, [])))
        parts.append(f"{title}\n\nFormat names (for `--format`): {formats}.\n{rest}")
    parts.append(SYNC_INTRO.strip())
    for folder in CONNECTOR_FOLDERS:
        readme = CONNECTORS_HERE / folder / "README.md"
        parts.append(_demote(readme.read_text(encoding="utf-8").strip()))
    return "\n\n".join(parts) + "\n"
