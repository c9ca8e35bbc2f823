"""Kata 03, ensembles: every test is one claim from a senior answer, stated in its docstring.

The implementation under test arrives as the ``impl`` fixture (see the root conftest.py). The
comparison uses the seed's data set (breast cancer, 569 rows, 30 features); the from-scratch
ensembles use a smooth additive function of two features, y = 3 sin(x0) + x1 plus noise.
"""


import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import GradientBoostingRegressor, RandomForestClassifier
from sklearn.metrics import mean_squared_error
from sklearn.tree import DecisionTreeRegressor

BAGGING_ROUNDS = 20
N_TREES = 5
N_STAGES = 50
LEARNING_RATE = 0.2
OVERFIT_STAGES = 100


def _additive_data(rng, n_samples, noise_sd):
    X = rng.uniform(0.0, 6.0, size=(n_samples, 2))
    return X, 3.0 * np.sin(X[:, 0]) + X[:, 1] + noise_sd * rng.standard_normal(n_samples)


@pytest.fixture(scope="session")
def breast_cancer():
    return load_breast_cancer(return_X_y=True)


@pytest.fixture(scope="module")
def cv_accuracy(impl, breast_cancer, seed):
    """Cross-validated accuracy of each contender, computed once per module on the same folds.

    The fixture returns a function rather than the scores, so a missing implementation fails
    inside each test (one line, "not implemented yet") instead of erroring in setup.
    """
    X, y = breast_cancer
    cache = {}

    def accuracy(name):
        if name not in cache:
            model = impl.ensemble_models(random_state=seed)[name]
            cache[name] = impl.cross_validated_accuracy(model, X, y, cv=5, random_state=seed)
        return cache[name]

    return accuracy


@pytest.fixture(scope="session")
def boosting_data(seed):
    """200 training rows and 200 fresh query rows of the additive function, noise sd 0.5."""
    rng = np.random.default_rng(seed)
    X, y = _additive_data(rng, 200, noise_sd=0.5)
    return X, y, rng.uniform(0.0, 6.0, size=(200, 2))


@pytest.fixture(scope="module")
def boosted(impl, boosting_data):
    """A StumpBoostingRegressor fitted once on the boosting data and shared by the tests below.

    Like ``cv_accuracy``, it hands out a function so that a stub fails inside each test.
    """
    X, y, _ = boosting_data
    cache = {}

    def fitted():
        if "model" not in cache:
            model = impl.StumpBoostingRegressor(n_estimators=N_STAGES, learning_rate=LEARNING_RATE)
            cache["model"] = model.fit(X, y)
        return cache["model"]

    return fitted


# --- The seed's comparison on breast cancer --------------------------------------------------


def test_random_forest_and_gradient_boosting_beat_a_single_tree_and_a_stump(impl, cv_accuracy):
    """On breast cancer, both ensembles beat an unpruned tree and a stump on cross-validated accuracy."""
    names = ("stump", "tree", "random_forest", "gradient_boosting")

    scores = {name: cv_accuracy(name) for name in names}

    best_single = max(scores["stump"], scores["tree"])
    worst_ensemble = min(scores["random_forest"], scores["gradient_boosting"])
    # Over seeds 0-99: stump 0.877-0.909, tree 0.900-0.947, forest (20 trees) 0.946-0.967,
    # boosting (15 stages) 0.940-0.967; the weaker ensemble beat the better single tree by
    # 0.0088 (seed 57) to 0.06, so the bound 0.005 leaves 0.0038.
    assert worst_ensemble >= best_single + 0.005, (
        f"5-fold accuracies came back { ({k: round(v, 4) for k, v in scores.items()}) }; both "
        "ensembles should beat both single trees by at least 0.005"
    )
    assert scores["stump"] < 0.93 and scores["tree"] < 0.97, (
        f"the single trees scored {scores['stump']:.3f} (stump) and {scores['tree']:.3f} "
        "(unpruned); held-out accuracy that high suggests the folds were not held out"
    )


def test_out_of_bag_accuracy_is_close_to_cross_validated_accuracy(
    impl, breast_cancer, cv_accuracy, seed
):
    """A random forest's out-of-bag accuracy lands within 0.025 of its 5-fold accuracy."""
    X, y = breast_cancer
    forest = impl.ensemble_models(random_state=seed)["random_forest"]

    oob = impl.oob_accuracy(forest, X, y)

    expected = clone(forest).set_params(oob_score=True).fit(X, y).oob_score_
    assert oob == pytest.approx(expected, abs=1e-12), (
        f"oob_accuracy(forest) gave {oob:.4f}; the same forest fitted with oob_score=True "
        f"reports oob_score_ = {expected:.4f}"
    )
    cross_validated = cv_accuracy("random_forest")
    # Measured |OOB - CV| over seeds 0-99 (20 trees): at most 0.0263 (seed 28), so 0.03 leaves
    # 0.0037. Accuracy on the training rows (1.0) is at least 0.033 above CV (at most 0.967), so it
    # still cannot pass for an out-of-bag score.
    assert abs(oob - cross_validated) <= 0.03, (
        f"oob_accuracy(forest) gave {oob:.4f} and the forest's 5-fold accuracy is "
        f"{cross_validated:.4f}; each row scored only by trees that never saw it should land "
        "within 0.03"
    )


def _text_labelled_rows(seed):
    """200 rows of 4 features with text labels, "no" the majority, "yes" where feature 0 is high."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((200, 4))
    return X, np.where(X[:, 0] + 0.5 * rng.standard_normal(200) > 0.5, "yes", "no")


def test_oob_accuracy_scores_text_labels_as_the_forest_does(impl, seed):
    """The out-of-bag accuracy compares predicted labels, whatever they are, so text labels give the forest's oob_score_."""
    X, y = _text_labelled_rows(seed)
    # 40 trees leave every row out of some bootstrap (a row is in all 40 with probability 1e-8),
    # so no row lacks an out-of-bag vote, where conventions could differ.
    forest = RandomForestClassifier(n_estimators=40, random_state=seed)

    oob = impl.oob_accuracy(forest, X, y)

    expected = clone(forest).set_params(oob_score=True).fit(X, y).oob_score_
    assert oob == pytest.approx(expected, abs=1e-12), (
        f"oob_accuracy(forest) on labels 'no'/'yes' gave {oob:.4f}; the forest's oob_score_ is "
        f"{expected:.4f}. Column indices of oob_decision_function_ are not labels: map them "
        "through classes_"
    )


def test_oob_accuracy_leaves_the_forest_passed_in_unfitted(impl, seed):
    """oob_accuracy fits a clone: the caller's forest stays unfitted and keeps oob_score=False."""
    X, y = _text_labelled_rows(seed)
    forest = RandomForestClassifier(n_estimators=40, random_state=seed)

    impl.oob_accuracy(forest, X, y)

    assert not hasattr(forest, "estimators_") and forest.get_params()["oob_score"] is False, (
        f"after oob_accuracy(forest) the forest has oob_score={forest.get_params()['oob_score']} "
        f"and is {'fitted' if hasattr(forest, 'estimators_') else 'unfitted'}; the docstring "
        "promises that a clone is fitted"
    )


def test_oob_accuracy_turns_the_bootstrap_on_for_a_forest_given_without_it(impl, seed):
    """A forest given with bootstrap=False is scored with bootstrap=True, since only bootstrap samples leave rows out."""
    X, y = _text_labelled_rows(seed)
    forest = RandomForestClassifier(n_estimators=40, bootstrap=False, random_state=seed)

    oob = impl.oob_accuracy(forest, X, y)

    expected = clone(forest).set_params(oob_score=True, bootstrap=True).fit(X, y).oob_score_
    assert oob == pytest.approx(expected, abs=1e-12), (
        f"oob_accuracy(RandomForestClassifier(bootstrap=False)) gave {oob}; the documented clone "
        f"has oob_score=True and bootstrap=True, whose oob_score_ is {expected:.4f}"
    )


def test_ensemble_models_have_the_documented_settings(impl, breast_cancer, seed):
    """A stump, an unpruned tree, a 20-tree forest, and 15 boosting stages of depth 3 at rate 0.3 on sqrt(30) = 5 features, all seeded."""
    X, y = breast_cancer

    models = impl.ensemble_models(random_state=seed)

    assert sorted(models) == ["gradient_boosting", "random_forest", "stump", "tree"], sorted(models)
    params = {name: model.get_params() for name, model in models.items()}
    settings = {
        "stump": {"max_depth": 1},
        "tree": {"max_depth": None},
        "random_forest": {"n_estimators": 20},
        "gradient_boosting": {"n_estimators": 15, "learning_rate": 0.3, "max_depth": 3},
    }
    for name, wanted in settings.items():
        got = {key: params[name].get(key) for key in wanted}
        assert got == wanted and params[name].get("random_state") == seed, (
            f"ensemble_models(random_state={seed})[{name!r}] has {got} and random_state "
            f"{params[name].get('random_state')}; the docstring promises {wanted} and the seed"
        )
    boosting = clone(models["gradient_boosting"]).fit(X, y)
    assert boosting.max_features_ == 5, (
        f"the boosted trees consider {boosting.max_features_} features per split; sqrt(30) gives 5"
    )


class _RecordingClassifier(ClassifierMixin, BaseEstimator):
    """A spy: column 0 of X is the row id; it predicts the label stored in column 1 and notes the rows it sees."""

    log: list

    def fit(self, X, y):
        type(self).log.append(("fit", X[:, 0].astype(int).copy()))
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        type(self).log.append(("predict", X[:, 0].astype(int).copy()))
        return self.classes_[X[:, 1].astype(int)]


def test_cross_validated_accuracy_scores_shuffled_stratified_folds_of_a_fresh_clone(impl, seed):
    """Every row is predicted once by a clone not fitted on it; folds keep class shares within 1; the seed moves them."""
    # 101 rows in 4 folds: one fold is larger, so the mean of the folds' accuracies differs from
    # the accuracy pooled over all rows.
    n_yes, n_no, cv = 23, 78, 4
    labels = np.array(["yes"] * n_yes + ["no"] * n_no)  # sorted by class, minority first
    rng = np.random.default_rng(seed)
    guessed = np.where(rng.random(len(labels)) < 0.8, labels, rng.permutation(labels))
    X = np.column_stack([np.arange(len(labels)), (guessed == "yes").astype(int)]).astype(float)

    def folds(random_state):
        spy = type("RecordingClassifier", (_RecordingClassifier,), {"log": []})()
        accuracy = impl.cross_validated_accuracy(spy, X, labels, cv=cv, random_state=random_state)
        assert not hasattr(spy, "classes_"), (
            "cross_validated_accuracy fitted the estimator it was given; each fold should fit a clone"
        )
        return accuracy, type(spy).log

    accuracy, log = folds(seed)
    _, same = folds(seed)
    _, other = folds(seed + 1)

    fits = [rows for kind, rows in log if kind == "fit"]
    predicted = [rows for kind, rows in log if kind == "predict"]
    assert len(fits) == cv and len(predicted) == cv, (
        f"cross_validated_accuracy(cv={cv}) fitted {len(fits)} and predicted {len(predicted)} times"
    )
    every_row = np.sort(np.concatenate(predicted))
    assert np.array_equal(every_row, np.arange(len(labels))), (
        "the validation folds together should hold every row exactly once"
    )
    for fit_rows, test_rows in zip(fits, predicted):
        assert np.array_equal(np.sort(fit_rows), np.setdiff1d(np.arange(len(labels)), test_rows)), (
            "each fold's clone should be fitted on exactly the rows outside its validation fold"
        )
    per_fold = np.array([[np.sum(labels[rows] == c) for c in ("yes", "no")] for rows in predicted])
    assert np.all(per_fold.max(axis=0) - per_fold.min(axis=0) <= 1), (
        f"validation folds hold (yes, no) counts {per_fold.tolist()}; stratified folds keep each "
        "class's count within 1 across folds"
    )
    expected = np.mean([np.mean(np.where(X[r, 1] == 1, "yes", "no") == labels[r]) for r in predicted])
    assert accuracy == pytest.approx(expected, abs=1e-12), (
        f"cross_validated_accuracy returned {accuracy}; the mean of the folds' accuracies is "
        f"{expected} (the accuracy pooled over all rows is not the same number)"
    )
    assert [r.tolist() for k, r in same] == [r.tolist() for k, r in log], (
        "the same random_state gave different folds"
    )
    assert sorted(map(tuple, (np.sort(r) for k, r in other if k == "predict"))) != sorted(
        map(tuple, (np.sort(r) for r in predicted))
    ), f"random_state={seed} and {seed + 1} gave the same folds; the folds should be shuffled"


@settings(derandomize=True, max_examples=12, deadline=None)
@given(
    counts=st.lists(st.integers(5, 25), min_size=2, max_size=3),
    names=st.sampled_from([(0, 1, 2), (1, 2, 3), (-1, 1, 2), ("no", "yes", "maybe")]),
    cv=st.integers(2, 5),
    order=st.sampled_from(["sorted", "reversed", "shuffled"]),
    random_state=st.integers(0, 1000),
)
def test_cross_validated_accuracy_property_folds_partition_rows_and_keep_class_counts_within_one(
    impl, counts, names, cv, order, random_state
):
    """For any labels (ints, -1/+1, strings; the first class may be the minority) and row order, the folds partition the rows and keep each class's count within 1."""
    labels = np.concatenate([[names[k]] * count for k, count in enumerate(counts)])
    if order == "reversed":
        labels = labels[::-1]
    elif order == "shuffled":
        labels = np.random.default_rng(random_state).permutation(labels)
    X = np.column_stack([np.arange(len(labels)), np.zeros(len(labels))]).astype(float)
    spy = type("RecordingClassifier", (_RecordingClassifier,), {"log": []})()

    impl.cross_validated_accuracy(spy, X, labels, cv=cv, random_state=random_state)

    predicted = [rows for kind, rows in type(spy).log if kind == "predict"]
    assert len(predicted) == cv and np.array_equal(
        np.sort(np.concatenate(predicted)), np.arange(len(labels))
    ), f"with cv={cv} the validation folds should be {cv} and hold every row exactly once"
    per_fold = np.array([[np.sum(labels[r] == c) for c in np.unique(labels)] for r in predicted])
    assert np.all(per_fold.max(axis=0) - per_fold.min(axis=0) <= 1), (
        f"class counts per validation fold {per_fold.tolist()} (classes {np.unique(labels).tolist()}, "
        f"rows {order}); stratified folds keep each class within 1"
    )


# --- Bagging reduces variance ----------------------------------------------------------------


def test_bagging_from_scratch_predicts_with_lower_variance_than_one_deep_tree(impl, seed):
    """Across fresh training sets, bagged trees' predictions at fixed points vary far less than one tree's."""
    rng = np.random.default_rng(seed)
    X_query = rng.uniform(0.0, 6.0, size=(100, 2))
    bagged, single = [], []

    for round_ in range(BAGGING_ROUNDS):
        X, y = _additive_data(rng, 100, noise_sd=1.0)
        model = impl.BaggedTreesRegressor(n_estimators=N_TREES, random_state=seed * 1000 + round_)
        bagged.append(model.fit(X, y).predict(X_query))
        single.append(DecisionTreeRegressor(random_state=0).fit(X, y).predict(X_query))

    variance_bagged = np.var(bagged, axis=0).mean()
    variance_single = np.var(single, axis=0).mean()
    # Measured over seeds 0-9: bagged 0.57-0.69, single tree 1.21-1.56, a ratio of 0.42-0.50.
    # Five trees grown on overlapping samples stay correlated, so the cut cannot be total.
    assert 0.2 * variance_single <= variance_bagged <= 0.7 * variance_single, (
        f"BaggedTreesRegressor(n_estimators={N_TREES}) predictions varied by {variance_bagged:.3f} "
        f"over {BAGGING_ROUNDS} training sets, one deep tree's by {variance_single:.3f}; "
        "averaging trees grown on bootstrap samples should cut that by 30% to 80%"
    )
    truth = 3.0 * np.sin(X_query[:, 0]) + X_query[:, 1]
    bias2_bagged = np.mean((np.mean(bagged, axis=0) - truth) ** 2)
    # Measured: 0.12-0.24 bagged and 0.12-0.23 for one tree; the function varies by about 7.5
    # around its mean, so a model that ignored x would land far above 0.5.
    assert bias2_bagged <= 0.5, (
        f"the bagged predictions, averaged over {BAGGING_ROUNDS} training sets, sit "
        f"{bias2_bagged:.3f} (mean squared) away from the true function; bagging should not "
        "move the average prediction"
    )


def test_bagging_rejects_fewer_than_one_tree(impl):
    """An ensemble of no trees has nothing to average, so n_estimators=0 raises a ValueError."""
    with pytest.raises(ValueError, match="n_estimators must be at least 1, got 0"):
        impl.BaggedTreesRegressor(n_estimators=0).fit(np.zeros((4, 1)), np.arange(4.0))


def _distinct_rows_reproduced(model, X, y):
    """How many training rows a one-tree, grown-out ensemble predicts exactly (all y differ)."""
    return int(np.sum(model.predict(X) == y))


def test_bagging_fits_each_tree_on_n_rows_drawn_with_replacement(impl, seed):
    """Each tree's bootstrap holds n draws with replacement: about 63.2% of the distinct rows, varying by tree."""
    rng = np.random.default_rng(seed)
    n = 300
    X = rng.uniform(0.0, 6.0, size=(n, 2))
    y = rng.permutation(n).astype(float)

    shares = np.array(
        [
            _distinct_rows_reproduced(
                impl.BaggedTreesRegressor(n_estimators=1, random_state=seed * 100 + k).fit(X, y),
                X,
                y,
            )
            for k in range(30)
        ]
    ) / n

    # A grown-out tree reproduces exactly the rows of its sample. n draws with replacement hold
    # 1 - (1 - 1/n)^n = 0.632 of the rows (spread 0.018 per tree, 0.0033 for the mean of 30), so
    # +-0.02 is six of those; without replacement it is 1.0, and a half-size bootstrap gives 0.39.
    assert 0.612 <= shares.mean() <= 0.652 and shares.std() > 0, (
        f"BaggedTreesRegressor(n_estimators=1) trees reproduced on average {shares.mean():.3f} "
        f"of the {n} training rows (spread {shares.std():.4f}); a bootstrap of n rows with "
        "replacement holds about 0.632 of them, a different share for each seed"
    )


def test_bagging_can_draw_every_row_and_grows_ten_trees_by_default(impl, seed):
    """Every row, the first and the last included, can be drawn into a bootstrap; the default ensemble has 10 trees."""
    X = np.arange(6.0)[:, None]
    y = np.arange(6.0) ** 2

    model = impl.BaggedTreesRegressor(random_state=seed).fit(X, y)

    # A grown-out tree reproduces exactly the rows of its sample. A row is missing from one
    # bootstrap of 6 with probability (5/6)^6 = 0.33, from all 10 with probability 1.6e-5.
    drawn = np.any([tree.predict(X) == y for tree in model.estimators_], axis=0)
    assert len(model.estimators_) == 10, (
        f"BaggedTreesRegressor() grew {len(model.estimators_)} trees; the default is 10"
    )
    assert drawn.all(), (
        f"BaggedTreesRegressor(random_state={seed}) on 6 rows: rows {np.flatnonzero(~drawn)} "
        "were in none of the 10 bootstrap samples; each draw picks any of the n rows"
    )


def test_bagging_predicts_the_mean_of_its_trees_each_of_the_depth_asked(impl, seed):
    """n_estimators trees, none deeper than max_depth, and the prediction is their mean (not a median or a vote)."""
    rng = np.random.default_rng(seed)
    X, y = _additive_data(rng, 100, noise_sd=1.0)
    X_query = rng.uniform(0.0, 6.0, size=(50, 2))

    model = impl.BaggedTreesRegressor(n_estimators=7, max_depth=3, random_state=seed).fit(X, y)

    trees = list(model.estimators_)
    assert len(trees) == 7 and all(tree.get_depth() <= 3 for tree in trees), (
        f"BaggedTreesRegressor(n_estimators=7, max_depth=3) kept {len(trees)} trees of depths "
        f"{[tree.get_depth() for tree in trees]}"
    )
    assert_allclose(
        model.predict(X_query),
        np.mean([tree.predict(X_query) for tree in trees], axis=0),
        rtol=1e-6,
        atol=1e-6,
        err_msg="BaggedTreesRegressor.predict should be the mean of its trees' predictions",
    )


def test_bagging_same_seed_same_predictions_other_seed_other_predictions(impl, seed):
    """random_state fixes the bootstrap draws: the same seed repeats the fit, another seed changes it."""
    rng = np.random.default_rng(seed)
    X, y = _additive_data(rng, 100, noise_sd=1.0)

    first = impl.BaggedTreesRegressor(n_estimators=3, random_state=seed).fit(X, y).predict(X)
    again = impl.BaggedTreesRegressor(n_estimators=3, random_state=seed).fit(X, y).predict(X)
    other = impl.BaggedTreesRegressor(n_estimators=3, random_state=seed + 1).fit(X, y).predict(X)

    assert np.array_equal(first, again), "the same random_state gave different predictions"
    assert not np.array_equal(first, other), (
        f"random_state={seed} and {seed + 1} gave identical predictions; the seed should drive "
        "the bootstrap"
    )


def test_bagging_refit_replaces_the_trees_of_the_first_fit(impl, seed):
    """A second fit starts over: n_estimators trees, predicting as a fresh model fitted on the new data."""
    rng = np.random.default_rng(seed)
    X_first, X_second = rng.uniform(0, 10, (2, 80, 1))
    y_first, y_second = np.sin(X_first[:, 0]), 5.0 + X_second[:, 0]

    model = impl.BaggedTreesRegressor(n_estimators=4, max_depth=3, random_state=seed)
    model.fit(X_first, y_first).fit(X_second, y_second)
    fresh = impl.BaggedTreesRegressor(n_estimators=4, max_depth=3, random_state=seed)
    fresh.fit(X_second, y_second)

    assert len(model.estimators_) == 4, (
        f"after two fits BaggedTreesRegressor(n_estimators=4) holds {len(model.estimators_)} "
        "trees; fit should replace the trees, not add to them"
    )
    assert_allclose(
        model.predict(X_second), fresh.predict(X_second), rtol=1e-12,
        err_msg="a refitted BaggedTreesRegressor predicts differently from a fresh one fitted on "
        "the same data with the same seed; the first fit's trees are still in the average",
    )


def test_bagging_a_stump_does_little(impl, seed):
    """Bagging cuts variance, not bias: five bagged stumps keep most of one stump's error, unlike bagged deep trees."""
    rng = np.random.default_rng(seed)
    X_query = rng.uniform(0.0, 6.0, size=(100, 2))
    truth = 3.0 * np.sin(X_query[:, 0]) + X_query[:, 1]
    errors = {"bagged stumps": [], "stump": [], "bagged trees": []}

    for round_ in range(BAGGING_ROUNDS):
        X, y = _additive_data(rng, 100, noise_sd=1.0)
        state = seed * 1000 + round_
        for name, model in (
            ("bagged stumps", impl.BaggedTreesRegressor(N_TREES, max_depth=1, random_state=state)),
            ("stump", DecisionTreeRegressor(max_depth=1)),
            ("bagged trees", impl.BaggedTreesRegressor(N_TREES, random_state=state)),
        ):
            errors[name].append(np.mean((model.fit(X, y).predict(X_query) - truth) ** 2))

    mse = {name: float(np.mean(values)) for name, values in errors.items()}
    # Measured (seeds 0-99, one query set and 20 training sets each): bagged stumps kept 0.76-0.98
    # of a stump's error (bias² dominates); bagged deep trees, 0.7-0.9 in error, sit far below.
    assert mse["bagged stumps"] >= 0.65 * mse["stump"], (
        f"mean squared error to the true function: {mse}; averaging five stumps cannot remove "
        "their bias, so it should keep at least 65% of one stump's error"
    )
    assert mse["bagged trees"] <= 0.5 * mse["bagged stumps"], (
        f"mean squared error to the true function: {mse}; bagged deep trees should be far more "
        "accurate than bagged stumps (max_depth is passed to every tree)"
    )


# --- Boosting reduces bias -------------------------------------------------------------------


def test_boosting_training_mse_never_rises_from_one_stage_to_the_next(boosted, boosting_data):
    """Each stump fitted to the residuals can only lower the training squared error."""
    X, y, _ = boosting_data

    model = boosted()
    staged = list(model.staged_predict(X))
    stages = [np.mean((y - p) ** 2) for p in staged]

    # A least-squares stump on the residuals, scaled by a rate in (0, 2), always lowers the
    # squared error: this is exact, so the only slack is rounding.
    rises = np.flatnonzero(np.diff(stages) > 1e-12 * stages[0])
    assert len(stages) == N_STAGES, f"staged_predict yielded {len(stages)} stages, not {N_STAGES}"
    assert rises.size == 0, (
        f"training MSE rose after stage(s) {(rises + 1).tolist()[:5]}: "
        f"{np.round(stages, 4).tolist()[:8]}...; fitting each stump to y - prediction should "
        "never make the fit worse"
    )
    # Measured: the training MSE fell from 5.8-7.3 after the first stage to 0.33-0.38.
    assert stages[-1] <= 0.5 * stages[0], (
        f"training MSE went from {stages[0]:.3f} after stage 1 to {stages[-1]:.3f} after stage "
        f"{N_STAGES}; every stage should take a real step down"
    )
    # Values near 0 need an absolute tolerance (seeds 20 and 45 failed a purely relative one).
    assert_allclose(
        model.predict(X),
        staged[-1],
        rtol=1e-12,
        atol=1e-9,
        err_msg="predict(X) should equal the last prediction staged_predict(X) yields",
    )


def test_boosting_reaches_far_lower_training_error_than_one_stump(boosted, boosting_data):
    """Fifty boosted stumps fit the training data far better than a single stump."""
    X, y, _ = boosting_data

    boosted_mse = mean_squared_error(y, boosted().predict(X))

    stump_mse = mean_squared_error(y, DecisionTreeRegressor(max_depth=1).fit(X, y).predict(X))
    # Measured over seeds 0-9: one stump 3.3-4.4, 50 boosted stumps 0.33-0.38 (ratio <= 0.115).
    assert boosted_mse <= 0.25 * stump_mse, (
        f"StumpBoostingRegressor({N_STAGES} stages, rate {LEARNING_RATE}) reached training MSE "
        f"{boosted_mse:.3f}, one stump {stump_mse:.3f}; boosting should remove at least 75% of "
        "the error"
    )


def test_boosting_from_scratch_agrees_with_scikit_learn_at_every_stage_on_the_training_rows(
    boosted, boosting_data
):
    """With squared loss, stumps, the same rate and stage count, every stage matches GradientBoostingRegressor on the training rows."""
    X, y, _ = boosting_data

    staged = np.array(list(boosted().staged_predict(X)))

    reference = GradientBoostingRegressor(
        loss="squared_error",
        n_estimators=N_STAGES,
        learning_rate=LEARNING_RATE,
        max_depth=1,
        random_state=0,
    ).fit(X, y)
    # Compared on the training rows: any threshold inside the gap between two training values
    # (scikit-learn's midpoint, or the left value) is the same least-squares stump there, while on
    # fresh points they differ. Measured differences were below 1e-14.
    assert_allclose(
        staged,
        np.array(list(reference.staged_predict(X))),
        rtol=0,
        atol=1e-8,
        err_msg=f"StumpBoostingRegressor({N_STAGES}, {LEARNING_RATE}).staged_predict(X_train) "
        "against GradientBoostingRegressor(max_depth=1): start from the mean of y, fit each stump "
        "to the residuals, and scale every stump by the learning rate",
    )


def test_boosting_with_many_stages_overfits_and_early_stopping_finds_the_turn(impl, seed):
    """On 20 noisy rows, validation error falls then rises with the stages; the stage it picks beats the last on new data, and a smaller rate overfits less."""
    rng = np.random.default_rng(seed)
    X_val, y_val = _additive_data(rng, 2000, noise_sd=2.0)
    X_test, y_test = _additive_data(rng, 2000, noise_sd=2.0)
    val, test, slow_test = np.zeros(OVERFIT_STAGES), np.zeros(OVERFIT_STAGES), 0.0

    # Summed over four training sets, so that one lucky draw cannot hide the trend.
    for _ in range(4):
        X, y = _additive_data(rng, 20, noise_sd=2.0)
        fast = impl.StumpBoostingRegressor(n_estimators=OVERFIT_STAGES, learning_rate=1.0).fit(X, y)
        slow = impl.StumpBoostingRegressor(n_estimators=OVERFIT_STAGES, learning_rate=0.1).fit(X, y)
        val += [np.mean((y_val - p) ** 2) for p in fast.staged_predict(X_val)]
        test += [np.mean((y_test - p) ** 2) for p in fast.staged_predict(X_test)]
        slow_test += np.mean((y_test - slow.predict(X_test)) ** 2)

    stop = int(np.argmin(val))
    # Measured over seeds 0-99: the summed validation curve was lowest at stage 1-33 of 100, at
    # most 0.9865 of its last value (seed 90, bound 0.995); the test error there was at most
    # 0.9922 of the last stage's (seed 90, bound 0.999: early stopping never lost); rate 0.1 ended
    # at 0.59-0.933 of rate 1.0's test error. A correct stump that splits at the left value of
    # each gap (tests/alternatives) measured 0.980, 0.965 and 0.54-0.9604 (seed 0) for the three
    # ratios, hence the rate bound 0.98. An ignored learning rate gives 1.0.
    assert val[stop] <= 0.995 * val[-1] and stop < 60, (
        f"summed validation MSE is lowest at stage {stop + 1} ({val[stop]:.3f}) and ends at "
        f"{val[-1]:.3f}; boosting {OVERFIT_STAGES} stumps at rate 1.0 on 20 noisy rows should "
        "overfit, so the curve turns well before the end"
    )
    assert test[stop] <= 0.999 * test[-1], (
        f"on new data the early-stopped models (stage {stop + 1}) score {test[stop]:.3f} and the "
        f"last stage {test[-1]:.3f}; stopping where validation turned should do better"
    )
    assert slow_test <= 0.98 * test[-1], (
        f"after {OVERFIT_STAGES} stages the summed test MSE is {slow_test:.3f} at rate 0.1 and "
        f"{test[-1]:.3f} at rate 1.0; the larger rate fits the noise sooner"
    )


def test_boosting_defaults_are_100_stages_at_rate_0_1_and_one_stage_is_allowed(impl, boosting_data):
    """StumpBoostingRegressor() is 100 stages at learning rate 0.1, and n_estimators=1 (one stump) is a valid model."""
    X, y, _ = boosting_data

    default = impl.StumpBoostingRegressor().fit(X, y)
    one = impl.StumpBoostingRegressor(n_estimators=1, learning_rate=0.5).fit(X, y)

    stages = list(default.staged_predict(X))
    peer = GradientBoostingRegressor(
        n_estimators=100, learning_rate=0.1, max_depth=1, random_state=0
    ).fit(X, y)
    assert len(stages) == 100, f"StumpBoostingRegressor() gave {len(stages)} stages, not 100"
    assert_allclose(
        default.predict(X), peer.predict(X), rtol=1e-9, atol=1e-9,
        err_msg="StumpBoostingRegressor() on the training rows should match 100 stumps at "
        "learning rate 0.1 (scikit-learn's GradientBoostingRegressor with max_depth=1)",
    )
    single = DecisionTreeRegressor(max_depth=1).fit(X, y - y.mean())
    assert_allclose(
        one.predict(X), y.mean() + 0.5 * single.predict(X), rtol=1e-9, atol=1e-9,
        err_msg="StumpBoostingRegressor(n_estimators=1, learning_rate=0.5) should be the mean of y "
        "plus half of one stump fitted to the residuals",
    )


def test_cross_validated_accuracy_uses_five_folds_by_default(impl, seed):
    """Without cv, five clones are fitted and the five validation folds together hold every row once."""
    labels = np.array(["a", "b"] * 20)
    X = np.column_stack([np.arange(40), np.zeros(40)]).astype(float)
    spy = type("RecordingClassifier", (_RecordingClassifier,), {"log": []})()

    impl.cross_validated_accuracy(spy, X, labels, random_state=seed)

    fits = [rows for kind, rows in type(spy).log if kind == "fit"]
    predicted = [rows for kind, rows in type(spy).log if kind == "predict"]
    assert len(fits) == 5 and sorted(np.concatenate(predicted)) == list(range(40)), (
        f"cross_validated_accuracy(estimator, 40 rows) with the default cv fitted {len(fits)} "
        f"clones and predicted folds of {[len(rows) for rows in predicted]} rows; the default is "
        "five folds that together hold every row once"
    )


@pytest.mark.parametrize("learning_rate", [0.0, -0.1])
def test_boosting_rejects_a_learning_rate_that_is_not_positive(impl, boosting_data, learning_rate):
    """A learning rate of 0 or below cannot move the prediction, so it raises a ValueError."""
    X, y, _ = boosting_data

    with pytest.raises(ValueError, match="learning_rate must be greater than 0"):
        impl.StumpBoostingRegressor(n_estimators=10, learning_rate=learning_rate).fit(X, y)
