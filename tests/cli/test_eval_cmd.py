"""``partways eval text`` end to end: tables on stdout, the report file, missing data."""

import re
import shutil
from pathlib import Path

import pytest

from tests.shared_data import SHARED

FIXTURES = Path(__file__).parents[1] / "core" / "fixtures" / "eval"


def _eval(cli, data, *args, check=True):
    return cli("eval", "text", "--data", str(data), "--analyzer", "lexicon", *args, check=check)


def test_the_report_has_a_row_of_scores_per_dataset(cli, tmp_path):
    report = tmp_path / "docs" / "evaluation.md"
    proc = _eval(cli, FIXTURES, "--out", str(report))
    assert f"Report written to {report}." in proc.stdout
    text = report.read_text(encoding="utf-8")
    assert "- Analyzer: **lexicon** 1.0+" in text
    assert f"partways eval text --data {FIXTURES} --analyzer lexicon --out {report}" in text
    # Scores depend on the curated lexicons; their arithmetic is tested in test_text_metrics.
    score = r"\d\.\d{{3}} \| "
    row = r"\| {} \| \w\w \| \d \| " + score * 4 + r"\d+\.\d%"
    for name in ("en_olid", "en_davidson2017", "id_ibrohim2019", "ar_lhsab", "ar_osact2020"):
        assert re.search(row.format(name), text), name
    assert re.search(row.format("hr_frenk"), text) and re.search(row.format("hr_food"), text)
    assert re.search(r"\| en_olid .*\| 0\.829 macro-F1 \| [+-]\d+\.\d \| (met|not met) \|", text)
    assert text.index("## Abuse") < text.index("## Sentiment") < text.index("## Datasets")
    assert "## What would close the gap" in text
    assert "not comparable" in text
    # The tables printed are the report's tables.
    olid_row = next(line for line in text.splitlines() if line.startswith("| en_olid |"))
    assert olid_row.rsplit("|", 3)[0] in proc.stdout


def test_without_out_nothing_is_written(cli, tmp_path):
    proc = _eval(cli, FIXTURES, "--dataset", "hr_food")
    assert "| hr_food | hr | 4 |" in proc.stdout
    assert "en_olid" not in proc.stdout and "Report written" not in proc.stdout


def test_a_missing_dataset_is_a_row_saying_where_it_was_looked_for(cli, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    (data / "abuse" / "hr_frenk" / "test.tsv").unlink()
    report = tmp_path / "evaluation.md"
    _eval(cli, data, "--out", str(report))
    text = report.read_text(encoding="utf-8")
    assert f"| hr_frenk | hr | — | not found at {data / 'abuse/hr_frenk/test.tsv'} |" in text
    assert "| en_olid | en | 4 | 0.733 |" in text


def test_errors_are_printed_for_curators_and_kept_out_of_the_report(cli, tmp_path):
    report = tmp_path / "evaluation.md"
    proc = _eval(cli, FIXTURES, "--dataset", "en_olid", "--errors", "3", "--out", str(report))
    assert "en_olid: false negatives (labelled offensive, not predicted)" in proc.stdout
    assert "  - @USER go back to your cave, nobody wants you here" in proc.stdout
    assert "go back to your cave" not in report.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--data", "/no/such/folder"), "is not a folder"),
        (("--data", str(FIXTURES / "abuse")), "holds neither abuse/ nor sentiment/"),
        (("--data", str(FIXTURES), "--dataset", "en_nope"), "no dataset called en_nope"),
        (("--data", str(FIXTURES), "--analyzer", "nope"), "no analyzer called 'nope'"),
        (("--data", str(FIXTURES), "--limit", "0"), "--limit must be at least 1"),
    ],
)
def test_bad_options_are_user_errors(cli, args, message):
    proc = cli("eval", "text", *args, check=False)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(not (SHARED / "abuse").is_dir(), reason=f"{SHARED} is not here")
def test_the_real_datasets_are_read_and_scored(cli, tmp_path):
    report = tmp_path / "evaluation.md"
    _eval(cli, SHARED, "--limit", "150", "--out", str(report))
    text = report.read_text(encoding="utf-8")
    assert "not found" not in text and "cannot read" not in text
    rows = re.findall(r"^\| (\w+) \| (\w\w) \| 150 of ([\d,]+) \| (\d\.\d{3}) \|", text, re.M)
    sizes = {name: int(total.replace(",", "")) for name, _, total, _ in rows}
    assert sizes == {
        "en_olid": 860,
        "en_davidson2017": 24_783,
        "id_ibrohim2019": 13_169,
        "ar_lhsab": 5_846,
        "ar_osact2020": 1_000,
        "hr_frenk": 2_120,
        "id_smsa": 500,
        "ar_astd": 1_999,
        "hr_food": 437,
    }


def test_the_full_report_scores_the_shipped_labelled_messages_too(cli, tmp_path):
    """[003 #3] [000 #4] [002 #4] [002 #3] [000 #8]: per label, language and split."""
    report = tmp_path / "evaluation.md"
    _eval(cli, FIXTURES, "--dataset", "hr_food", "--out", str(report))
    text = report.read_text(encoding="utf-8")
    row = r"^\| {} \| {} \| {} \| \d+ \| \d\.\d{{3}} \| \d\.\d{{3}} \| \d\.\d{{3}} \|$"
    for label in ("hardship", "asks", "payment_excuse", "unethical_request", "demand"):
        for lang in ("en", "id", "hr", "ar"):
            for split in ("dev", "held-out"):
                assert re.search(row.format(label, lang, split), text, re.M), (label, lang, split)
    assert text.index("## Sentiment") < text.index("## Labels without a public dataset")
    assert text.index("### What the misses are") < text.index("## What would close the gap")


def test_without_data_only_the_labelled_section_is_rewritten(cli, tmp_path):
    report = tmp_path / "evaluation.md"
    _eval(cli, FIXTURES, "--dataset", "hr_food", "--out", str(report))
    before = report.read_text(encoding="utf-8")
    stale = before.replace("| asks | en | dev |", "| asks | en | old |")
    report.write_text(stale, encoding="utf-8")
    proc = cli("eval", "text", "--analyzer", "lexicon", "--out", str(report))
    assert "| hardship | en | held-out |" in proc.stdout and "hr_food" not in proc.stdout
    after = report.read_text(encoding="utf-8")
    assert "| asks | en | old |" not in after and "| asks | en | dev |" in after
    # The public datasets' part is kept as it was, and the section appears once.
    assert (
        after.split("<!-- labelled messages: start -->")[0]
        == before.split("<!-- labelled messages: start -->")[0]
    )
    assert after.count("## Labels without a public dataset") == 1
    assert "| hr_food | hr | 4 |" in after and "## Datasets" in after


def test_a_dataset_without_data_is_a_user_error(cli):
    proc = cli("eval", "text", "--dataset", "hr_food", check=False)
    assert proc.returncode == 2 and "give it too" in proc.stderr
