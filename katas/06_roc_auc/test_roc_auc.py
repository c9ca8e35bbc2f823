"""Kata 06, ROC and AUC: every test is one claim from a senior answer, stated in its docstring.

The implementation under test arrives as the ``impl`` fixture (see the root conftest.py).
"""

from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from sklearn.datasets import load_breast_cancer, load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import auc as sklearn_auc
from sklearn.metrics import (
    average_precision_score,
    balanced_accuracy_score,
    precision_score,
    roc_auc_score,
)
from sklearn.metrics import roc_curve as sklearn_roc_curve
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


@cache
def _seed_setup(seed: int):
    """The seed's setup: breast cancer, a 70/30 split, a logistic regression's test-set scores.

    The features are standardised so lbfgs converges in a few milliseconds. The result does not
    depend on the implementation under test, so it is computed once per seed and process.
    """
    X, y = load_breast_cancer(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=seed)
    model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train)
    return y_test, model.predict_proba(X_test)[:, 1], model.predict(X_test)


@pytest.fixture
def seed_scores(seed):
    """(y_test, probability of class 1, hard 0/1 predictions) on the seed's breast-cancer split."""
    return _seed_setup(seed)


@pytest.fixture
def tied_scores(rng):
    """300 labels and scores rounded to one decimal, so many rows share a score."""
    y = rng.integers(0, 2, size=300)
    return y, np.round(rng.random(300) + 0.3 * y, 1)


def _brute_force_auc(y, scores) -> float:
    """Every positive-negative pair: 1 if the positive scores higher, 1/2 on a tie."""
    positives, negatives = scores[y == 1], scores[y == 0]
    wins = (positives[:, None] > negatives[None, :]).sum()
    ties = (positives[:, None] == negatives[None, :]).sum()
    return (wins + 0.5 * ties) / (len(positives) * len(negatives))


# --- From scratch ----------------------------------------------------------------------------


def test_roc_curve_matches_scikit_learn_with_ties(impl, tied_scores):
    """The curve equals scikit-learn's roc_curve(drop_intermediate=False): one point per distinct score."""
    y, scores = tied_scores

    fpr, tpr, thresholds = impl.roc_curve(y, scores)

    expected = sklearn_roc_curve(y, scores, drop_intermediate=False)
    for name, got, want in zip(("fpr", "tpr", "thresholds"), (fpr, tpr, thresholds), expected):
        got = np.asarray(got)
        assert got.shape == want.shape, (
            f"roc_curve(y, scores with {len(np.unique(scores))} distinct values) gave {name} of "
            f"length {got.shape}; scikit-learn gives {want.shape}: a start point plus one point "
            "per distinct score, tied rows moving together"
        )
        assert_allclose(got, want, rtol=1e-12, err_msg=f"roc_curve: {name} differs")


def test_auc_is_the_trapezoid_rule(impl, tied_scores):
    """auc(x, y) sums trapezoids, so a tie's diagonal step counts half its rectangle."""
    y, scores = tied_scores
    fpr, tpr, _ = sklearn_roc_curve(y, scores, drop_intermediate=False)

    step = impl.auc([0.0, 0.5, 1.0], [0.0, 1.0, 1.0])
    uneven = impl.auc([0.0, 0.1, 0.4, 1.0], [0.2, 0.5, 0.6, 1.0])
    roc_area = impl.auc(fpr, tpr)

    assert step == pytest.approx(0.75, abs=1e-12), (
        f"auc([0, 0.5, 1], [0, 1, 1]) returned {step}; the trapezoids have areas 0.25 and 0.5"
    )
    assert uneven == pytest.approx(
        sklearn_auc([0.0, 0.1, 0.4, 1.0], [0.2, 0.5, 0.6, 1.0]), abs=1e-12
    )
    assert roc_area == pytest.approx(roc_auc_score(y, scores), abs=1e-12), (
        f"auc(fpr, tpr) on a curve with ties returned {roc_area}; roc_auc_score says "
        f"{roc_auc_score(y, scores)}"
    )


def test_roc_auc_through_ranks_equals_roc_auc_score_with_ties(impl, rng, tied_scores):
    """roc_auc equals scikit-learn's roc_auc_score to 1e-12, with heavy ties and with none."""
    y_tied, tied = tied_scores
    y_int = rng.integers(0, 2, size=500)
    few_values = rng.integers(0, 5, size=500) + y_int
    continuous = rng.normal(size=500) + y_int

    for name, y, scores in [
        ("scores rounded to 0.1", y_tied, tied),
        ("integer scores 0-5", y_int, few_values),
        ("continuous scores", y_int, continuous),
    ]:
        got = impl.roc_auc(y, scores)

        assert got == pytest.approx(roc_auc_score(y, scores), abs=1e-12), (
            f"roc_auc(y, {name}) returned {got}; roc_auc_score gives {roc_auc_score(y, scores)}. "
            "Tied scores need average ranks."
        )


# --- What AUC means --------------------------------------------------------------------------


def test_auc_is_the_probability_a_positive_outranks_a_negative(impl, rng):
    """AUC is the share of positive-negative pairs the scores order correctly, ties counting half."""
    y = rng.permutation(np.repeat([0, 1], [35, 25]))
    scores = rng.integers(0, 6, size=60) + y

    got = impl.roc_auc(y, scores)

    expected = _brute_force_auc(y, scores)
    assert got == pytest.approx(expected, abs=1e-12), (
        f"roc_auc(y, scores) returned {got}; counting all {35 * 25} positive-negative pairs "
        f"(ties as 1/2) gives {expected}"
    )


def test_roc_auc_edge_values_perfect_reversed_and_constant(impl, rng):
    """A perfect ranking scores 1.0, a reversed one 0.0, and constant scores 0.5."""
    y = rng.permutation(np.repeat([0, 1], [40, 20]))
    perfect = y + rng.random(60) * 0.5

    cases = {
        "perfect": (impl.roc_auc(y, perfect), 1.0),
        "reversed": (impl.roc_auc(y, -perfect), 0.0),
        "constant": (impl.roc_auc(y, np.full(60, 0.3)), 0.5),
    }

    for name, (got, expected) in cases.items():
        assert got == pytest.approx(expected, abs=1e-12), (
            f"roc_auc on {name} scores returned {got}; expected {expected}"
        )


def test_roc_auc_of_random_scores_on_100k_rows_is_one_half(impl, rng):
    """Scores unrelated to the labels give an AUC within 0.01 of 0.5, computed fast on 100k rows."""
    y = rng.integers(0, 2, size=100_000)
    scores = rng.random(100_000)

    got = impl.roc_auc(y, scores)

    # The standard error of AUC here is sqrt((n+1) / (12 n_pos n_neg)), about 0.0018; seeds 0-99
    # landed within 0.0059 of 0.5, so 0.01 (over 5 standard errors) leaves a margin of 0.004.
    assert abs(got - 0.5) < 0.01, f"roc_auc(y, random scores), 100k rows, returned {got}"
    assert got == pytest.approx(roc_auc_score(y, scores), abs=1e-12), (
        f"roc_auc on 100k rows returned {got}; roc_auc_score gives {roc_auc_score(y, scores)}"
    )


def test_roc_auc_is_unchanged_by_strictly_increasing_transforms(impl, rng):
    """AUC depends only on the order of the scores, so exp, a cube or a logistic leave it alone."""
    y = rng.integers(0, 2, size=400)
    scores = rng.normal(size=400) + y

    base = impl.roc_auc(y, scores)
    transformed = {
        "exp(s)": impl.roc_auc(y, np.exp(scores)),
        "s ** 3": impl.roc_auc(y, scores**3),
        "1 / (1 + exp(-2 s))": impl.roc_auc(y, 1 / (1 + np.exp(-2 * scores))),
    }

    assert base == pytest.approx(roc_auc_score(y, scores), abs=1e-12), (
        f"roc_auc(y, s) returned {base}; roc_auc_score gives {roc_auc_score(y, scores)}"
    )
    for name, got in transformed.items():
        assert got == pytest.approx(base, abs=1e-12), (
            f"roc_auc(y, {name}) returned {got} but roc_auc(y, s) returned {base}; a strictly "
            "increasing transform keeps every pair's order"
        )


def test_hard_labels_lose_the_ranking_information(impl, seed_scores, rng):
    """AUC from 0/1 predictions is only balanced accuracy, and below the AUC of the scores."""
    y_test, probabilities, predictions = seed_scores
    # Breast cancer is nearly separable (some seeds give AUC 1.0 both ways), so the gap is shown
    # on two overlapping classes: 1000 negatives N(0, 1), 1000 positives N(1.5, 1), cut at 0.75.
    overlap_y = np.repeat([0, 1], 1000)
    overlap_scores = rng.normal(size=2000) + 1.5 * overlap_y
    overlap_labels = (overlap_scores >= 0.75).astype(int)

    seed_from_labels = impl.roc_auc(y_test, predictions)
    from_scores = impl.roc_auc(overlap_y, overlap_scores)
    from_labels = impl.roc_auc(overlap_y, overlap_labels)

    for name, y, labels, got in [
        ("the seed's breast-cancer predictions", y_test, predictions, seed_from_labels),
        ("predictions cut at 0.75", overlap_y, overlap_labels, from_labels),
    ]:
        expected = balanced_accuracy_score(y, labels)
        assert got == pytest.approx(expected, abs=1e-12), (
            f"roc_auc(y, {name}) returned {got}; with one threshold the curve has one corner, so "
            f"the area is (tpr + tnr) / 2 = {expected}"
        )
    # Over seeds 0-99 the scores' AUC (about 0.856) beat the labels' (about 0.773) by 0.066 to
    # 0.096; 0.04 leaves a margin of 0.026 and still rejects any answer that thresholds the scores.
    assert from_scores > from_labels + 0.04, (
        f"AUC is {from_scores:.4f} from the scores and {from_labels:.4f} from hard labels; "
        "thresholding throws away the ordering within each predicted class"
    )


def test_subsampling_negatives_leaves_auc_and_moves_precision(impl, rng):
    """Keeping 10% of the negatives barely moves AUC but more than doubles precision."""
    y = np.repeat([0, 1], [20_000, 2_000])
    scores = np.r_[rng.normal(0.0, 1.0, 20_000), rng.normal(1.5, 1.0, 2_000)]
    keep = np.r_[rng.choice(20_000, size=2_000, replace=False), np.arange(20_000, 22_000)]

    auc_all, auc_kept = impl.roc_auc(y, scores), impl.roc_auc(y[keep], scores[keep])
    precision_all = impl.precision_at(y, scores, 1.0)
    precision_kept = impl.precision_at(y[keep], scores[keep], 1.0)

    assert precision_all == pytest.approx(precision_score(y, scores >= 1.0), abs=1e-12), (
        f"precision_at(y, scores, 1.0) returned {precision_all}; precision_score says "
        f"{precision_score(y, scores >= 1.0)}"
    )
    # Over seeds 0-99 AUC moved by at most 0.0132 (true value 0.856 both times); margin 0.007.
    assert abs(auc_all - auc_kept) < 0.02, (
        f"AUC went from {auc_all:.4f} to {auc_kept:.4f} when 90% of negatives were dropped; "
        "TPR and FPR are each computed within one class, so prevalence should not matter"
    )
    # Over seeds 0-99 precision at threshold 1.0 rose from 0.29-0.32 to 0.80-0.84, by 0.49 to
    # 0.53; asking for 0.3 leaves a margin of 0.19.
    assert precision_kept > precision_all + 0.3, (
        f"precision at threshold 1.0 went from {precision_all:.3f} to {precision_kept:.3f}; with "
        "a tenth of the negatives, a tenth of the false positives remain"
    )


def test_youden_threshold_maximises_tpr_minus_fpr(impl, seed_scores, rng):
    """The chosen threshold is the ROC point with the largest tpr - fpr, on balanced and rare positives."""
    rare_y = np.repeat([0, 1], [900, 100])
    rare_scores = np.r_[rng.normal(0.0, 1.0, 900), rng.normal(1.0, 1.0, 100)]

    for name, (y, scores) in {
        "the seed's breast-cancer scores": seed_scores[:2],
        "scores with 10% positives": (rare_y, rare_scores),
    }.items():
        threshold = impl.youden_threshold(y, scores)

        fpr, tpr, thresholds = sklearn_roc_curve(y, scores, drop_intermediate=False)
        best = thresholds[np.argmax(tpr - fpr)]
        j = np.mean(scores[y == 1] >= threshold) - np.mean(scores[y == 0] >= threshold)
        assert threshold == pytest.approx(best, abs=1e-12), (
            f"youden_threshold on {name} returned {threshold} (J = {j:.4f}); the largest "
            f"tpr - fpr, {np.max(tpr - fpr):.4f}, is reached at threshold {best}"
        )


def test_ovr_macro_auc_matches_scikit_learn_on_iris(impl, seed):
    """One-vs-rest AUC, averaged over the three iris classes, equals scikit-learn's macro OvR AUC."""
    X, y = load_iris(return_X_y=True)
    # Only the sepal measurements, so the classes overlap and the AUCs are not all 1.
    X_train, X_test, y_train, y_test = train_test_split(
        X[:, :2], y, test_size=0.3, random_state=seed
    )
    probabilities = LogisticRegression().fit(X_train, y_train).predict_proba(X_test)

    got = impl.ovr_macro_auc(y_test, probabilities)

    expected = roc_auc_score(y_test, probabilities, multi_class="ovr", average="macro")
    assert got == pytest.approx(expected, abs=1e-12), (
        f"ovr_macro_auc(y, predict_proba) on iris returned {got}; roc_auc_score(multi_class="
        f"'ovr', average='macro') gives {expected}"
    )


def test_average_precision_is_a_step_sum_matching_scikit_learn_with_ties(impl, tied_scores):
    """Average precision sums precision times the recall each distinct score adds, ties together."""
    y, scores = tied_scores
    # Hand-checkable: ranked P N P N, so AP = 1/2 * 1 + 1/2 * 2/3.
    by_hand = impl.average_precision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1])

    got = impl.average_precision(y, scores)

    assert by_hand == pytest.approx(5 / 6, abs=1e-12), (
        f"average_precision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]) returned {by_hand}; "
        "1/2 * 1 + 1/2 * 2/3 = 5/6 (a trapezoid under the PR curve gives another number)"
    )
    assert got == pytest.approx(average_precision_score(y, scores), abs=1e-12), (
        f"average_precision(y, scores rounded to 0.1) returned {got}; scikit-learn's "
        f"average_precision_score gives {average_precision_score(y, scores)}"
    )


def test_with_rare_positives_average_precision_falls_while_roc_auc_stays(impl, rng):
    """From 50% to 1% positives, with the same score distributions, AUC stays and AP collapses."""
    negatives = rng.normal(0.0, 1.0, 20_000)
    positives = rng.normal(1.5, 1.0, 2_000)
    balanced_y = np.repeat([0, 1], [2_000, 2_000])
    balanced = np.r_[negatives[:2_000], positives]
    rare_y = np.repeat([0, 1], [20_000, 200])
    rare = np.r_[negatives, positives[:200]]

    auc_balanced, auc_rare = impl.roc_auc(balanced_y, balanced), impl.roc_auc(rare_y, rare)
    ap_balanced = impl.average_precision(balanced_y, balanced)
    ap_rare = impl.average_precision(rare_y, rare)

    assert ap_rare == pytest.approx(average_precision_score(rare_y, rare), abs=1e-12), (
        f"average_precision on 1% positives returned {ap_rare}; scikit-learn says "
        f"{average_precision_score(rare_y, rare)}"
    )
    # Over seeds 0-99 the two AUCs (true value 0.856) differed by at most 0.030: the rare set
    # has only 200 positives (standard error about 0.011). 0.05 leaves a margin of 0.02.
    assert abs(auc_balanced - auc_rare) < 0.05, (
        f"roc_auc went from {auc_balanced:.4f} (50% positives) to {auc_rare:.4f} (1%); "
        "TPR and FPR are computed within one class each, so prevalence does not move AUC"
    )
    # Over seeds 0-99 AP was 0.839-0.867 balanced and 0.081-0.178 with 1% positives, a fall of
    # 0.680-0.776; asking for 0.5 leaves a margin of 0.18.
    assert ap_rare < ap_balanced - 0.5, (
        f"average_precision went from {ap_balanced:.3f} (50% positives) to {ap_rare:.3f} (1%); "
        "precision counts the false positives, which swamp rare positives"
    )


_ENCODINGS = {
    "1/2": (1, 2),
    "-1/+1": (-1, 1),
    # Larger as a number, smaller as text ("10" < "2"): catches labels ordered as strings.
    "2/10": (2, 10),
    "'neg'/'pos'": ("neg", "pos"),
    "False/True": (False, True),
}


@pytest.mark.parametrize("encoding", list(_ENCODINGS))
def test_any_two_labels_work_and_the_larger_one_is_positive(impl, tied_scores, encoding):
    """With labels 1/2, -1/+1, 2/10, strings or booleans, every binary function treats the larger as positive."""
    y, scores = tied_scores
    negative, positive = _ENCODINGS[encoding]
    relabelled = np.where(y == 1, positive, negative)
    if isinstance(positive, str):
        relabelled = relabelled.astype(str)

    for function in ("roc_auc", "average_precision", "youden_threshold"):
        got = getattr(impl, function)(relabelled, scores)
        expected = getattr(impl, function)(y, scores)
        assert got == pytest.approx(expected, abs=1e-12), (
            f"{function}(labels {encoding}, scores) returned {got} but {expected} with 0/1 labels; "
            f"the larger label, {positive!r}, is the positive class"
        )
    assert impl.roc_auc(relabelled, scores) == pytest.approx(roc_auc_score(y, scores), abs=1e-12)
    got_precision = impl.precision_at(relabelled, scores, 0.8)
    assert got_precision == pytest.approx(precision_score(y, scores >= 0.8), abs=1e-12), (
        f"precision_at(labels {encoding}, scores, 0.8) returned {got_precision}"
    )
    for name, got, want in zip(
        ("fpr", "tpr", "thresholds"),
        impl.roc_curve(relabelled, scores),
        sklearn_roc_curve(y, scores, drop_intermediate=False),
    ):
        assert_allclose(
            np.asarray(got),
            want,
            rtol=1e-12,
            err_msg=f"roc_curve(labels {encoding}, scores): {name}",
        )


def test_auc_with_the_minority_labelled_zero(impl, rng):
    """When 0 is the rare label, 1 is still the positive class and AUC still matches scikit-learn."""
    y = rng.permutation(np.repeat([0, 1], [30, 270]))
    scores = np.round(rng.random(300) + 0.4 * y, 1)

    got = impl.roc_auc(y, scores)

    assert got == pytest.approx(roc_auc_score(y, scores), abs=1e-12), (
        f"roc_auc(y with 30 zeros and 270 ones, scores) returned {got}; roc_auc_score gives "
        f"{roc_auc_score(y, scores)}"
    )


def test_auc_handles_decreasing_x_and_rejects_a_non_monotone_one(impl):
    """Reversed points give the same area; x that goes back and forth raises a ValueError."""
    x, y = np.array([0.0, 0.1, 0.4, 1.0]), np.array([0.2, 0.5, 0.6, 1.0])

    forward, backward = impl.auc(x, y), impl.auc(x[::-1], y[::-1])

    assert backward == pytest.approx(forward, abs=1e-12) and forward == pytest.approx(
        0.68, abs=1e-12
    ), (
        f"auc(x, y) returned {forward} and auc(reversed x, reversed y) {backward}; the area is "
        "0.68 either way"
    )
    with pytest.raises(ValueError, match="x is neither increasing nor decreasing"):
        impl.auc([0.0, 0.5, 0.3, 1.0], [0.0, 0.5, 0.6, 1.0])


def test_precision_at_counts_rows_on_the_threshold_and_none_above_the_top(impl):
    """Rows scoring exactly the threshold are flagged (>=); a threshold above every score gives 0.0."""
    y = np.array([1, 0, 1, 0, 0, 1])
    scores = np.array([0.9, 0.5, 0.5, 0.5, 0.2, 0.1])

    cases = {0.5: 2 / 4, 0.9: 1.0, 0.95: 0.0, 0.1: 3 / 6}

    for threshold, expected in cases.items():
        got = impl.precision_at(y, scores, threshold)
        assert got == pytest.approx(expected, abs=1e-12), (
            f"precision_at(y, scores, {threshold}) returned {got}; rows with score >= "
            f"{threshold} are predicted positive, so precision is {expected}"
        )


def test_youden_threshold_takes_the_highest_threshold_on_a_tie(impl):
    """When two thresholds reach the same J, the first in the curve's order (the highest) wins."""
    y, scores = np.array([0, 1, 0, 1]), np.array([1.0, 2.0, 3.0, 4.0])
    # J is 0.5 at threshold 4 (tpr 1/2, fpr 0) and again at 2 (tpr 1, fpr 1/2): exact in binary.

    got = impl.youden_threshold(y, scores)

    assert got == 4.0, (
        f"youden_threshold(y={y.tolist()}, scores={scores.tolist()}) returned {got}; J = 0.5 at "
        "thresholds 4 and 2, and the first one on roc_curve's list, 4, is the documented choice"
    )


def test_youden_threshold_treats_tied_scores_as_one_threshold(impl, tied_scores):
    """J is read at roc_curve's thresholds, where tied rows cross together, never midway through a tie."""
    y = np.array([1, 1, 1, 1, 0, 0, 0, 0])
    scores = np.array([0.9, 0.9, 0.5, 0.5, 0.5, 0.5, 0.5, 0.1])
    # Thresholds +inf, 0.9, 0.5, 0.1 give J = 0, 1/2, 1/4, 0 (exact in binary), so 0.9 wins.
    # Counting the five 0.5 rows one at a time would peak at J = 1 after their two positives,
    # which no threshold gives: the three tied negatives are flagged with them.
    y_tied, tied = tied_scores
    fpr, tpr, thresholds = sklearn_roc_curve(y_tied, tied, drop_intermediate=False)

    got, got_tied = impl.youden_threshold(y, scores), impl.youden_threshold(y_tied, tied)

    assert got == 0.9, (
        f"youden_threshold(y={y.tolist()}, scores={scores.tolist()}) returned {got}; at threshold "
        "0.5 all five tied rows are flagged (J = 1 - 3/4), so the best J, 1/2, is at 0.9"
    )
    assert got_tied == pytest.approx(thresholds[np.argmax(tpr - fpr)], abs=1e-12), (
        f"youden_threshold on scores rounded to 0.1 returned {got_tied}; the largest tpr - fpr "
        f"over roc_curve's thresholds is at {thresholds[np.argmax(tpr - fpr)]}"
    )


@pytest.mark.parametrize(
    "scores",
    [np.array([1.0, 2.0, 3.0, 4.0]), np.array([0.5, 0.5, 0.5, 0.5])],
    ids=["reversed ranking", "constant scores"],
)
def test_youden_threshold_is_infinite_when_no_threshold_beats_chance(impl, scores):
    """When no finite threshold gets J above 0, the +inf threshold (flag no row) comes first, wins."""
    y = np.array([1, 1, 0, 0])
    # J is 0 at +inf (tpr = fpr = 0) and at the lowest score (tpr = fpr = 1), negative in between.

    got = impl.youden_threshold(y, scores)

    assert got == np.inf, (
        f"youden_threshold(y={y.tolist()}, scores={scores.tolist()}) returned {got}; the best J "
        "is 0, reached first at roc_curve's threshold +inf, which the docstring's tie rule picks"
    )


@pytest.mark.parametrize(
    "labels", [(1, 2, 3), ("cat", "dog", "emu")], ids=["labels 1..3", "string labels"]
)
def test_ovr_macro_auc_with_labels_other_than_column_numbers(impl, rng, labels):
    """Column i scores the i-th sorted label, whatever the labels are, on imbalanced classes."""
    codes = rng.permutation(np.repeat([0, 1, 2], [20, 60, 120]))
    proba = rng.dirichlet(np.ones(3), size=200) + np.eye(3)[codes] * rng.random((200, 1))
    proba /= proba.sum(axis=1, keepdims=True)
    y = np.asarray(labels)[codes]

    got = impl.ovr_macro_auc(y, proba)

    expected = roc_auc_score(y, proba, multi_class="ovr", average="macro")
    assert got == pytest.approx(expected, abs=1e-12), (
        f"ovr_macro_auc(y with labels {labels}, proba) returned {got}; roc_auc_score(multi_class="
        f"'ovr', average='macro') gives {expected}. Column i belongs to numpy.unique(y)[i]."
    )


def _labelled_scores():
    """Small samples with both classes, tied scores and any pair of labels, minority either way."""
    label_pairs = st.sampled_from([(0, 1), (1, 2), (-1, 1), ("neg", "pos"), ("b", "a")])

    @st.composite
    def build(draw):
        n_first = draw(st.integers(1, 12))
        n_second = draw(st.integers(1, 12))
        first, second = draw(label_pairs)
        y = np.array([first] * n_first + [second] * n_second)
        scores = np.array(
            draw(st.lists(st.integers(0, 4), min_size=len(y), max_size=len(y))), dtype=float
        )
        order = np.array(draw(st.permutations(range(len(y)))))
        return y[order], scores[order]

    return build()


@settings(derandomize=True, max_examples=60, deadline=None)
@given(sample=_labelled_scores())
def test_roc_auc_is_the_mann_whitney_probability_for_any_labels(impl, sample):
    """AUC counts the pairs a positive wins (ties one half), ignores monotone maps, and flips with the labels."""
    y, scores = sample
    positive = y == np.unique(y)[-1]
    wins = (scores[positive][:, None] > scores[~positive][None, :]).sum()
    ties = (scores[positive][:, None] == scores[~positive][None, :]).sum()
    expected = (wins + 0.5 * ties) / (positive.sum() * (~positive).sum())

    got = impl.roc_auc(y, scores)

    assert got == pytest.approx(expected, abs=1e-12), (
        f"roc_auc(y={y.tolist()}, scores={scores.tolist()}) returned {got}; the share of "
        f"positive-negative pairs won (ties 1/2), with {np.unique(y)[-1]!r} positive, is {expected}"
    )
    assert impl.roc_auc(y, np.exp(scores) * 3 - 7) == pytest.approx(got, abs=1e-12), (
        "a strictly increasing map of the scores should leave AUC unchanged"
    )
    assert impl.roc_auc(positive.astype(int), scores) == pytest.approx(got, abs=1e-12)
    assert impl.roc_auc(y, -scores) == pytest.approx(1 - got, abs=1e-12), (
        "reversing the scores should turn AUC into 1 - AUC"
    )
    fpr, tpr, _ = impl.roc_curve(y, scores)
    assert impl.auc(fpr, tpr) == pytest.approx(got, abs=1e-12), (
        "the trapezoid area under roc_curve should equal the rank AUC"
    )


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "function", ["roc_curve", "roc_auc", "average_precision", "precision_at", "youden_threshold"]
)
def test_a_single_class_raises_a_value_error_that_says_so(impl, function):
    """With only positives there is no false-positive rate; the function raises a ValueError saying so."""
    y, scores = np.ones(10, dtype=int), np.linspace(0, 1, 10)

    extra = (0.5,) if function == "precision_at" else ()

    with pytest.raises(ValueError, match=r"y_true holds a single class \(1\)"):
        getattr(impl, function)(y, scores, *extra)


@pytest.mark.parametrize(
    "function", ["roc_curve", "roc_auc", "average_precision", "youden_threshold"]
)
def test_binary_functions_reject_mismatched_lengths_and_three_classes(impl, function):
    """Labels and scores of different lengths, or three classes, raise a ValueError."""
    with pytest.raises(ValueError):
        getattr(impl, function)(np.array([0, 1, 0, 1]), np.array([0.1, 0.2, 0.3]))
    with pytest.raises(ValueError):
        getattr(impl, function)(np.array([0, 1, 2, 1]), np.array([0.1, 0.2, 0.3, 0.4]))


@pytest.mark.parametrize(
    "function", ["roc_curve", "roc_auc", "average_precision", "precision_at", "youden_threshold"]
)
def test_binary_functions_refuse_three_classes_nan_scores_and_2d_input(impl, function):
    """Three classes, a NaN score, or a column vector instead of a 1-D array each raise a ValueError saying so."""
    extra = (0.5,) if function == "precision_at" else ()
    call = getattr(impl, function)
    y, scores = np.array([0, 1, 0, 1, 1]), np.array([0.1, 0.9, 0.4, 0.6, 0.3])

    with pytest.raises(ValueError, match="y_true holds 3 classes"):
        call(np.array([0, 1, 2, 1, 0]), scores, *extra)
    with pytest.raises(ValueError, match="y_score contains NaN"):
        call(y, np.array([0.1, np.nan, 0.4, 0.6, 0.3]), *extra)
    # Same length, so only the shape is wrong: a lenient answer ranks the flattened column.
    with pytest.raises(ValueError, match="1-D"):
        call(y, scores[:, None], *extra)
    with pytest.raises(ValueError, match="1-D"):
        call(y[:, None], scores, *extra)


def test_auc_refuses_mismatched_lengths_and_a_single_point(impl):
    """x and y of different lengths, or a single point, raise a ValueError that says which."""
    # y of 2 points would broadcast against x's 4 steps if the lengths were not checked.
    with pytest.raises(ValueError, match="one length"):
        impl.auc([0.0, 0.25, 0.5, 0.75, 1.0], [0.0, 1.0])
    with pytest.raises(ValueError, match="at least 2 points"):
        impl.auc([0.5], [1.0])


def test_auc_accepts_a_decreasing_x_with_repeated_values(impl, tied_scores):
    """A reversed ROC curve repeats fpr values (vertical steps); it is still monotonic and has the same area."""
    y, scores = tied_scores
    fpr, tpr, _ = sklearn_roc_curve(y, scores, drop_intermediate=False)
    x, heights = np.array([1.0, 0.5, 0.5, 0.0]), np.array([1.0, 1.0, 0.5, 0.0])

    backward = impl.auc(fpr[::-1], tpr[::-1])
    by_hand = impl.auc(x, heights)

    assert backward == pytest.approx(roc_auc_score(y, scores), abs=1e-12), (
        f"auc(fpr reversed, tpr reversed) returned {backward}; roc_auc_score gives "
        f"{roc_auc_score(y, scores)}. A decreasing x may repeat a value."
    )
    assert by_hand == pytest.approx(0.625, abs=1e-12), (
        f"auc(x=[1, 0.5, 0.5, 0], y=[1, 1, 0.5, 0]) returned {by_hand}; the trapezoids are 0.5 "
        "and 0.125 with a vertical step between them"
    )


def test_average_precision_with_a_positive_ranked_last(impl):
    """When the lowest score is a positive, its recall still counts: P N N P gives 1/2 + 1/2 * 2/4."""
    cases = {
        (1, 0, 0, 1): ([0.9, 0.8, 0.7, 0.1], 0.75),
        (1, 0, 1, 1): ([0.9, 0.8, 0.2, 0.2], 1 / 3 + 2 / 3 * 3 / 4),
    }

    for labels, (scores, expected) in cases.items():
        got = impl.average_precision(list(labels), scores)

        assert got == pytest.approx(expected, abs=1e-12), (
            f"average_precision({list(labels)}, {scores}) returned {got}; the step sum gives "
            f"{expected}, scikit-learn {average_precision_score(labels, scores)}"
        )


def test_ovr_macro_auc_refuses_a_column_count_other_than_the_classes(impl, rng):
    """y_proba with four columns for three classes raises a ValueError naming one column per class."""
    y = np.repeat([0, 1, 2], 10)
    proba = rng.dirichlet(np.ones(4), size=30)

    with pytest.raises(ValueError, match=r"y_proba has shape \(30, 4\)"):
        impl.ovr_macro_auc(y, proba)
    with pytest.raises(ValueError, match="one column per class"):
        impl.ovr_macro_auc(y, proba[:, :2])
