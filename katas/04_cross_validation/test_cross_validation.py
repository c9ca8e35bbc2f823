"""Kata 04, cross-validation: every test is one claim from a senior answer, stated in its docstring.

The implementation under test arrives as the ``impl`` fixture (see the root conftest.py).
"""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED_METRICS = ["accuracy", "precision_macro", "recall_macro"]
# scikit-learn's own results do not depend on the implementation under test; the meta-checks run
# this file once per implementation in one process, so they are computed once per seed.
_LIBRARY_RESULTS: dict = {}

# (n_samples, n_splits) pairs with and without a remainder.
SHAPES = [(23, 5), (10, 3), (100, 7), (12, 4), (7, 7)]


@pytest.fixture(scope="session")
def iris():
    """The seed's data set: 150 flowers, 4 features, 3 balanced classes."""
    return load_iris(return_X_y=True)


class _NearestCentroid(ClassifierMixin, BaseEstimator):
    """A model cheap enough to fit 300 times in a blink: predict the class with the nearest mean."""

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        self.centroids_ = np.array([X[y == label].mean(axis=0) for label in self.classes_])
        return self

    def predict(self, X):
        distances = ((X[:, None, :] - self.centroids_[None, :, :]) ** 2).sum(axis=2)
        return self.classes_[distances.argmin(axis=1)]


def _all_kfold_splits(impl, seed):
    """Every shape, unshuffled and shuffled: ((n_samples, n_splits, shuffle), folds) pairs."""
    return [
        ((n, k, shuffle), impl.kfold_indices(n, k, shuffle=shuffle, random_state=seed))
        for n, k in SHAPES
        for shuffle in (False, True)
    ]


# --- kfold_indices from scratch ------------------------------------------------------------


def test_kfold_validation_folds_partition_every_index_exactly_once(impl, seed):
    """Across the folds, every row is validated once and only once."""
    for (n, k, shuffle), folds in _all_kfold_splits(impl, seed):
        validated = np.concatenate([validation for _, validation in folds])

        assert len(folds) == k, (
            f"kfold_indices({n}, {k}, shuffle={shuffle}) gave {len(folds)} folds"
        )
        assert_array_equal(
            np.sort(validated),
            np.arange(n),
            err_msg=f"kfold_indices({n}, {k}, shuffle={shuffle}): the validation folds together "
            "should hold each of 0..n-1 exactly once",
        )


def test_kfold_train_and_validation_indices_are_disjoint(impl, seed):
    """Within each fold, no row is both trained on and validated, and together they hold every row."""
    for (n, k, shuffle), folds in _all_kfold_splits(impl, seed):
        for number, (train, validation) in enumerate(folds):
            overlap = np.intersect1d(train, validation)

            assert overlap.size == 0, (
                f"kfold_indices({n}, {k}, shuffle={shuffle}), fold {number}: rows {overlap[:5]} "
                "are in both train and validation; that is leakage"
            )
            assert_array_equal(
                np.sort(np.concatenate([train, validation])),
                np.arange(n),
                err_msg=f"kfold_indices({n}, {k}, shuffle={shuffle}), fold {number}: train and "
                "validation together should be all rows",
            )


def test_kfold_fold_sizes_differ_by_at_most_one(impl, seed):
    """When n_splits does not divide n_samples, the leftover rows are spread one per fold."""
    for (n, k, shuffle), folds in _all_kfold_splits(impl, seed):
        sizes = [len(validation) for _, validation in folds]

        assert max(sizes) - min(sizes) <= 1, (
            f"kfold_indices({n}, {k}, shuffle={shuffle}) gave validation folds of sizes {sizes}; "
            "they should differ by at most 1"
        )


def test_kfold_unshuffled_equals_scikit_learn_kfold(impl):
    """Without shuffling, the folds are exactly scikit-learn's KFold folds, in order."""
    for n, k in SHAPES:
        folds = impl.kfold_indices(n, k)

        expected = list(KFold(n_splits=k).split(np.zeros((n, 1))))
        assert len(folds) == len(expected), f"kfold_indices({n}, {k}) gave {len(folds)} folds"
        for number, ((train, validation), (lib_train, lib_validation)) in enumerate(
            zip(folds, expected)
        ):
            assert_array_equal(
                validation, lib_validation, err_msg=f"kfold_indices({n}, {k}), fold {number}"
            )
            assert_array_equal(train, lib_train, err_msg=f"kfold_indices({n}, {k}), fold {number}")


# --- Stratified, time-series and grouped splits --------------------------------------------


def test_stratified_folds_hold_each_class_within_one_of_its_proportional_share(impl, rng, seed):
    """Every fold holds each class n_c / n_splits times, give or take less than one row."""
    counts = {0: 61, 1: 27, 2: 12}
    ordered = np.repeat(list(counts), list(counts.values()))
    n_splits = 5

    for y, shuffle in [(ordered, False), (ordered, True), (rng.permutation(ordered), False)]:
        folds = impl.stratified_kfold_indices(y, n_splits, shuffle=shuffle, random_state=seed)

        assert_array_equal(
            np.sort(np.concatenate([v for _, v in folds])),
            np.arange(len(y)),
            err_msg="stratified_kfold_indices: the validation folds should partition the rows",
        )
        for number, (train, validation) in enumerate(folds):
            assert np.intersect1d(train, validation).size == 0, f"fold {number} leaks rows"
            got = {label: int(np.sum(y[validation] == label)) for label in counts}
            shares = {label: count / n_splits for label, count in counts.items()}
            assert all(abs(got[label] - shares[label]) < 1 for label in counts), (
                f"stratified_kfold_indices(y with counts {counts}, {n_splits}, shuffle={shuffle}): "
                f"fold {number} holds {got}; each class should be within 1 of {shares}"
            )


def test_time_series_training_rows_all_precede_validation_rows(impl):
    """In every time-series split, the model trains only on rows that come before the validation rows."""
    for n, k in [(50, 4), (23, 5), (100, 3)]:
        splits = impl.time_series_indices(n, k)

        assert len(splits) == k, f"time_series_indices({n}, {k}) gave {len(splits)} splits"
        for number, (train, validation) in enumerate(splits):
            assert len(train) > 0 and len(validation) > 0, f"split {number} has an empty side"
            assert train.max() < validation.min(), (
                f"time_series_indices({n}, {k}), split {number}: training row {train.max()} comes "
                f"after validation row {validation.min()}; that trains on the future"
            )


def test_time_series_training_window_expands(impl):
    """Each training window starts at the first row and contains the previous one, so it grows."""
    for n, k in [(50, 4), (23, 5), (100, 3)]:
        splits = impl.time_series_indices(n, k)

        sizes = [len(train) for train, _ in splits]
        assert all(a < b for a, b in zip(sizes, sizes[1:])), (
            f"time_series_indices({n}, {k}) gave training windows of sizes {sizes}; "
            "an expanding window grows with every split"
        )
        for number, (train, _) in enumerate(splits):
            assert_array_equal(
                train,
                np.arange(len(train)),
                err_msg=f"time_series_indices({n}, {k}), split {number}: the expanding window "
                "holds every row from the first one up to the validation block",
            )


def test_group_folds_never_put_one_group_on_both_sides(impl, rng):
    """Rows of one group (a patient, a customer) are either all trained on or all validated."""
    groups = rng.integers(0, 30, size=300)

    folds = impl.group_kfold_indices(groups, 5)

    assert len(folds) == 5, f"group_kfold_indices(groups, 5) gave {len(folds)} folds"
    assert_array_equal(
        np.sort(np.concatenate([v for _, v in folds])),
        np.arange(len(groups)),
        err_msg="group_kfold_indices: the validation folds should partition the rows",
    )
    for number, (train, validation) in enumerate(folds):
        shared = np.intersect1d(groups[train], groups[validation])
        assert shared.size == 0, (
            f"group_kfold_indices(groups, 5), fold {number}: groups {shared[:5]} sit in both "
            "train and validation, so the score rewards memorising those groups"
        )


# --- Why k-fold, and multi-metric scoring ---------------------------------------------------


def test_kfold_cv_mean_is_steadier_than_a_single_holdout_split(impl, iris, seed):
    """Over 50 seeds, the 5-fold CV mean accuracy wobbles less than one 70/30 holdout accuracy."""
    X, y = iris

    spread = impl.cv_and_holdout_spread(
        _NearestCentroid(), X, y, n_repeats=50, n_splits=5, test_size=0.3, random_state=100 * seed
    )

    cv_means, holdout = np.asarray(spread["cv_means"]), np.asarray(spread["holdout_scores"])
    assert cv_means.shape == (50,) and holdout.shape == (50,), (
        f"cv_and_holdout_spread(n_repeats=50) gave {cv_means.shape} CV means and {holdout.shape} "
        "holdout scores; expected one of each per repeat"
    )
    assert_allclose(spread["cv_std"], cv_means.std(), rtol=1e-9, err_msg="cv_std is not the std")
    assert_allclose(spread["holdout_std"], holdout.std(), rtol=1e-9, err_msg="holdout_std")
    # A nearest-centroid model scores about 0.92 on iris; seeds 0-9 gave means of 0.917-0.927.
    assert 0.85 < cv_means.mean() < 0.97 and 0.85 < holdout.mean() < 0.97, (
        f"mean accuracies {cv_means.mean():.3f} (CV) and {holdout.mean():.3f} (holdout) are not "
        "what a nearest-centroid model scores on iris (about 0.92)"
    )
    # Over seeds 0-9 the CV std was 0.21-0.24 of the holdout std (holdout std 0.033-0.044; a
    # single fold's std 0.039-0.059, above the holdout's), so 0.5 separates them with a wide margin.
    assert spread["holdout_std"] > 0 and spread["cv_std"] < 0.5 * spread["holdout_std"], (
        f"cv_and_holdout_spread gave a CV std of {spread['cv_std']:.4f} and a holdout std of "
        f"{spread['holdout_std']:.4f}; averaging 5 folds that cover every row should cut the "
        "split-to-split spread to well under half"
    )


def _seed_model():
    """The seed's logistic regression on iris, with the features standardised so lbfgs converges fast."""
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=200))


def _library_cross_validate(X, y, folds, seed):
    key = ("cross_validate", seed)
    if key not in _LIBRARY_RESULTS:
        _LIBRARY_RESULTS[key] = cross_validate(
            _seed_model(), X, y, cv=folds, scoring=SEED_METRICS, return_train_score=True
        )
    return _LIBRARY_RESULTS[key]


def test_multi_metric_cv_reports_accuracy_macro_precision_and_recall_with_train_scores(
    impl, iris, seed
):
    """As in the seed, one CV run scores accuracy, precision_macro and recall_macro on both sides."""
    X, y = iris
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)

    scores = impl.multi_metric_cv(_seed_model(), X, y, cv=folds)

    expected = _library_cross_validate(X, y, folds, seed)
    keys = {f"{side}_{metric}" for side in ("train", "test") for metric in SEED_METRICS}
    assert set(scores) == keys, (
        f"multi_metric_cv returned the keys {sorted(scores)}; expected {sorted(keys)}"
    )
    for key in sorted(keys):
        assert_allclose(
            scores[key],
            expected[key],
            rtol=1e-12,
            err_msg=f"multi_metric_cv(LogisticRegression, iris, 5 stratified folds)[{key!r}] "
            "differs from scikit-learn's cross_validate",
        )


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "splitter", ["kfold_indices", "stratified_kfold_indices", "time_series_indices"]
)
def test_splitters_reject_fewer_than_two_splits(impl, splitter):
    """n_splits=1 leaves nothing to train on, so every splitter raises a ValueError saying so."""
    first = np.repeat([0, 1], 10) if splitter == "stratified_kfold_indices" else 20

    with pytest.raises(ValueError, match="n_splits must be at least 2, got 1"):
        getattr(impl, splitter)(first, 1)


@pytest.mark.parametrize("splitter", ["kfold_indices", "stratified_kfold_indices"])
def test_splitters_reject_more_splits_than_samples(impl, splitter):
    """Six folds of five rows would leave a fold empty; the splitter raises a ValueError saying so."""
    first = np.array([0, 1, 0, 1, 0]) if splitter == "stratified_kfold_indices" else 5

    with pytest.raises(ValueError, match="n_splits=6 is more than n_samples=5"):
        getattr(impl, splitter)(first, 6)


def test_stratified_kfold_rejects_a_class_rarer_than_n_splits(impl):
    """A class with 3 rows cannot appear in all 5 folds; stratified splitting raises a ValueError."""
    y = np.repeat([0, 1], [20, 3])

    with pytest.raises(ValueError, match="class 1 has 3 members, fewer than n_splits=5"):
        impl.stratified_kfold_indices(y, 5)
