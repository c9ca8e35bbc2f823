"""Kata 08, imbalanced data: every test is one claim from a senior answer, stated in its docstring.

The implementation under test arrives as the ``impl`` fixture (see the root conftest.py).
"""

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.over_sampling import SMOTE
from numpy.testing import assert_allclose, assert_array_equal
from scipy.stats import kstest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.datasets import make_classification
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    average_precision_score,
    balanced_accuracy_score,
    precision_recall_fscore_support,
    recall_score,
)
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.neighbors import NearestNeighbors
from sklearn.utils.class_weight import compute_class_weight

K_NEIGHBORS = 5
# (minority, majority) labels: the minority as 0, as a string that sorts first, and one that sorts last.
RELABELLINGS = [(0, 1), ("fraud", "legit"), ("yes", "no")]


@pytest.fixture(scope="session")
def seed_problem(seed):
    """The seed's setup: 1000 x 20, 15 informative, weights [0.9, 0.1], a stratified 70/30 split."""
    X, y = make_classification(
        n_samples=1000,
        n_features=20,
        n_informative=15,
        n_classes=2,
        weights=[0.9, 0.1],
        random_state=seed,
    )
    return X, y, *train_test_split(X, y, test_size=0.3, random_state=seed, stratify=y)


@pytest.fixture(scope="session")
def small_problem(seed):
    """270 majority and 30 minority rows in 4-D; continuous, so no two rows coincide."""
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1], [270, 30])
    X = rng.normal(size=(300, 4)) + 1.5 * y[:, None]
    return X, y


def _counts(y) -> dict:
    return dict(sorted(Counter(np.asarray(y).tolist()).items()))


# --- The accuracy paradox and honest evaluation ---------------------------------------------


def test_majority_predictor_scores_high_accuracy_and_zero_minority_recall(impl, rng):
    """On a 90/10 problem, always predicting the majority scores 0.9 accuracy and finds no minority row."""
    y = rng.permutation(np.repeat([0, 1], [900, 100]))
    y_pred = DummyClassifier(strategy="most_frequent").fit(np.zeros((1000, 1)), y).predict(y)

    report = impl.imbalance_report(y, y_pred)

    assert report["accuracy"] >= 0.9, (
        f"imbalance_report(y, majority predictions) gave accuracy {report['accuracy']}; "
        "predicting the majority on a 90/10 split is right 90% of the time"
    )
    assert report["per_class"][1]["recall"] == 0, (
        f"minority recall came back {report['per_class'][1]['recall']}; the majority predictor "
        "never predicts class 1, so its recall is 0"
    )
    assert report["balanced_accuracy"] == pytest.approx(0.5), (
        f"balanced accuracy came back {report['balanced_accuracy']}; the mean of per-class recalls "
        "(1 and 0) is 0.5, which is what exposes the paradox"
    )


def test_imbalance_report_gives_a_class_never_predicted_precision_0(impl, rng):
    """A class that is never predicted gets precision 0 and F1 0, not NaN."""
    y = rng.permutation(np.repeat([0, 1], [900, 100]))
    y_pred = np.zeros_like(y)

    minority = impl.imbalance_report(y, y_pred)["per_class"][1]

    assert minority["precision"] == 0 and minority["f1"] == 0, (
        f"imbalance_report(y, all-majority predictions) gave class 1 precision "
        f"{minority['precision']} and F1 {minority['f1']}; the contract says a class never "
        "predicted has precision 0 (so its F1 is 0 too), never NaN"
    )


def test_imbalance_report_gives_per_class_metrics_balanced_accuracy_and_pr_auc(impl, seed_problem):
    """The report holds per-class precision, recall, F1 and support, balanced accuracy and PR-AUC."""
    *_, X_train, X_test, y_train, y_test = seed_problem
    model = LogisticRegression(max_iter=1000).fit(X_train, y_train)
    y_pred, y_score = model.predict(X_test), model.predict_proba(X_test)[:, 1]

    report = impl.imbalance_report(y_test, y_pred, y_score)

    precision, recall, f1, support = precision_recall_fscore_support(
        y_test, y_pred, zero_division=0
    )
    for label in (0, 1):
        got = report["per_class"][label]
        expected = {
            "precision": precision[label],
            "recall": recall[label],
            "f1": f1[label],
            "support": support[label],
        }
        for metric, value in expected.items():
            assert got[metric] == pytest.approx(value, abs=1e-12), (
                f"imbalance_report: class {label} {metric} is {got[metric]}, scikit-learn says {value}"
            )
    assert report["balanced_accuracy"] == pytest.approx(balanced_accuracy_score(y_test, y_pred))
    assert report["pr_auc"] == pytest.approx(average_precision_score(y_test, y_score)), (
        f"pr_auc is {report['pr_auc']}; the claim is the average precision of the minority class"
    )
    assert impl.imbalance_report(y_test, y_pred)["pr_auc"] is None, (
        "without y_score there is nothing to rank, so pr_auc must be None"
    )


@pytest.mark.parametrize("minority, majority", RELABELLINGS, ids=["minority_0", "fraud_legit", "yes_no"])
def test_imbalance_report_scores_the_minority_whatever_its_label(impl, seed_problem, minority, majority):
    """With the minority labelled 0 or by a string, the report is keyed by those labels and PR-AUC is the minority's."""
    *_, X_train, X_test, y_train, y_test = seed_problem
    model = LogisticRegression(max_iter=1000).fit(X_train, y_train)
    named = np.array([majority, minority])
    y_true, y_pred = named[y_test], named[model.predict(X_test)]
    minority_score = model.predict_proba(X_test)[:, 1]

    report = impl.imbalance_report(y_true.tolist(), y_pred.tolist(), minority_score)

    assert set(report["per_class"]) == {minority, majority}, (
        f"imbalance_report with labels {minority!r} (minority) and {majority!r} keyed per_class by "
        f"{sorted(map(repr, report['per_class']))}"
    )
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=[minority, majority], zero_division=0
    )
    for i, label in enumerate([minority, majority]):
        got = report["per_class"][label]
        for metric, value in (("precision", precision[i]), ("recall", recall[i]), ("f1", f1[i]), ("support", support[i])):
            assert got[metric] == pytest.approx(value, abs=1e-12), (
                f"class {label!r}: {metric} is {got[metric]}, scikit-learn says {value}"
            )
    expected = average_precision_score(y_true == minority, minority_score)
    assert report["pr_auc"] == pytest.approx(expected, abs=1e-12), (
        f"pr_auc is {report['pr_auc']}; the minority {minority!r}'s average precision is "
        f"{expected:.4f} (the majority's would be near 1)"
    )


# --- SMOTE from scratch ----------------------------------------------------------------------


def test_smote_balances_the_classes(impl, small_problem, seed):
    """SMOTE oversamples the minority until both classes have as many rows as the majority."""
    X, y = small_problem

    _, y_res = impl.smote(X, y, k_neighbors=K_NEIGHBORS, random_state=seed)

    assert _counts(y_res) == {0: 270, 1: 270}, (
        f"Called smote(X, y, k_neighbors={K_NEIGHBORS}) on counts {_counts(y)}. The classes came "
        f"back with counts {_counts(y_res)}; the claim is that SMOTE balances them."
    )


def test_smote_balances_every_class_of_a_multiclass_problem(impl, seed):
    """With three classes, every smaller class is raised to the size of the largest."""
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1, 2], [120, 40, 25])
    X = rng.normal(size=(len(y), 3)) + y[:, None]

    _, y_res = impl.smote(X, y, k_neighbors=K_NEIGHBORS, random_state=seed)

    assert _counts(y_res) == {0: 120, 1: 120, 2: 120}, (
        f"smote on counts {_counts(y)} returned {_counts(y_res)}; every class should reach 120"
    )


def test_smote_keeps_every_original_row_unchanged_and_first(impl, small_problem, seed):
    """The original rows come back first, in order and bit for bit; only new rows are appended."""
    X, y = small_problem

    X_res, y_res = impl.smote(X, y, k_neighbors=K_NEIGHBORS, random_state=seed)

    assert_array_equal(X_res[: len(X)], X, err_msg="smote changed or reordered the original rows")
    assert_array_equal(y_res[: len(y)], y, err_msg="smote changed or reordered the original labels")


def test_smote_synthetic_points_lie_between_minority_neighbours(impl, small_problem, seed):
    """Each synthetic row sits on a segment from a minority row to one of its k nearest minority neighbours."""
    X, y = small_problem
    minority = X[y == 1]
    neighbours = NearestNeighbors(n_neighbors=K_NEIGHBORS + 1).fit(minority).kneighbors(minority)[1]
    starts = np.repeat(minority, K_NEIGHBORS, axis=0)
    ends = minority[neighbours[:, 1:].ravel()]

    X_res, y_res = impl.smote(X, y, k_neighbors=K_NEIGHBORS, random_state=seed)
    synthetic = X_res[len(X) :]

    assert np.all(y_res[len(X) :] == 1), "every synthetic row must carry the minority label"
    direction = ends - starts
    # Project every synthetic row onto every allowed segment and keep the closest fit.
    t = np.einsum("sd,nd->sn", synthetic, direction) - np.einsum("nd,nd->n", starts, direction)
    t = np.clip(t / np.einsum("nd,nd->n", direction, direction), 0.0, 1.0)
    closest = starts[None] + t[..., None] * direction[None]
    distance = np.linalg.norm(closest - synthetic[:, None, :], axis=2).min(axis=1)
    off_segment = int(np.sum(distance > 1e-9))
    assert off_segment == 0, (
        f"{off_segment} of {len(synthetic)} synthetic rows lie off every segment between a minority "
        f"row and its {K_NEIGHBORS} nearest minority neighbours (worst distance {distance.max():.3g}). "
        "Neighbours must come from the minority class only, and the gap must lie in [0, 1]."
    )


def _segments_through(X, y, X_res, label):
    """For each synthetic row, every (base row, neighbour rank, gap) of a segment it lies on."""
    members = X[y == label]
    table = NearestNeighbors(n_neighbors=K_NEIGHBORS + 1).fit(members).kneighbors(members)[1][:, 1:]
    base = np.repeat(np.arange(len(members)), K_NEIGHBORS)
    rank = np.tile(np.arange(1, K_NEIGHBORS + 1), len(members))
    start, direction = members[base], members[table.ravel()] - members[base]
    synthetic = X_res[len(X) :]
    gap = np.einsum("sd,nd->sn", synthetic, direction) - np.einsum("nd,nd->n", start, direction)
    gap /= np.einsum("nd,nd->n", direction, direction)
    closest = start[None] + np.clip(gap, 0, 1)[..., None] * direction[None]
    on = np.linalg.norm(closest - synthetic[:, None, :], axis=2) < 1e-9
    return [list(zip(base[row], rank[row], gap[i, row])) for i, row in enumerate(on)]


def test_smote_spreads_its_gaps_over_0_1_and_uses_every_neighbour_rank(impl, seed):
    """The gaps are uniform on [0, 1), every neighbour rank 1..k is drawn about equally, and every row serves as a base."""
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.repeat([0, 1], [600, 40]))
    X = rng.normal(size=(len(y), 4)) + 1.5 * y[:, None]

    X_res, _ = impl.smote(X, y, k_neighbors=K_NEIGHBORS, random_state=seed)

    fits = _segments_through(X, y, X_res, 1)
    assert all(fits), "some synthetic rows lie on no segment between minority neighbours"
    # A point on a segment between mutual neighbours fits both directions; only the rows that fit
    # one segment tell their gap (123 to 281 of the 560 rows over seeds 0-99, for the three streams).
    gaps = np.array([f[0][2] for f in fits if len(f) == 1])
    statistic = kstest(gaps, "uniform").statistic
    # Kolmogorov-Smirnov distance to U(0, 1): 0.029 to 0.141 over seeds 0-99 for the reference,
    # imbalanced-learn and a round-robin stream; P(D > 0.25) < 1e-6 for 123 uniform gaps. A gap in
    # [0, 0.5) or a constant 0.5 gives 0.5.
    assert statistic <= 0.25, (
        f"smote's gaps, recovered from {len(gaps)} synthetic rows, are not uniform on [0, 1): "
        f"Kolmogorov-Smirnov distance {statistic:.3f}, quartiles {np.round(np.quantile(gaps, [0.25, 0.5, 0.75]), 2).tolist()}"
    )
    # A row on two segments counts half for each rank; each rank's share is 0.2 in expectation.
    share = np.zeros(K_NEIGHBORS)
    for candidates in fits:
        for _, rank, _ in candidates:
            share[rank - 1] += 1 / len(candidates) / len(fits)
    # Over seeds 0-99 the smallest share was 0.156 or more for all three streams; always taking the
    # nearest neighbour leaves ranks 2..5 at 0.013 or less, never drawing rank k leaves it at 0.038.
    assert share.min() >= 0.10, (
        f"smote drew the neighbour ranks 1..{K_NEIGHBORS} with shares {np.round(share, 3).tolist()}; "
        "each of the k neighbours should be picked about equally often"
    )
    use = np.zeros(int((y == 1).sum()))
    for candidates in fits:
        for base, _, _ in candidates:
            use[base] += 1 / len(candidates)
    least_used = np.sort(use)[:10].sum()
    # 560 draws over 40 rows: the 10 least-used rows carry about 140 in expectation. Over seeds
    # 0-99 they carried 91.5 or more for the three streams; bases drawn from the first half of the
    # rows leave them 27.5 at most, bases that skip a quarter of the rows 59 at most.
    assert least_used >= 75, (
        f"the 10 minority rows least used as a base started {least_used:.1f} of the 560 synthetic "
        "rows (about 140 expected); the base row must be drawn from the whole class"
    )


def test_smote_never_duplicates_an_original_row(impl, small_problem, seed):
    """SMOTE interpolates; it does not copy. No synthetic row equals an original one."""
    X, y = small_problem

    X_res, _ = impl.smote(X, y, k_neighbors=K_NEIGHBORS, random_state=seed)

    originals = {row.tobytes() for row in X}
    copies = sum(row.tobytes() in originals for row in X_res[len(X) :])
    assert copies == 0, (
        f"{copies} synthetic rows are exact copies of original rows; that is random oversampling, "
        "which invites overfitting, not SMOTE"
    )


def test_smote_is_deterministic_for_a_given_random_state(impl, small_problem, seed):
    """The same random_state gives the same rows; a different one gives different synthetic rows."""
    X, y = small_problem

    first = impl.smote(X, y, k_neighbors=K_NEIGHBORS, random_state=seed)
    again = impl.smote(X, y, k_neighbors=K_NEIGHBORS, random_state=seed)
    other = impl.smote(X, y, k_neighbors=K_NEIGHBORS, random_state=seed + 1)

    assert_array_equal(first[0], again[0], err_msg=f"two calls with random_state={seed} differ")
    assert not np.array_equal(first[0], other[0]), (
        f"random_state={seed} and {seed + 1} gave identical rows; the seed is being ignored"
    )


def test_smote_counts_agree_with_imbalanced_learn(impl, seed_problem, seed):
    """On the seed's data, the class counts match imbalanced-learn's SMOTE."""
    X, y, *_ = seed_problem

    _, y_res = impl.smote(X, y, k_neighbors=K_NEIGHBORS, random_state=seed)

    _, y_lib = SMOTE(k_neighbors=K_NEIGHBORS, random_state=seed).fit_resample(X, y)
    assert _counts(y_res) == _counts(y_lib), (
        f"smote gave counts {_counts(y_res)}; imblearn's SMOTE gives {_counts(y_lib)}"
    )


@pytest.mark.parametrize("minority, majority", RELABELLINGS, ids=["minority_0", "fraud_legit", "yes_no"])
def test_smote_oversamples_the_smaller_class_whatever_its_label(impl, small_problem, seed, minority, majority):
    """With the minority labelled 0 or by a string, SMOTE raises that class and labels its new rows with it."""
    X, y = small_problem
    named = np.array([majority, minority])[y]

    X_res, y_res = impl.smote(X, named, k_neighbors=K_NEIGHBORS, random_state=seed)

    assert _counts(y_res) == _counts(np.repeat([majority, minority], 270)), (
        f"smote on labels {_counts(named)} returned {_counts(y_res)}"
    )
    assert all(label == minority for label in np.asarray(y_res)[len(X) :].tolist()), (
        f"synthetic rows must carry the minority label {minority!r}"
    )
    assert_array_equal(X_res[: len(X)], X)


# --- Random undersampling --------------------------------------------------------------------


def test_random_undersample_balances_with_original_rows_and_keeps_the_minority(
    impl, small_problem, seed
):
    """Undersampling equalises the counts using original rows only, and keeps every minority row."""
    X, y = small_problem

    X_res, y_res = impl.random_undersample(X, y, random_state=seed)

    assert _counts(y_res) == {0: 30, 1: 30}, (
        f"random_undersample on counts {_counts(y)} returned {_counts(y_res)}; expected 30 of each"
    )
    row_index = {row.tobytes(): i for i, row in enumerate(X)}
    kept = [row_index.get(row.tobytes()) for row in X_res]
    assert None not in kept, "random_undersample returned a row that is not in X"
    assert len(set(kept)) == len(kept), "random_undersample returned the same row twice"
    assert_array_equal(y[kept], y_res, err_msg="a kept row lost its own label")
    assert set(np.flatnonzero(y == 1)) <= set(kept), "the minority class must be kept whole"


def test_random_undersample_keeps_the_original_row_order_and_varies_with_the_seed(impl, small_problem, seed):
    """On shuffled rows the kept rows come back in their original order; another seed keeps other rows."""
    X, y = small_problem
    order = np.random.default_rng(seed).permutation(len(y))
    X, y = X[order], y[order]
    row_index = {row.tobytes(): i for i, row in enumerate(X)}

    first = impl.random_undersample(X, y, random_state=seed)
    again = impl.random_undersample(X, y, random_state=seed)
    other = impl.random_undersample(X, y, random_state=seed + 1)

    kept = [row_index[row.tobytes()] for row in first[0]]
    assert kept == sorted(kept), (
        f"random_undersample returned rows in the order {kept[:12]}...; the kept rows must keep "
        "their original order"
    )
    assert_array_equal(first[0], again[0], err_msg=f"two calls with random_state={seed} differ")
    # Two random 30-row subsets of 270 coincide with probability 1 / C(270, 30), never in practice.
    assert not np.array_equal(first[0], other[0]), (
        f"random_state={seed} and {seed + 1} kept the same rows; the seed is being ignored"
    )


@settings(derandomize=True, database=None, max_examples=25, deadline=None)
@given(
    labels=st.one_of(
        st.lists(st.sampled_from([0, 1, 2]), min_size=2, max_size=40),
        st.lists(st.sampled_from(["b", "a", "c"]), min_size=2, max_size=40),
    ).filter(lambda values: len(set(values)) >= 2),
    random_state=st.integers(0, 2**16),
)
def test_random_undersample_balances_any_labels_with_a_sorted_subset(impl, labels, random_state):
    """For any labels, every class keeps the size of the smallest, with distinct rows in their original order."""
    y = np.array(labels)
    X = np.arange(2.0 * len(y)).reshape(-1, 2)
    smallest = min(Counter(labels).values())

    X_res, y_res = impl.random_undersample(X, y, random_state=random_state)

    kept = (X_res[:, 0] // 2).astype(int).tolist()
    assert _counts(y_res) == {label: smallest for label in set(labels)}, (
        f"random_undersample on {_counts(y)} returned {_counts(y_res)}"
    )
    assert kept == sorted(set(kept)), f"kept rows {kept}: distinct and in the original order"
    assert_array_equal(y[kept], y_res, err_msg="a kept row lost its own label")


# --- Class weights ---------------------------------------------------------------------------


def test_balanced_class_weights_follow_the_formula_and_match_scikit_learn(impl):
    """Each weight is n_samples / (n_classes * count), the same as compute_class_weight('balanced')."""
    y = np.repeat(["cat", "dog", "eel"], [60, 30, 10])

    weights = impl.balanced_class_weights(y)

    expected = compute_class_weight("balanced", classes=np.array(["cat", "dog", "eel"]), y=y)
    assert set(weights) == {"cat", "dog", "eel"}, f"weights are keyed by {sorted(weights)}"
    got = np.array([weights[label] for label in ("cat", "dog", "eel")])
    assert_allclose(
        got, expected, rtol=1e-12, err_msg="balanced_class_weights(y) on counts 60/30/10"
    )
    assert_allclose(got, [100 / (3 * 60), 100 / (3 * 30), 100 / (3 * 10)], rtol=1e-12)


@settings(derandomize=True, database=None, max_examples=25, deadline=None)
@given(
    labels=st.one_of(
        st.lists(st.sampled_from([0, 1, 2]), min_size=2, max_size=50),
        st.lists(st.sampled_from(["y", "x"]), min_size=2, max_size=50),
    ).filter(lambda values: len(set(values)) >= 2)
)
def test_balanced_class_weights_give_every_class_the_same_total_weight(impl, labels):
    """For any labels, weight times count is n / n_classes for every class, so the weights sum to n over the rows."""
    counts = Counter(labels)

    weights = impl.balanced_class_weights(np.array(labels))

    assert set(weights) == set(counts), f"weights keyed by {sorted(map(repr, weights))} for labels {sorted(map(repr, counts))}"
    for label, count in counts.items():
        assert weights[label] * count == pytest.approx(len(labels) / len(counts), rel=1e-12), (
            f"balanced_class_weights({labels}) gave {weights}; class {label!r} ({count} rows) should "
            f"carry a total weight of n / n_classes = {len(labels) / len(counts):.4g}"
        )


def test_weighted_logistic_regression_equals_class_weight_balanced(impl, small_problem):
    """The weighted fit has the coefficients and intercept of LogisticRegression(class_weight="balanced")."""
    X, y = small_problem
    peer = LogisticRegression(class_weight="balanced", max_iter=1000).fit(X, y)

    model = impl.weighted_logistic_regression(X, y)

    got, expected = np.r_[model.coef_.ravel(), model.intercept_], np.r_[peer.coef_.ravel(), peer.intercept_]
    difference = np.abs(got - expected).max() / np.abs(expected).max()
    # Over seeds 0-99 exact solvers (newton-cg, newton-cholesky at tol 1e-6) sit within 0.0023 of
    # lbfgs' default answer; weights {0: 1, 1: 9}, the same ratio at another scale, move the
    # coefficients by 0.030 or more, weights normalised to sum to 1 by 0.18 or more.
    assert difference <= 0.01, (
        f"weighted_logistic_regression gave coefficients {np.round(got, 4).tolist()}; "
        f"class_weight='balanced' gives {np.round(expected, 4).tolist()} (largest gap {difference:.3f} "
        "of the largest coefficient). The weights must be n / (n_classes * count), not only their ratio"
    )


def test_class_weights_raise_minority_recall_over_the_unweighted_baseline(impl, seed_problem, seed):
    """On the seed's setup, weighting the classes finds clearly more of the minority class."""
    X, y, *_ = seed_problem
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    baseline, weighted = np.empty_like(y), np.empty_like(y)

    for train, test in folds.split(X, y):
        unweighted = LogisticRegression(max_iter=1000).fit(X[train], y[train])
        baseline[test] = unweighted.predict(X[test])
        weighted[test] = impl.weighted_logistic_regression(X[train], y[train]).predict(X[test])

    before, after = recall_score(y, baseline), recall_score(y, weighted)
    # Out-of-fold recall over all 100 minority rows, not 30 held-out ones: over seeds 0-99 the gain
    # measured 0.125 to 0.56. (On one 30% split it fell to 0.097 at seed 49: with few minority
    # rows and a baseline already near its ceiling, the split's noise decides.)
    assert after >= before + 0.10, (
        f"out-of-fold minority recall went from {before:.2f} (unweighted) to {after:.2f} "
        "(weighted); balanced weights should raise it by at least 0.10"
    )


# --- Resampling only inside training folds ---------------------------------------------------


class _RecordingClassifier(ClassifierMixin, BaseEstimator):
    """Predicts the majority label and writes down what each fit and predict saw."""

    log: list = []

    def fit(self, X, y):
        self.classes_, counts = np.unique(y, return_counts=True)
        self.majority_ = self.classes_[np.argmax(counts)]
        _RecordingClassifier.log.append(("fit", _counts(y)))
        return self

    def predict(self, X):
        _RecordingClassifier.log.append(("predict", len(X)))
        return np.full(len(X), self.majority_)


def test_smote_pipeline_resamples_training_folds_and_leaves_validation_folds_untouched(
    impl, small_problem, seed
):
    """Inside an imbalanced-learn Pipeline, SMOTE balances each training fold and never touches validation."""
    X, y = small_problem
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    _RecordingClassifier.log = []

    pipeline = impl.smote_pipeline(
        _RecordingClassifier(), k_neighbors=K_NEIGHBORS, random_state=seed
    )
    cross_val_score(pipeline, X, y, cv=folds, scoring="accuracy")

    fits = [counts for event, counts in _RecordingClassifier.log if event == "fit"]
    predictions = [n for event, n in _RecordingClassifier.log if event == "predict"]
    assert fits == [{0: 216, 1: 216}] * 5, (
        f"the model inside the pipeline was fitted on counts {fits}; each training fold holds "
        "216 majority and 24 minority rows, and SMOTE should raise the minority to 216"
    )
    assert predictions == [60] * 5, (
        f"the model scored validation folds of sizes {predictions}; they should be the untouched "
        "60-row folds, because samplers act during fit only"
    )


def test_smote_pipeline_honours_k_neighbors_and_random_state(impl, seed):
    """k_neighbors and random_state reach SMOTE: k = 5 fails on a 5-row minority, k = 3 works, the seed decides the rows."""
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.repeat([0, 1], [60, 5]))
    X = rng.normal(size=(len(y), 3)) + y[:, None]

    def rows_seen(k, random_state):
        _RecordingClassifier.log = []
        model = _FingerprintClassifier()
        impl.smote_pipeline(model, k_neighbors=k, random_state=random_state).fit(X, y)
        return _FingerprintClassifier.seen

    same, again, other = rows_seen(3, seed), rows_seen(3, seed), rows_seen(3, seed + 1)

    assert _counts(same[1]) == {0: 60, 1: 60}, f"the model saw counts {_counts(same[1])}"
    assert_array_equal(same[0], again[0], err_msg="the same random_state gave different rows")
    assert not np.array_equal(same[0], other[0]), (
        f"smote_pipeline(..., random_state={seed}) and random_state={seed + 1} fed the model the "
        "same rows; random_state is not reaching SMOTE"
    )
    with pytest.raises(ValueError):
        impl.smote_pipeline(_FingerprintClassifier(), k_neighbors=5, random_state=seed).fit(X, y)


class _FingerprintClassifier(ClassifierMixin, BaseEstimator):
    """Keeps a copy of the last training rows it was fitted on."""

    seen: tuple = ()

    def fit(self, X, y):
        _FingerprintClassifier.seen = (np.array(X, copy=True), np.array(y, copy=True))
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])


_F1_WITH_LABELS_0_1: dict = {}


@pytest.mark.parametrize("minority, majority", RELABELLINGS, ids=["minority_0", "fraud_legit", "yes_no"])
def test_cross_validated_minority_f1_scores_the_minority_whatever_its_label(impl, small_problem, seed, minority, majority):
    """Renaming the classes (minority 0, strings) changes neither score: F1 is always the minority's."""
    X, y = small_problem
    named = np.array([majority, minority])[y]
    model = LogisticRegression(max_iter=1000)

    for leak in (False, True):
        key = (impl.module, seed, leak)
        if key not in _F1_WITH_LABELS_0_1:
            _F1_WITH_LABELS_0_1[key] = impl.cross_validated_minority_f1(
                X, y, model, resample_before_split=leak, random_state=seed
            )
        plain = _F1_WITH_LABELS_0_1[key]
        renamed = impl.cross_validated_minority_f1(X, named, model, resample_before_split=leak, random_state=seed)
        # Same folds (StratifiedKFold orders classes by first appearance), same SMOTE rows, a
        # mirror-image logistic regression: over seeds 0-99 the two scores were identical.
        assert renamed == pytest.approx(plain, abs=1e-6), (
            f"cross_validated_minority_f1(resample_before_split={leak}) gave {plain:.4f} with the "
            f"minority labelled 1 and {renamed:.4f} with it labelled {minority!r}; the F1 must be "
            "the minority's whatever it is called (a fixed pos_label=1 scores the majority)"
        )


@pytest.mark.parametrize("leak", [False, True], ids=["smote_inside", "smote_before"])
def test_cross_validated_minority_f1_fits_on_stratified_training_folds(impl, small_problem, seed, leak):
    """Each fold trains on a stratified 4/5 (balanced by SMOTE) and scores the rest: untouched folds inside, resampled ones before."""
    X, y = small_problem
    order = np.random.default_rng(seed).permutation(len(y))
    _RecordingClassifier.log = []

    impl.cross_validated_minority_f1(
        X[order], y[order], _RecordingClassifier(), resample_before_split=leak, n_splits=5, random_state=seed
    )

    fits = [counts for event, counts in _RecordingClassifier.log if event == "fit"]
    predictions = [n for event, n in _RecordingClassifier.log if event == "predict"]
    # Stratified folds of 270/30 rows train on exactly 216/24, which SMOTE raises to 216/216; SMOTE
    # on all rows first gives 270/270, whose stratified folds train on 216/216 and score 108 rows.
    assert fits == [{0: 216, 1: 216}] * 5, (
        f"cross_validated_minority_f1(resample_before_split={leak}, n_splits=5) fitted the model on "
        f"counts {fits}; stratified folds and SMOTE give 216 of each class in each of 5 fits"
    )
    expected = [108] * 5 if leak else [60] * 5
    assert predictions == expected, (
        f"the model scored folds of sizes {predictions}; expected {expected} "
        + ("(SMOTE ran on all 540 rows first)" if leak else "(the untouched 60-row folds)")
    )


@pytest.mark.parametrize("leak", [False, True], ids=["smote_inside", "smote_before"])
def test_cross_validated_minority_f1_is_the_f1_of_the_minority_alone(impl, small_problem, seed, leak):
    """The score is the minority class's own F1, not an average over the classes."""
    X, y = small_problem
    always_minority = DummyClassifier(strategy="constant", constant=1)

    score = impl.cross_validated_minority_f1(
        X, y, always_minority, resample_before_split=leak, n_splits=5, random_state=seed
    )

    # Predicting the minority everywhere gives it recall 1 and precision p, its share of each
    # validation fold, so F1 = 2p / (1 + p) and the majority's F1 is 0. Stratified folds of 270/30
    # rows hold p = 0.1 exactly; after SMOTE on all rows (270/270) they hold p = 0.5 exactly.
    share = 0.5 if leak else 0.1
    expected = 2 * share / (1 + share)
    assert score == pytest.approx(expected, abs=1e-12), (
        f"cross_validated_minority_f1(X, y, always-minority classifier, resample_before_split={leak}) "
        f"gave {score:.4f}; the minority's F1 is {expected:.4f} in every fold (a macro average "
        f"over both classes gives {expected / 2:.4f})"
    )


def test_resampling_before_the_split_inflates_cross_validated_minority_f1(impl, seed_problem, seed):
    """SMOTE before the split leaks: its cross-validated minority F1 is far above the honest pipeline's."""
    X, y, *_ = seed_problem
    model = LogisticRegression(max_iter=1000)

    leaky = impl.cross_validated_minority_f1(
        X, y, model, resample_before_split=True, random_state=seed
    )
    honest = impl.cross_validated_minority_f1(
        X, y, model, resample_before_split=False, random_state=seed
    )

    # Over seeds 0-9 the gap measured 0.28 to 0.44; 0.15 is far below the smallest.
    assert leaky >= honest + 0.15, (
        f"minority F1 came back {leaky:.2f} with SMOTE before the split and {honest:.2f} with SMOTE "
        "inside the pipeline; the leak should inflate the first by at least 0.15"
    )
    assert 0.2 <= honest <= 0.8, (
        f"honest minority F1 is {honest:.2f}; a logistic regression on this problem lands between "
        "0.2 and 0.8, so the score is probably computed for the wrong class or on resampled folds"
    )


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("resampler", ["smote", "random_undersample"])
def test_resamplers_reject_a_single_class(impl, resampler):
    """A y with a single class raises a ValueError that says resampling needs two classes."""
    X, y = np.arange(20.0).reshape(10, 2), np.zeros(10, dtype=int)

    with pytest.raises(ValueError, match="at least two classes"):
        getattr(impl, resampler)(X, y)


@pytest.mark.parametrize("resampler", ["smote", "random_undersample"])
def test_resamplers_reject_x_and_y_of_different_lengths(impl, resampler):
    """X with 10 rows and y with 9 labels raises a ValueError that gives both lengths."""
    X, y = np.arange(20.0).reshape(10, 2), np.repeat([0, 1], [5, 4])

    with pytest.raises(ValueError, match="X has 10 rows but y has 9 labels"):
        getattr(impl, resampler)(X, y)


def test_smote_rejects_a_minority_smaller_than_k_neighbors_plus_one(impl, rng):
    """A class with 5 rows cannot have 5 neighbours besides itself; SMOTE says so."""
    X, y = rng.normal(size=(25, 2)), np.repeat([0, 1], [20, 5])

    with pytest.raises(
        ValueError, match=r"class 1 has 5 rows; SMOTE with k_neighbors=5 needs at least 6"
    ):
        impl.smote(X, y, k_neighbors=5)


# --- Defaults, folds and edge cases ----------------------------------------------------------


class _ValidationRecorder(ClassifierMixin, BaseEstimator):
    """Predicts the first class and writes down the rows of every fold it is asked to score."""

    scored: list = []

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        _ValidationRecorder.scored.append(np.array(X, copy=True))
        return np.full(len(X), self.classes_[0])


def _majority_rows_scored(impl, X, y, leak, random_state, **kwargs) -> list[np.ndarray]:
    """For each validation fold, the sorted indices of the original majority rows it held."""
    where = {row.tobytes(): i for i, row in enumerate(X)}
    _ValidationRecorder.scored = []
    impl.cross_validated_minority_f1(
        X, y, _ValidationRecorder(), resample_before_split=leak, random_state=random_state, **kwargs
    )
    majority = set(np.flatnonzero(y == 0).tolist())
    folds = []
    for rows in _ValidationRecorder.scored:
        found = [where.get(row.tobytes()) for row in rows]
        folds.append(np.sort([i for i in found if i in majority]))
    return folds


@pytest.mark.parametrize("leak", [False, True], ids=["smote_inside", "smote_before"])
def test_cross_validated_minority_f1_shuffles_its_folds_with_random_state(impl, small_problem, seed, leak):
    """The folds are shuffled and seeded: no fold is a contiguous slice of the rows, and another random_state draws other folds."""
    X, y = small_problem  # sorted by class, as rows often arrive

    folds = _majority_rows_scored(impl, X, y, leak, seed)
    other = _majority_rows_scored(impl, X, y, leak, seed + 1)

    # A fold holds 54 of the 270 majority rows; a shuffled draw makes them one contiguous run with
    # probability 217 / C(270, 54), which is nil. Unshuffled StratifiedKFold always does.
    contiguous = [f for f in folds if len(f) and f[-1] - f[0] + 1 == len(f)]
    assert not contiguous, (
        f"cross_validated_minority_f1(resample_before_split={leak}, random_state={seed}) scored folds "
        f"whose majority rows are the contiguous runs {[(int(f[0]), int(f[-1])) for f in contiguous]}; "
        "the folds must be shuffled, or rows that arrive ordered give every fold a different slice"
    )
    assert sorted(map(tuple, folds)) != sorted(map(tuple, other)), (
        f"random_state={seed} and random_state={seed + 1} scored the same validation folds; "
        "random_state must seed the shuffle of the folds"
    )


def test_cross_validated_minority_f1_uses_n_splits_folds_and_five_by_default(impl, small_problem, seed):
    """n_splits sets the number of folds (each scored once), and it is 5 when not given."""
    X, y = small_problem

    counts = {}
    for kwargs in ({}, {"n_splits": 3}):
        _RecordingClassifier.log = []
        impl.cross_validated_minority_f1(
            X, y, _RecordingClassifier(), resample_before_split=False, random_state=seed, **kwargs
        )
        counts[kwargs.get("n_splits", "default")] = [
            n for event, n in _RecordingClassifier.log if event == "predict"
        ]

    assert counts == {"default": [60] * 5, 3: [100] * 3}, (
        f"the model scored validation folds of sizes {counts} (keyed by n_splits); 300 rows give "
        "five folds of 60 by default and three of 100 with n_splits=3"
    )


def test_smote_and_smote_pipeline_default_to_five_neighbours(impl, seed):
    """With the default k_neighbors=5, a minority of exactly 6 rows is enough, and 5 rows are not."""
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.repeat([0, 1], [40, 6]))
    X = rng.normal(size=(len(y), 3)) + y[:, None]

    X_res, y_res = impl.smote(X, y, random_state=seed)
    impl.smote_pipeline(_FingerprintClassifier(), random_state=seed).fit(X, y)

    assert _counts(y_res) == {0: 40, 1: 40}, f"smote(X, y) with 6 minority rows gave counts {_counts(y_res)}"
    assert _counts(_FingerprintClassifier.seen[1]) == {0: 40, 1: 40}, (
        f"smote_pipeline(model) fed the model counts {_counts(_FingerprintClassifier.seen[1])}"
    )
    five = y != 1
    five[np.flatnonzero(y == 1)[0]] = True
    with pytest.raises(ValueError, match="k_neighbors=5"):
        impl.smote(X[five], y[five], random_state=seed)
    with pytest.raises(ValueError):
        impl.smote_pipeline(_FingerprintClassifier(), random_state=seed).fit(X[five], y[five])


def test_imbalance_report_gives_no_entry_to_a_label_only_predicted(impl):
    """A predicted label absent from y_true gets no per-class entry; it only counts as a wrong prediction."""
    y_true = np.array(["a"] * 6 + ["b"] * 4)
    y_pred = np.array(["a"] * 5 + ["c"] + ["b"] * 3 + ["c"])

    report = impl.imbalance_report(y_true, y_pred)

    assert sorted(report["per_class"]) == ["a", "b"], (
        f"imbalance_report with a predicted-only label 'c' gave per_class keys {sorted(report['per_class'])}; "
        "the contract lists the labels of y_true only"
    )
    assert report["per_class"]["a"]["recall"] == pytest.approx(5 / 6)
    assert report["per_class"]["b"]["recall"] == pytest.approx(3 / 4)
    assert report["accuracy"] == pytest.approx(0.8)


def test_class_weights_reject_a_single_class(impl):
    """balanced_class_weights on a y with one class raises a ValueError that says two classes are needed."""
    with pytest.raises(ValueError, match="at least two classes"):
        impl.balanced_class_weights(np.ones(10, dtype=int))


@pytest.mark.parametrize("resampler", ["smote", "random_undersample"])
def test_resamplers_reject_a_one_row_input_and_a_1d_x(impl, resampler):
    """One row is a single class, and a 1-D X is not a table: both raise a ValueError saying so."""
    with pytest.raises(ValueError, match="at least two classes"):
        getattr(impl, resampler)(np.ones((1, 2)), np.array([1]))
    with pytest.raises(ValueError, match="2-D"):
        getattr(impl, resampler)(np.arange(10.0), np.repeat([0, 1], 5))


@pytest.mark.parametrize("leak", [False, True], ids=["smote_inside", "smote_before"])
def test_cross_validated_minority_f1_repeats_for_the_same_random_state(impl, small_problem, seed, leak):
    """random_state seeds SMOTE as well as the folds: two calls with the same one train on identical rows."""
    X, y = small_problem

    def last_training_rows():
        impl.cross_validated_minority_f1(
            X, y, _FingerprintClassifier(), resample_before_split=leak, random_state=seed
        )
        return _FingerprintClassifier.seen[0]

    first, again = last_training_rows(), last_training_rows()

    assert first.shape == again.shape and np.array_equal(first, again), (
        f"two calls of cross_validated_minority_f1(resample_before_split={leak}, random_state={seed}) "
        "trained the model on different rows; SMOTE must be seeded by random_state too"
    )


def test_smote_draws_its_base_rows_from_the_whole_class(impl, seed):
    """Every row of the class can be a base: on a chain where each row's nearest neighbour is the next one in, the far end is used too."""
    # Minority rows on a line at 15, 7, 3, 1, 0 (row 0 is the far end). With k_neighbors=1 each row's
    # only neighbour is the next one inwards, so a synthetic point above 7 has base 15, one in (3, 7]
    # has base 7, and one in (1, 3] has base 3. 95 uniform draws miss a given base with chance 0.8^95.
    minority = np.array([[15.0, 0.0], [7.0, 0.0], [3.0, 0.0], [1.0, 0.0], [0.0, 0.0]])
    majority = np.column_stack([np.arange(100.0) + 100.0, np.full(100, 50.0)])
    X, y = np.vstack([minority, majority]), np.repeat([1, 0], [5, 100])

    X_res, _ = impl.smote(X, y, k_neighbors=1, random_state=seed)

    position = X_res[len(X):, 0]
    used = {"15": bool(np.any(position > 7)), "7": bool(np.any((position > 3) & (position <= 7))),
            "3": bool(np.any((position > 1) & (position <= 3)))}
    assert all(used.values()), (
        f"smote(X, y, k_neighbors=1) on minority rows at 15, 7, 3, 1, 0 made {len(position)} points; "
        f"whether each row served as a base: {used}. Bases are drawn from every row of the class"
    )
