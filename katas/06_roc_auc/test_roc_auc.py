"""Kata 06, ROC and AUC: every test is one claim from a senior answer, stated in its docstring.

The implementation under test arrives as the ``impl`` fixture (see the root conftest.py).
"""

from functools import cache

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.datasets import load_breast_cancer, load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import auc as sklearn_auc
from sklearn.metrics import balanced_accuracy_score, precision_score, roc_auc_score
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

    # The standard error of AUC here is sqrt((n+1) / (12 n_pos n_neg)), about 0.0018; seeds 0-9
    # landed within 0.003 of 0.5, so 0.01 (over 5 standard errors) cannot flake.
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


def test_hard_labels_lose_the_ranking_information(impl, seed_scores):
    """AUC from 0/1 predictions is only balanced accuracy, and below the AUC of the scores."""
    y_test, probabilities, predictions = seed_scores

    from_scores = impl.roc_auc(y_test, probabilities)
    from_labels = impl.roc_auc(y_test, predictions)

    assert from_labels == pytest.approx(balanced_accuracy_score(y_test, predictions), abs=1e-12), (
        f"roc_auc(y, hard predictions) returned {from_labels}; with one threshold the curve has "
        f"one corner, so the area is (tpr + tnr) / 2 = {balanced_accuracy_score(y_test, predictions)}"
    )
    # Over seeds 0-9 the scores' AUC beat the labels' by 0.010 to 0.042; 0.005 is half the least.
    assert from_scores > from_labels + 0.005, (
        f"AUC is {from_scores:.4f} from the probabilities and {from_labels:.4f} from hard labels; "
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
    # Over seeds 0-9 AUC moved by at most 0.0075 (true value 0.856 both times).
    assert abs(auc_all - auc_kept) < 0.02, (
        f"AUC went from {auc_all:.4f} to {auc_kept:.4f} when 90% of negatives were dropped; "
        "TPR and FPR are each computed within one class, so prevalence should not matter"
    )
    # Over seeds 0-9 precision at threshold 1.0 rose from about 0.30 to 0.80-0.83.
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


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("function", ["roc_curve", "roc_auc"])
def test_a_single_class_raises_a_value_error_that_says_so(impl, function):
    """With only positives there is no false-positive rate; the function raises a ValueError saying so."""
    y, scores = np.ones(10, dtype=int), np.linspace(0, 1, 10)

    with pytest.raises(ValueError, match=r"y_true holds a single class \(1\)"):
        getattr(impl, function)(y, scores)
