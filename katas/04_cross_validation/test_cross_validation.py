"""Kata 04, cross-validation: every test is one claim from a senior answer, stated in its docstring.

The implementation under test arrives as the ``impl`` fixture (see the root conftest.py).
"""

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.datasets import load_iris, make_classification
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, TimeSeriesSplit, cross_validate
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


# Every fit of a _SpyCentroid clone appends a record here, under the spy's ``log`` name: the row
# ids it was fitted on, and the ids and predictions of every predict call. A class-level registry,
# because clone() deep-copies parameters and a list passed as one would not be shared.
_SPY_LOGS: dict[str, list] = {}


class _SpyCentroid(_NearestCentroid):
    """A nearest-centroid model that reads column 0 as a row id and records what it sees."""

    def __init__(self, log="default"):
        self.log = log

    def fit(self, X, y):
        self.record_ = {"fit": X[:, 0].astype(int), "predicted": [], "predictions": []}
        _SPY_LOGS.setdefault(self.log, []).append(self.record_)
        return super().fit(X[:, 1:], y)

    def predict(self, X):
        predictions = super().predict(X[:, 1:])
        self.record_["predicted"].append(X[:, 0].astype(int))
        self.record_["predictions"].append(predictions)
        return predictions


def _with_row_ids(X):
    return np.column_stack([np.arange(len(X)), X])


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


def test_kfold_shuffle_permutes_the_rows_and_the_seed_fixes_the_permutation(impl, seed):
    """shuffle=True mixes rows across folds; the same random_state repeats it, another changes it."""
    n, k = 40, 4

    plain = impl.kfold_indices(n, k)
    first = impl.kfold_indices(n, k, shuffle=True, random_state=seed)
    again = impl.kfold_indices(n, k, shuffle=True, random_state=seed)
    other = impl.kfold_indices(n, k, shuffle=True, random_state=seed + 1)

    def validation_sets(folds):
        return [sorted(np.asarray(v).tolist()) for _, v in folds]

    assert validation_sets(first) != validation_sets(plain), (
        f"kfold_indices({n}, {k}, shuffle=True, random_state={seed}) gave the unshuffled folds"
    )
    assert validation_sets(first) == validation_sets(again), (
        f"kfold_indices({n}, {k}, shuffle=True, random_state={seed}) gave different folds on a "
        "second call; the same seed must give the same folds"
    )
    assert validation_sets(first) != validation_sets(other), (
        f"random_state={seed} and {seed + 1} gave the same shuffled folds; the seed is ignored"
    )
    for number, (train, _) in enumerate(first):
        assert np.all(np.diff(train) > 0), (
            f"kfold_indices(shuffle=True), fold {number}: train indices are not sorted"
        )


@settings(derandomize=True, max_examples=40, deadline=None)
@given(
    n=st.integers(2, 40),
    k_share=st.floats(0, 1),
    shuffle=st.booleans(),
    random_state=st.integers(0, 2**31 - 1),
)
def test_kfold_folds_partition_the_rows_with_sizes_within_one_for_any_shape(
    impl, n, k_share, shuffle, random_state
):
    """For any n and 2 <= k <= n, the validation folds partition the rows and differ by at most 1."""
    k = 2 + round(k_share * (n - 2))

    folds = impl.kfold_indices(n, k, shuffle=shuffle, random_state=random_state)

    sizes = [len(v) for _, v in folds]
    assert len(folds) == k and max(sizes) - min(sizes) <= 1, (
        f"kfold_indices({n}, {k}, shuffle={shuffle}) gave validation sizes {sizes}"
    )
    assert_array_equal(
        np.sort(np.concatenate([v for _, v in folds])),
        np.arange(n),
        err_msg=f"kfold_indices({n}, {k}, shuffle={shuffle}) is no partition",
    )
    for train, validation in folds:
        assert_array_equal(
            np.sort(np.concatenate([train, validation])),
            np.arange(n),
            err_msg=f"kfold_indices({n}, {k}): train + validation != all rows",
        )


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


@pytest.mark.parametrize(
    "counts",
    [{"a": 11, "b": 11, "c": 11}, {0: 7, 1: 40}, {"rare": 5, "mid": 13, "common": 29}],
    ids=["three classes of 11", "minority labelled 0", "string labels"],
)
def test_stratified_fold_sizes_differ_by_at_most_one(impl, rng, seed, counts):
    """Per-class shares are floor or ceil, and the fold sizes differ by at most 1 as well."""
    y = rng.permutation(np.repeat(np.array(list(counts)), list(counts.values())))
    n_splits = 5

    for shuffle in (False, True):
        folds = impl.stratified_kfold_indices(y, n_splits, shuffle=shuffle, random_state=seed)

        sizes = [len(v) for _, v in folds]
        assert max(sizes) - min(sizes) <= 1, (
            f"stratified_kfold_indices(y with counts {counts}, {n_splits}, shuffle={shuffle}) gave "
            f"fold sizes {sizes}; giving every class's extra row to the first folds piles them up"
        )
        for number, (train, validation) in enumerate(folds):
            held = Counter(y[validation].tolist())
            for label, count in counts.items():
                assert held[label] in (count // n_splits, -(-count // n_splits)), (
                    f"fold {number} holds {held[label]} rows of class {label!r} (of {count}); "
                    f"it should hold {count // n_splits} or {-(-count // n_splits)}"
                )
            for side, rows in (("train", train), ("validation", validation)):
                assert np.all(np.diff(rows) > 0), f"fold {number}: {side} indices are not sorted"


@settings(derandomize=True, max_examples=30, deadline=None)
@given(
    n_splits=st.integers(2, 6),
    extra_counts=st.lists(st.integers(0, 9), min_size=2, max_size=4),
    names=st.sampled_from([(0, 1, 2, 3), ("b", "a", "d", "c"), (-1, 1, 7, 3)]),
    shuffle=st.booleans(),
    order_seed=st.integers(0, 2**16),
)
def test_stratified_folds_hold_floor_or_ceil_of_every_class_for_any_labels(
    impl, n_splits, extra_counts, names, shuffle, order_seed
):
    """For any class counts, labels and row order, each class gets floor or ceil per fold and sizes stay within 1."""
    counts = {names[i]: n_splits + extra for i, extra in enumerate(extra_counts)}
    y = np.random.default_rng(order_seed).permutation(
        np.repeat(np.array(list(counts)), list(counts.values()))
    )

    folds = impl.stratified_kfold_indices(y, n_splits, shuffle=shuffle, random_state=order_seed)

    sizes = [len(v) for _, v in folds]
    assert len(folds) == n_splits and max(sizes) - min(sizes) <= 1, (
        f"stratified_kfold_indices(y with counts {counts}, {n_splits}) gave fold sizes {sizes}"
    )
    assert_array_equal(
        np.sort(np.concatenate([v for _, v in folds])),
        np.arange(len(y)),
        err_msg=f"stratified_kfold_indices(y with counts {counts}, {n_splits}) is no partition",
    )
    for number, (_, validation) in enumerate(folds):
        held = Counter(y[validation].tolist())
        for label, count in counts.items():
            assert held[label] in (count // n_splits, -(-count // n_splits)), (
                f"stratified_kfold_indices(y with counts {counts}, {n_splits}): fold {number} "
                f"holds {held[label]} rows of class {label!r}"
            )


def test_stratified_shuffle_changes_the_folds_and_the_seed_fixes_them(impl, seed):
    """shuffle=True mixes each class across folds; the same random_state gives the same folds."""
    y = np.repeat([0, 1, 2], [30, 20, 10])

    def validation_sets(**kwargs):
        folds = impl.stratified_kfold_indices(y, 5, **kwargs)
        return [np.asarray(v).tolist() for _, v in folds]

    plain = validation_sets()
    first = validation_sets(shuffle=True, random_state=seed)

    assert first != plain, "stratified_kfold_indices(shuffle=True) gave the unshuffled folds"
    assert first == validation_sets(shuffle=True, random_state=seed), (
        f"stratified_kfold_indices(shuffle=True, random_state={seed}) changed on a second call"
    )
    assert first != validation_sets(shuffle=True, random_state=seed + 1), (
        f"random_state={seed} and {seed + 1} gave the same stratified folds"
    )


def test_stratified_unshuffled_folds_ignore_random_state_and_repeat(impl, rng, seed):
    """Without shuffle (the default) the folds are fixed: the same on every call, whatever random_state is."""
    y = rng.permutation(np.repeat(["x", "y", "z"], [17, 9, 24]))

    default = impl.stratified_kfold_indices(y, 5)

    for kwargs in ({}, {"shuffle": False, "random_state": seed}, {"random_state": seed + 1}):
        again = impl.stratified_kfold_indices(y, 5, **kwargs)
        for number, ((_, v1), (_, v2)) in enumerate(zip(default, again)):
            assert_array_equal(
                np.sort(v1),
                np.sort(v2),
                err_msg=f"stratified_kfold_indices(y, 5, **{kwargs}), fold {number}, differs from "
                "stratified_kfold_indices(y, 5); unshuffled folds do not depend on random_state",
            )


@pytest.mark.parametrize(
    "splitter",
    ["kfold_indices", "stratified_kfold_indices", "time_series_indices", "group_kfold_indices"],
)
def test_every_splitter_makes_five_folds_by_default(impl, splitter):
    """n_splits defaults to 5, as in scikit-learn's splitters."""
    first = {
        "kfold_indices": 30,
        "stratified_kfold_indices": np.repeat([0, 1], 15),
        "time_series_indices": 30,
        "group_kfold_indices": np.repeat(np.arange(8), 3),
    }[splitter]

    folds = getattr(impl, splitter)(first)

    assert len(folds) == 5, f"{splitter} without n_splits gave {len(folds)} folds; the default is 5"


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


def test_time_series_blocks_follow_scikit_learns_time_series_split(impl):
    """n_splits + 1 blocks of n // (n_splits + 1) rows, the first absorbing the remainder: TimeSeriesSplit."""
    for n, k in [(50, 4), (23, 5), (100, 3), (7, 6), (12, 2), (29, 3)]:
        splits = impl.time_series_indices(n, k)

        expected = list(TimeSeriesSplit(n_splits=k).split(np.zeros((n, 1))))
        assert len(splits) == len(expected), f"time_series_indices({n}, {k}) gave {len(splits)}"
        for number, ((train, validation), (lib_train, lib_validation)) in enumerate(
            zip(splits, expected)
        ):
            assert_array_equal(
                validation,
                lib_validation,
                err_msg=f"time_series_indices({n}, {k}), "
                f"split {number}: validation blocks have n // (k + 1) rows and end "
                "at the last row",
            )
            assert_array_equal(
                train,
                lib_train,
                err_msg=f"time_series_indices({n}, {k}), split {number}: training rows",
            )


def test_time_series_rejects_too_few_rows(impl):
    """Five splits need six blocks, so five rows raise a ValueError saying so."""
    with pytest.raises(ValueError, match="n_samples=5 is too few for n_splits=5"):
        impl.time_series_indices(5, 5)


def _greedy_fold_sizes(group_sizes, n_splits):
    """Largest group first into the lightest fold: the sorted fold sizes do not depend on ties."""
    loads = [0] * n_splits
    for size in sorted(group_sizes, reverse=True):
        loads[loads.index(min(loads))] += size
    return sorted(loads)


@pytest.mark.parametrize("kind", ["string ids", "large integer ids", "as many groups as folds"])
def test_group_folds_are_balanced_and_none_is_empty(impl, rng, kind):
    """Whole groups go largest first into the lightest fold, whatever the ids: no empty, balanced folds."""
    if kind == "as many groups as folds":
        names = np.array([10, 20, 30, 40, 50])
    else:
        names = (
            np.array([f"patient-{i}" for i in range(23)])
            if kind == "string ids"
            else (rng.choice(10**9, size=23, replace=False) + 10**9)
        )
    sizes = rng.integers(1, 30, size=len(names))
    groups = rng.permutation(np.repeat(names, sizes))

    folds = impl.group_kfold_indices(groups, 5)

    got = sorted(len(v) for _, v in folds)
    expected = _greedy_fold_sizes(sizes.tolist(), 5)
    assert got == expected, (
        f"group_kfold_indices({len(names)} groups with {kind}, 5) gave fold sizes {got}; placing "
        f"the largest group first into the lightest fold gives {expected}"
    )
    assert_array_equal(
        np.sort(np.concatenate([v for _, v in folds])),
        np.arange(len(groups)),
        err_msg="group_kfold_indices: the validation folds should partition the rows",
    )
    for number, (train, validation) in enumerate(folds):
        assert np.intersect1d(groups[train], groups[validation]).size == 0, (
            f"fold {number} has a group on both sides"
        )
        for side, rows in (("train", train), ("validation", validation)):
            assert np.all(np.diff(rows) > 0), f"fold {number}: {side} indices are not sorted"


def test_group_kfold_rejects_fewer_groups_than_splits(impl):
    """Three patients cannot fill five folds; group_kfold_indices raises a ValueError saying so."""
    with pytest.raises(ValueError, match="n_splits=5 is more than the number of distinct groups=3"):
        impl.group_kfold_indices(np.repeat(["a", "b", "c"], 4), 5)


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
    # A nearest-centroid model scores about 0.92 on iris; over seeds 0-99 the means were
    # 0.920-0.926 (CV) and 0.911-0.935 (holdout), at least 0.035 inside the band.
    assert 0.85 < cv_means.mean() < 0.97 and 0.85 < holdout.mean() < 0.97, (
        f"mean accuracies {cv_means.mean():.3f} (CV) and {holdout.mean():.3f} (holdout) are not "
        "what a nearest-centroid model scores on iris (about 0.92)"
    )
    # Over seeds 0-99 the CV std was 0.15-0.30 of the holdout std (CV std 0.0066-0.0111, holdout
    # std 0.028-0.047; a single fold's std, 0.039-0.059 over seeds 0-9, lies above the holdout's),
    # so 0.5 leaves a margin of 0.2. A band cannot see leakage, which lowers the CV spread too:
    # the spy tests below watch the procedure itself.
    assert spread["holdout_std"] > 0 and spread["cv_std"] < 0.5 * spread["holdout_std"], (
        f"cv_and_holdout_spread gave a CV std of {spread['cv_std']:.4f} and a holdout std of "
        f"{spread['holdout_std']:.4f}; averaging 5 folds that cover every row should cut the "
        "split-to-split spread to well under half"
    )


def test_cv_and_holdout_spread_never_scores_a_row_it_fitted_on(impl, iris):
    """Each repeat fits k fold models and one holdout model, each a fresh clone, none scored on its own rows."""
    X, y = iris
    log = "spread-procedure"
    _SPY_LOGS.pop(log, None)
    spy = _SpyCentroid(log=log)

    impl.cv_and_holdout_spread(
        spy, _with_row_ids(X), y, n_repeats=3, n_splits=5, test_size=0.3, random_state=7
    )

    records = _SPY_LOGS.get(log, [])
    assert not hasattr(spy, "record_"), (
        "cv_and_holdout_spread fitted the estimator it was given; every fit needs a clone"
    )
    assert len(records) == 3 * (5 + 1), (
        f"cv_and_holdout_spread(n_repeats=3, n_splits=5) fitted {len(records)} models; "
        "expected 3 x (5 folds + 1 holdout) = 18 fits"
    )
    for number, record in enumerate(records):
        predicted = np.concatenate(record["predicted"]) if record["predicted"] else np.array([])
        leaked = np.intersect1d(record["fit"], predicted)
        assert leaked.size == 0, (
            f"fit {number} was scored on {leaked.size} of the rows it was fitted on (e.g. "
            f"{leaked[:5]}); a validation row must never be used for fitting"
        )
    shapes = Counter((len(r["fit"]), sum(len(p) for p in r["predicted"])) for r in records)
    assert shapes == Counter({(120, 30): 15, (105, 45): 3}), (
        f"the fits had (training rows, scored rows) {dict(shapes)}; 5 folds of 150 rows give "
        "(120, 30) fifteen times and a 70/30 holdout gives (105, 45) three times"
    )
    fold_rows = Counter(
        np.concatenate(
            [np.concatenate(r["predicted"]) for r in records if len(r["fit"]) == 120]
        ).tolist()
    )
    assert set(fold_rows.values()) == {3} and len(fold_rows) == 150, (
        "over 3 repeats every row should be validated exactly 3 times (once per repeat); "
        f"counts ranged from {min(fold_rows.values())} to {max(fold_rows.values())}"
    )
    # Iris is sorted by class, so unshuffled folds are runs of 30 consecutive rows; a shuffled
    # fold of 30 out of 150 rows is a run with probability about 1e-30.
    contiguous = [
        rows
        for rows in (
            np.sort(np.concatenate(r["predicted"])) for r in records if len(r["fit"]) == 120
        )
        if rows[-1] - rows[0] == len(rows) - 1
    ]
    assert not contiguous, (
        f"{len(contiguous)} of the 15 CV folds validated a run of consecutive rows (e.g. "
        f"{contiguous[0][0]}..{contiguous[0][-1]}); each repeat shuffles the rows with its seed "
        "before cutting the k folds"
    )


def test_cv_mean_weighs_every_fold_equally_and_holdout_scores_its_own_rows(impl, iris):
    """With 7 folds of 21 or 22 rows, cv_means is the plain mean of the fold accuracies."""
    # 149 rows: 0.3 * 149 = 44.7, so the holdout keeps ceil = 45 rows and trains on 104.
    X, y = iris[0][:149], iris[1][:149]
    log = "spread-values"
    _SPY_LOGS.pop(log, None)

    spread = impl.cv_and_holdout_spread(
        _SpyCentroid(log=log), _with_row_ids(X), y, n_repeats=1, n_splits=7, random_state=3
    )

    accuracies = {}
    for record in _SPY_LOGS[log]:
        rows = np.concatenate(record["predicted"])
        accuracies.setdefault(len(record["fit"]) == 104, []).append(
            np.mean(np.concatenate(record["predictions"]) == y[rows])
        )
    assert len(accuracies.get(False, [])) == 7 and len(accuracies.get(True, [])) == 1, (
        f"expected 7 fold fits and 1 holdout fit on 104 rows (ceil(0.3 * 149) = 45 held out), "
        f"got {len(accuracies.get(False, []))} and {len(accuracies.get(True, []))}"
    )
    assert_allclose(
        spread["cv_means"],
        [np.mean(accuracies[False])],
        rtol=1e-12,
        err_msg="cv_means should be the mean of the 7 folds' accuracies",
    )
    assert_allclose(
        spread["holdout_scores"],
        accuracies[True],
        rtol=1e-12,
        err_msg="holdout_scores should be the accuracy on the held-out rows",
    )


def test_cv_and_holdout_spread_defaults_to_50_repeats_of_5_folds_and_a_30_percent_holdout(impl):
    """Called without n_repeats, n_splits or test_size, each of 50 repeats fits 5 folds and one 70/30 holdout."""
    X = np.r_[np.zeros((10, 2)), np.ones((10, 2))] + np.arange(20)[:, None] * 0.01
    y = np.repeat([0, 1], 10)
    log = "spread-defaults"
    _SPY_LOGS.pop(log, None)

    spread = impl.cv_and_holdout_spread(_SpyCentroid(log=log), _with_row_ids(X), y, random_state=0)

    shapes = Counter(
        (len(r["fit"]), sum(len(p) for p in r["predicted"])) for r in _SPY_LOGS.get(log, [])
    )
    assert shapes == Counter({(16, 4): 250, (14, 6): 50}), (
        f"cv_and_holdout_spread on 20 rows with the defaults fitted (training rows, scored rows) "
        f"{dict(shapes)}; 50 repeats of 5 folds give (16, 4) 250 times and a 30% holdout gives "
        "(14, 6) 50 times"
    )
    assert len(spread["cv_means"]) == len(spread["holdout_scores"]) == 50


def test_cv_and_holdout_spread_uses_seed_random_state_plus_r_for_repeat_r(impl, iris, seed):
    """Repeat r depends only on random_state + r: shifting random_state by one shifts the repeats."""
    X, y = iris
    base = 1000 + 10 * seed

    def run(random_state):
        return impl.cv_and_holdout_spread(
            _NearestCentroid(), X, y, n_repeats=6, n_splits=5, random_state=random_state
        )

    first, shifted, again = run(base), run(base + 1), run(base)

    for key in ("cv_means", "holdout_scores"):
        assert_allclose(
            first[key],
            again[key],
            rtol=0,
            atol=0,
            err_msg=f"cv_and_holdout_spread(random_state={base}) changed its {key} "
            "on a second call",
        )
        assert_allclose(
            shifted[key][:-1],
            first[key][1:],
            rtol=0,
            atol=0,
            err_msg=f"{key}: repeat r of random_state={base + 1} should be repeat "
            f"r + 1 of random_state={base}; both use the seed {base + 1} + r",
        )
    assert_allclose(
        run(None)["holdout_scores"],
        run(0)["holdout_scores"],
        rtol=0,
        atol=0,
        err_msg="random_state=None should use the seeds 0, 1, 2, ... like 0",
    )
    # Different seeds give different splits: over seeds 0-99 the six holdout scores (steps of
    # 1/45) of random_state and random_state + 500 never all agreed.
    assert not np.array_equal(run(base + 500)["holdout_scores"], first["holdout_scores"]), (
        "random_state is ignored: two far-apart seeds gave the same holdout scores"
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


def test_multi_metric_cv_on_imbalanced_classes_uses_macro_averages_and_the_given_cv(impl):
    """On 70/20/10 classes sorted by label, macro precision and recall differ from accuracy, and cv=4 is used as given."""
    X, y = make_classification(
        n_samples=300,
        n_features=6,
        n_informative=4,
        n_classes=3,
        weights=[0.7, 0.2, 0.1],
        class_sep=0.8,
        random_state=0,
    )
    order = np.argsort(y, kind="stable")
    X, y = X[order], y[order]

    scores = impl.multi_metric_cv(_seed_model(), X, y, cv=4)

    expected = cross_validate(
        _seed_model(), X, y, cv=4, scoring=SEED_METRICS, return_train_score=True
    )
    for key in sorted(f"{side}_{m}" for side in ("train", "test") for m in SEED_METRICS):
        assert_allclose(
            scores[key],
            expected[key],
            rtol=1e-12,
            err_msg=f"multi_metric_cv(imbalanced data sorted by class, cv=4)[{key!r}] "
            "differs from cross_validate with the same cv",
        )
    assert not np.allclose(expected["test_recall_macro"], expected["test_accuracy"]), (
        "this data set should tell macro recall from accuracy"
    )


def test_preprocessing_fitted_outside_the_folds_leaks(impl, seed):
    """Selecting features on all rows before CV scores pure noise well; inside a pipeline it scores chance."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(80, 2000))
    y = np.repeat([0, 1], 40)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)

    chosen = SelectKBest(f_classif, k=20).fit(X, y).get_support()
    leaky = impl.multi_metric_cv(_NearestCentroid(), X[:, chosen], y, cv=folds)
    inside = impl.multi_metric_cv(
        make_pipeline(SelectKBest(f_classif, k=20), _NearestCentroid()), X, y, cv=folds
    )

    leaky_accuracy = float(np.mean(leaky["test_accuracy"]))
    honest_accuracy = float(np.mean(inside["test_accuracy"]))
    # The labels are independent of X, so the truth is 0.5. Over seeds 0-99 the leaky CV scored
    # 0.85-0.95 and the pipeline 0.29-0.65, a gap of 0.275-0.60: the bounds 0.75 and 0.2 leave
    # margins of 0.10 and 0.075. An answer that fits on all rows before scoring fails both.
    assert honest_accuracy < 0.75 and leaky_accuracy > honest_accuracy + 0.2, (
        f"multi_metric_cv gave {leaky_accuracy:.3f} with features chosen on all rows and "
        f"{honest_accuracy:.3f} with the selection inside the pipeline; on pure noise the first "
        "is inflated by leakage and the second should be near 0.5"
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
