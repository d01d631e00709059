"""Reading the evaluation datasets' formats, and scoring an analyzer over them.

The fixture folder holds invented sentences in each format, laid out as the shared data.
"""

import shutil
from pathlib import Path

import pytest

from partways.core.text.evaluation.datasets import (
    SPEC_BY_NAME,
    SPECS,
    DatasetError,
    DatasetMissing,
    Example,
    spread,
)
from partways.core.text.evaluation.run import evaluate, run
from partways.core.text.lexicon_analyzer import LexiconAnalyzer

FIXTURES = Path(__file__).parent / "fixtures" / "eval"


def _load(name: str) -> list[Example]:
    return SPEC_BY_NAME[name].load(FIXTURES)


def test_olid_joins_tweets_to_labels_and_keeps_a_leading_quote():
    assert _load("en_olid") == [
        Example("@USER you are such an idiot, shut up URL", True),
        Example('"Lovely weather today & the dog is happy', False),
        Example("@USER go back to your cave, nobody wants you here", True),
        Example("Thanks for the help with the garden", False),
    ]


def test_davidson_counts_hate_and_offensive_as_positive_and_reads_multiline_tweets():
    assert _load("en_davidson2017") == [
        Example("RT @someone: finally finished painting the fence \U0001f602", False),
        Example("@pal you stupid clown\nstop texting me", True),
        Example("those people are morons and should leave", True),
        Example("Going to the market, then home", False),
    ]


def test_ibrohim_undoes_bytes_reprs_and_survives_bytes_broken_at_the_source():
    assert _load("id_ibrohim2019") == [
        Example("USER dasar kamu bodoh sekali \U0001f604", True),
        Example("Selamat pagi, semoga harimu menyenangkan\n\nsalam & doa", False),
        Example("RT USER: saya suka makan bakso di warung dekat rumah \ufffd?? enak", False),
        Example("USER kamu kampret banget", True),
    ]


def test_lhsab_reads_a_quoted_tweet_over_two_lines_and_counts_hate_as_positive():
    assert _load("ar_lhsab") == [
        Example("انت غبي جدا", True),
        Example("صباح الخير\nيا اصدقاء", False),
        Example("هؤلاء الناس حثالة", True),
        Example("الطقس جميل اليوم", False),
    ]


def test_osact_turns_lf_markers_into_newlines():
    assert _load("ar_osact2020") == [
        Example("يا غبي اسكت", True),
        Example("صباح الورد\nعلى الجميع", False),
        Example('"مباراة رائعة اليوم', False),
    ]


def test_frenk_reads_the_binary_column():
    assert [e.gold for e in _load("hr_frenk")] == [False, True, True, False]
    assert _load("hr_frenk")[2].text == '"Ovo je sramota za cijelu državu'


def test_smsa_counts_only_negative_as_positive():
    assert [e.gold for e in _load("id_smsa")] == [False, True, False]
    assert _load("id_smsa")[1].text == "saya sangat kecewa dengan layanan ini ."


def test_astd_follows_the_split_file_with_0_based_line_numbers():
    assert _load("ar_astd") == [
        Example("لا اعرف ماذا اقول", False),
        Example("خدمة سيئة جدا للأسف", True),
        Example("مباراة اليوم في الملعب الكبير", False),
    ]


def test_croatian_food_reviews_count_label_0_as_negative():
    assert [e.gold for e in _load("hr_food")] == [False, True, True, False]
    assert _load("hr_food")[0].text == "odlična pizza , stigla brzo"


def test_every_dataset_has_a_fixture_and_a_known_language():
    for spec in SPECS:
        assert _load(spec.name), spec.name
        assert spec.language in {"en", "id", "hr", "ar"}


def test_published_scores_are_compared_only_when_verified_comparable():
    comparable = {s.name for s in SPECS if s.published and s.published.comparable}
    assert comparable == {"en_olid", "hr_frenk", "ar_lhsab"}
    assert str(SPEC_BY_NAME["en_davidson2017"].published.score) == "0.90"


def test_a_missing_file_names_its_path(tmp_path):
    with pytest.raises(DatasetMissing) as caught:
        SPEC_BY_NAME["en_olid"].load(tmp_path)
    assert caught.value.path == tmp_path / "abuse/en_olid/testset-levela.tsv"
    assert str(caught.value) == f"not found at {caught.value.path}"


def _copy(tmp_path: Path, name: str) -> Path:
    spec = SPEC_BY_NAME[name]
    for rel in spec.files:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(FIXTURES / rel, tmp_path / rel)
    return tmp_path / spec.files[0]


def test_an_unknown_label_is_an_error_naming_file_and_line(tmp_path):
    path = _copy(tmp_path, "ar_osact2020")
    path.write_text("نص\tOFF\tHS\nنص آخر\tMAYBE\tNOT_HS\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"OSACT2020-sharedTask-dev\.txt:2: label 'MAYBE'"):
        SPEC_BY_NAME["ar_osact2020"].load(tmp_path)


def test_a_file_that_is_not_utf8_is_an_error(tmp_path):
    path = _copy(tmp_path, "hr_food")
    path.write_bytes('1,"dobro"\n0,"loše"\n'.encode("cp1250"))
    with pytest.raises(DatasetError, match="not UTF-8"):
        SPEC_BY_NAME["hr_food"].load(tmp_path)


def test_a_split_index_past_the_end_of_the_tweets_is_an_error(tmp_path):
    _copy(tmp_path, "ar_astd")
    (tmp_path / "sentiment/ar_astd/4class-unbalanced-test.txt").write_text("0\n4\n")
    with pytest.raises(DatasetError, match=r"4class-unbalanced-test.txt:2: '4'"):
        SPEC_BY_NAME["ar_astd"].load(tmp_path)


def test_a_label_for_an_unknown_tweet_is_an_error(tmp_path):
    _copy(tmp_path, "en_olid")
    (tmp_path / "abuse/en_olid/labels-levela.csv").write_text("101,OFF\n999,NOT\n")
    with pytest.raises(DatasetError, match="id 999 is not in testset-levela.tsv"):
        SPEC_BY_NAME["en_olid"].load(tmp_path)


def test_spread_takes_evenly_spaced_examples_and_everything_without_a_limit():
    examples = [Example(str(i), i % 2 == 0) for i in range(10)]
    assert [e.text for e in spread(examples, 4)] == ["0", "2", "5", "7"]
    assert spread(examples, None) == examples
    assert spread(examples, 50) == examples


def test_scores_are_the_same_whatever_the_batch_size():
    spec = SPEC_BY_NAME["en_olid"]
    examples = _load("en_olid")
    whole = evaluate(LexiconAnalyzer(), spec, examples)
    one_by_one = evaluate(LexiconAnalyzer(), spec, examples, batch_size=1)
    assert whole.confusion == one_by_one.confusion
    assert (whole.confusion.tp, whole.confusion.fn, whole.confusion.tn) == (1, 1, 2)
    assert whole.language_accuracy == 1.0


def test_run_keeps_the_asked_number_of_errors_and_reports_missing_datasets(tmp_path):
    _copy(tmp_path, "en_olid")
    specs = [SPEC_BY_NAME["en_olid"], SPEC_BY_NAME["hr_frenk"]]
    olid, frenk = run(LexiconAnalyzer(), specs, tmp_path, keep_errors=5)
    assert olid.problem is None and olid.n == 4
    assert olid.false_negatives == ("@USER go back to your cave, nobody wants you here",)
    assert olid.false_positives == ()
    # Published 0.829 against 0.733: within the 10-point target.
    assert olid.gap_points == pytest.approx(82.9 - 220 / 3)
    assert olid.target_met is True
    assert frenk.problem == f"not found at {tmp_path / 'abuse/hr_frenk/test.tsv'}"
    assert frenk.n == 0 and frenk.gap_points is None and frenk.target_met is None


def test_run_with_a_limit_scores_a_sample_and_remembers_the_full_size():
    (outcome,) = run(LexiconAnalyzer(), [SPEC_BY_NAME["hr_frenk"]], FIXTURES, limit=2)
    assert (outcome.n, outcome.available) == (2, 4)
