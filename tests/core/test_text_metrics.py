"""The evaluation's scores, against figures worked out by hand."""

import pytest

from partways.core.text.evaluation.metrics import Confusion

T, F = True, False


def test_counts_each_kind_of_answer():
    gold = [T, T, T, F, F, F, F, F, F, F]
    predicted = [T, T, F, T, F, F, F, F, F, F]
    assert Confusion.of(gold, predicted) == Confusion(tp=2, fp=1, fn=1, tn=6)


def test_scores_of_a_mixed_result():
    c = Confusion(tp=2, fp=1, fn=1, tn=6)
    assert c.n == 10
    assert c.precision == pytest.approx(2 / 3)
    assert c.recall == pytest.approx(2 / 3)
    assert c.f1 == pytest.approx(2 / 3)
    # Negative class: 6 hits, 1 false alarm (the missed positive), 1 miss (the false positive).
    assert c.negative_f1 == pytest.approx(12 / 14)
    assert c.macro_f1 == pytest.approx((2 / 3 + 12 / 14) / 2)
    assert c.accuracy == pytest.approx(0.8)


def test_precision_and_recall_differ_when_the_errors_do():
    # 3 found, 1 wrongly; 6 positives in all: P = 3/4, R = 3/6, F1 = 2PR/(P+R) = 0.6.
    c = Confusion(tp=3, fp=1, fn=3, tn=13)
    assert (c.precision, c.recall) == (0.75, 0.5)
    assert c.f1 == pytest.approx(0.6)
    assert c.negative_f1 == pytest.approx(26 / 30)


def test_nothing_predicted_scores_zero_for_the_positive_class_not_an_error():
    c = Confusion.of([T, F, F, F], [F, F, F, F])
    assert (c.precision, c.recall, c.f1) == (0.0, 0.0, 0.0)
    assert c.negative_f1 == pytest.approx(6 / 7)
    assert c.macro_f1 == pytest.approx(3 / 7)


def test_a_set_without_positives_gets_half_macro_f1_when_all_are_right():
    # As scikit-learn with zero_division=0: the empty positive class scores 0.
    c = Confusion.of([F, F, F], [F, F, F])
    assert (c.f1, c.negative_f1, c.macro_f1) == (0.0, 1.0, 0.5)


def test_an_empty_set_scores_zero():
    c = Confusion()
    assert (c.n, c.precision, c.recall, c.f1, c.macro_f1, c.accuracy) == (0, 0, 0, 0, 0, 0)


def test_batches_add_up_to_the_whole():
    gold = [T, F, T, T, F, F, T]
    predicted = [T, T, F, T, F, T, F]
    whole = Confusion.of(gold, predicted)
    assert Confusion.of(gold[:3], predicted[:3]) + Confusion.of(gold[3:], predicted[3:]) == whole


def test_gold_and_predictions_of_different_lengths_are_refused():
    with pytest.raises(ValueError):
        Confusion.of([T, F], [T])
