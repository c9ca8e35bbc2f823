"""Kata 14, MLOps: every test is one claim from a senior answer, stated in its docstring.

The implementation under test arrives as the ``impl`` fixture (see the root conftest.py). The tools
are real: MLflow writes to a SQLite file and DVC to a git repository, both under pytest's temporary
directory, with no server and no network.
"""

import contextlib
import functools
import hashlib
import importlib.metadata
import logging
import os
import sqlite3
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

import diskcache
import mlflow
import mlflow.pyfunc
import mlflow.sklearn
import numpy as np
import pytest
import sklearn
import sqlalchemy
import yaml
from mlflow import MlflowClient
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, log_loss, recall_score, roc_auc_score
from sklearn.model_selection import train_test_split

# The contract's names (mlops.TRAINING_DATA_TAG, CHAMPION_ALIAS), spelt out as the tests read them.
TRAINING_DATA_TAG = "training_data_sha256"
CHAMPION = "champion"
STUMP = {"n_estimators": 1, "max_depth": 1}
# What loading a pickled (or skops) scikit-learn forest can need; anything else is not the model's.
MODEL_PACKAGES = {
    "scikit-learn", "numpy", "scipy", "joblib", "threadpoolctl", "cloudpickle", "mlflow",
    "mlflow-skinny", "skops",
}
FOREST = {"n_estimators": 30, "max_depth": 5}

pytestmark = [
    # Deprecations inside MLflow's and DVC's own dependencies, not in code a learner writes.
    pytest.mark.filterwarnings("ignore:The ``noload`` loader strategy is deprecated"),
    pytest.mark.filterwarnings("ignore:_NoneStep.value will soon raise AttributeError"),
]


# --- The environment: private, quiet, offline ---------------------------------------------------


def _no_fsync(dbapi_connection, _record):
    """A throwaway store needs no durability; skipping fsync makes SQLite writes far cheaper."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.execute("PRAGMA journal_mode=MEMORY")
    cursor.close()


@contextlib.contextmanager
def _sqlite_without_fsync():
    listening = sqlalchemy.event.contains(sqlalchemy.engine.Engine, "connect", _no_fsync)
    if not listening:
        sqlalchemy.event.listen(sqlalchemy.engine.Engine, "connect", _no_fsync)
    try:
        yield
    finally:
        if not listening:
            sqlalchemy.event.remove(sqlalchemy.engine.Engine, "connect", _no_fsync)


@functools.cache
def _migrated_store(cache_dir: Path | None) -> bytes:
    """An empty MLflow database with every schema migration applied (about half a second of work).

    Built once per process, and kept in pytest's cache directory (per MLflow version) when there
    is one, so later runs only copy it.
    """
    cached = cache_dir / f"mlflow-{mlflow.__version__}.db" if cache_dir else None
    if cached and cached.is_file():
        return cached.read_bytes()
    from mlflow.store.tracking.sqlalchemy_store import SqlAlchemyStore

    with tempfile.TemporaryDirectory() as scratch, _sqlite_without_fsync():
        path = Path(scratch) / "mlflow.db"
        SqlAlchemyStore(f"sqlite:///{path}", Path(scratch).as_uri()).engine.dispose()
        content = path.read_bytes()
    if cached:
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(content)
        partial.replace(cached)
    return content


@pytest.fixture(scope="module")
def tracking_dir(request, tmp_path_factory, seed):
    """A directory holding a fresh SQLite tracking store (``mlflow.db``) and room for artifacts."""
    cache = getattr(request.config, "cache", None)
    directory = tmp_path_factory.mktemp(f"mlflow-seed{seed}")
    database = directory / "mlflow.db"
    database.write_bytes(_migrated_store(cache.mkdir("14_mlops") if cache else None))
    with contextlib.closing(sqlite3.connect(database)) as connection, connection:
        # The default experiment must not point at the directory the template was built in.
        connection.execute(
            "UPDATE experiments SET artifact_location = ?",
            ((directory / "default-artifacts").as_uri(),),
        )
    return directory


@pytest.fixture(scope="module")
def tracking_uri(tracking_dir):
    return f"sqlite:///{tracking_dir / 'mlflow.db'}"


@pytest.fixture(scope="module", autouse=True)
def offline_and_quiet(tmp_path_factory, tracking_uri):
    """No telemetry, analytics or progress bars, nothing written outside tmp_path, quiet loggers."""
    home = tmp_path_factory.mktemp("tool-home")
    loggers = {name: logging.getLogger(name) for name in ("mlflow", "alembic", "dvc", "dvc_data")}
    levels = {name: logger.level for name, logger in loggers.items()}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR", "false")
        # Code that forgets to name a store still lands in this one, not in ./mlflow.db.
        patch.setenv("MLFLOW_TRACKING_URI", tracking_uri)
        patch.setenv("DVC_NO_ANALYTICS", "1")
        # DVC keeps a site cache (default /var/tmp/dvc) and reads user and system config.
        patch.setenv("DVC_SITE_CACHE_DIR", str(home / "dvc-site-cache"))
        patch.setenv("DVC_GLOBAL_CONFIG_DIR", str(home / "dvc-global"))
        patch.setenv("DVC_SYSTEM_CONFIG_DIR", str(home / "dvc-system"))
        patch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        # DVC's state database is a diskcache (SQLite) in the repository; skip its fsyncs too.
        patch.setitem(diskcache.DEFAULT_SETTINGS, "sqlite_synchronous", 0)
        for logger in loggers.values():
            logger.setLevel(logging.ERROR)
        try:
            with _sqlite_without_fsync():
                yield
        finally:
            for name, logger in loggers.items():
                logger.setLevel(levels[name])
            mlflow.set_tracking_uri(None)


@pytest.fixture(scope="module")
def data(seed):
    """Breast-cancer data with malignant as class 1, split 70/30 with the seed."""
    X, y = load_breast_cancer(return_X_y=True)
    y = 1 - y
    return train_test_split(X, y, test_size=0.3, random_state=seed, stratify=y)


@pytest.fixture(scope="module")
def experiment_id(impl, tracking_uri, tracking_dir):
    return impl.open_experiment(tracking_uri, "kata", tracking_dir / "artifacts")


@pytest.fixture(scope="module")
def runs(impl, experiment_id, data, seed):
    """Three logged runs: a one-split stump, a forest, and the same forest again."""
    X_train, X_test, y_train, y_test = data
    log = functools.partial(impl.train_and_log, X_train, y_train, X_test, y_test)
    return {
        "stump": log(STUMP, experiment_id=experiment_id, random_state=seed),
        "forest": log(FOREST, experiment_id=experiment_id, random_state=seed),
        "forest_again": log(FOREST, experiment_id=experiment_id, random_state=seed),
    }


@pytest.fixture(scope="module")
def data_repo(impl, tmp_path_factory, seed):
    """A git repository with DVC initialised, shared by the DVC tests (each uses its own file)."""
    root = tmp_path_factory.mktemp(f"data-repo-seed{seed}")
    impl.init_data_repo(root)
    return root


def _reference_forest(data, seed):
    X_train, _, y_train, _ = data
    return RandomForestClassifier(**FOREST, random_state=seed).fit(X_train, y_train)


def _local_path(location: str) -> Path:
    """A local artifact location as a resolved path, whether MLflow stored a file:// URI or a path."""
    if location.startswith("file:"):
        location = urllib.request.url2pathname(urllib.parse.urlparse(location).path)
    return Path(location).resolve()


def _decoy_store(request, directory: Path) -> str:
    """A second, empty tracking store that nothing should write to."""
    cache = getattr(request.config, "cache", None)
    database = directory / "decoy.db"
    database.write_bytes(_migrated_store(cache.mkdir("14_mlops") if cache else None))
    return f"sqlite:///{database}"


def _registry_snapshot(name: str) -> list:
    """Every version of a registered model with its source run and aliases."""
    versions = MlflowClient().search_model_versions(f"name = '{name}'")
    return sorted((v.version, v.run_id, tuple(sorted(v.aliases))) for v in versions)


# --- MLflow tracking ---------------------------------------------------------------------------


def test_open_experiment_uses_a_sqlite_store_and_keeps_artifacts_in_the_given_directory(
    impl, tracking_uri, tracking_dir, experiment_id
):
    """The experiment lives in the SQLite file and its artifact location is the directory passed in."""
    experiment = MlflowClient(tracking_uri).get_experiment(experiment_id)

    again = impl.open_experiment(tracking_uri, "kata", tracking_dir / "artifacts")

    assert experiment.name == "kata", f"open_experiment created {experiment.name!r}, not 'kata'"
    # MLflow accepts a file:// URI or a plain absolute path; both name the same directory.
    assert _local_path(experiment.artifact_location) == (tracking_dir / "artifacts").resolve(), (
        f"the experiment stores artifacts at {experiment.artifact_location}; they belong in the "
        "directory passed in, not in ./mlruns of whatever directory the process runs in"
    )
    assert again == experiment_id, (
        f"open_experiment on an existing name returned {again}, not its id {experiment_id}"
    )


def test_train_and_log_records_params_metrics_and_training_data_hash(impl, runs, data, seed):
    """The run holds the params (with the seed), truthful test metrics and the training-data hash tag."""
    X_train, X_test, y_train, y_test = data

    run = MlflowClient().get_run(runs["forest"]["run_id"])

    # Logging more (every get_params() entry, as autolog does) is a fuller record, and allowed.
    expected_params = {key: str(value) for key, value in {**FOREST, "random_state": seed}.items()}
    wrong = {
        key: run.data.params.get(key, "<missing>")
        for key, value in expected_params.items()
        if run.data.params.get(key) != value
    }
    assert not wrong, (
        f"train_and_log(params={FOREST}, random_state={seed}) logged params {run.data.params}; "
        f"these are missing or wrong: {wrong}. The run must name every setting and the seed that "
        "produced the model"
    )
    forest = _reference_forest(data, seed)
    predicted, probability = forest.predict(X_test), forest.predict_proba(X_test)[:, 1]
    expected = {
        "accuracy": accuracy_score(y_test, predicted),
        "recall": recall_score(y_test, predicted),
        "roc_auc": roc_auc_score(y_test, probability),
        "log_loss": log_loss(y_test, probability),
    }
    for name, value in expected.items():
        assert_allclose(
            run.data.metrics.get(name, np.nan),
            value,
            rtol=1e-9,
            err_msg=f"metric {name!r} of the forest run vs the same forest scored on X_test",
        )
    tag = run.data.tags.get(TRAINING_DATA_TAG)
    assert tag == impl.data_fingerprint(X_train, y_train), (
        f"the run's {TRAINING_DATA_TAG!r} tag is {tag!r}; it should be "
        "data_fingerprint(X_train, y_train), so the run names the exact data it learned from"
    )


def test_logged_model_loads_back_and_predicts_identically(impl, runs, data, seed):
    """The model in the store, loaded as scikit-learn or as pyfunc, predicts what the forest predicts."""
    _, X_test, _, _ = data
    model_uri = runs["forest"]["model_uri"]

    loaded = mlflow.sklearn.load_model(model_uri)
    as_pyfunc = mlflow.pyfunc.load_model(model_uri)

    forest = _reference_forest(data, seed)
    assert_array_equal(
        loaded.predict_proba(X_test),
        forest.predict_proba(X_test),
        err_msg=f"mlflow.sklearn.load_model({model_uri!r}).predict_proba differs from the forest",
    )
    assert_array_equal(np.asarray(as_pyfunc.predict(X_test)), forest.predict(X_test))
    assert as_pyfunc.metadata.signature is not None, (
        "the logged model has no signature; the serving side then cannot check its inputs"
    )


def test_logged_model_carries_a_signature_of_its_inputs_and_outputs(runs, data):
    """The logged model's signature describes the 30 feature columns it takes and the label it returns."""
    X_train = data[0]

    signature = mlflow.models.get_model_info(runs["forest"]["model_uri"]).signature

    assert signature is not None and signature.inputs is not None, (
        "the logged model has no input signature; log it with infer_signature(X, predictions)"
    )
    input_shape = signature.inputs.to_dict()
    described = sum(
        int(np.prod([dim for dim in spec.get("tensor-spec", {}).get("shape", [1]) if dim != -1]))
        for spec in input_shape
    )
    assert described == X_train.shape[1], (
        f"the input signature {input_shape} describes {described} feature(s); the model takes "
        f"{X_train.shape[1]}"
    )
    assert signature.outputs is not None, (
        f"the logged model's signature has inputs but no outputs ({signature}); infer it from the "
        "model's predictions too"
    )


def test_logged_model_pins_its_requirements_instead_of_inferring_them(runs):
    """The model's requirements name the running scikit-learn version, given explicitly (fast, exact)."""
    model_uri = runs["forest"]["model_uri"]

    requirements = Path(mlflow.pyfunc.get_model_dependencies(model_uri)).read_text().split()

    assert f"scikit-learn=={sklearn.__version__}" in requirements, (
        f"the logged model's requirements.txt says {requirements}; it should pin "
        f"scikit-learn=={sklearn.__version__}, the version that trained it"
    )
    loose = [line for line in requirements if "==" not in line]
    assert not loose, (
        f"requirements.txt lists {requirements}; {loose} are not pinned, so a later install may "
        "load the model with other versions than the ones that trained it"
    )
    pins = dict(line.split("==", 1) for line in requirements)
    unused = sorted(set(pins) - MODEL_PACKAGES)
    assert not unused, (
        f"requirements.txt lists {requirements}; {unused} are not needed to load a scikit-learn "
        f"forest (expected a subset of {sorted(MODEL_PACKAGES)})"
    )
    stale = {
        name: version
        for name, version in pins.items()
        if version != importlib.metadata.version(name)
    }
    assert not stale, f"requirements.txt pins {stale}, which are not the installed versions"


def test_same_params_and_seed_log_identical_metrics(runs):
    """Two runs with the same params and random_state log exactly the same metrics."""
    client = MlflowClient()

    first = client.get_run(runs["forest"]["run_id"]).data.metrics
    second = client.get_run(runs["forest_again"]["run_id"]).data.metrics

    assert first == second, (
        f"two runs of train_and_log({FOREST}) with one random_state logged {first} and {second}; "
        "the seed must reach the model, or no run can be reproduced"
    )
    assert runs["forest"]["run_id"] != runs["forest_again"]["run_id"], "each call is its own run"


def test_best_run_is_found_with_search_runs(impl, experiment_id, runs):
    """best_run returns a run with the highest accuracy in the experiment, not the first or the worst."""
    client = MlflowClient()
    accuracy = {
        name: client.get_run(run["run_id"]).data.metrics["accuracy"] for name, run in runs.items()
    }

    best = impl.best_run(experiment_id, metric="accuracy")

    winners = {
        runs[name]["run_id"] for name, value in accuracy.items() if value == max(accuracy.values())
    }
    assert best in winners, (
        f"best_run(experiment, 'accuracy') returned {best}; accuracies are {accuracy}, so it "
        f"should be one of {sorted(winners)} (search_runs sorts ascending unless told DESC)"
    )


def test_logged_model_files_land_in_the_artifact_directory_not_the_working_directory(
    runs, tracking_dir
):
    """The logged model's files are written under the artifact directory given, and no ./mlruns appears."""
    artifact_dir = tracking_dir / "artifacts"

    model_files = sorted(artifact_dir.rglob("MLmodel")) if artifact_dir.is_dir() else []

    assert model_files, (
        f"no MLmodel file under {artifact_dir} after logging three runs; the experiment's "
        "artifact location must be the directory passed to open_experiment"
    )
    assert not (Path.cwd() / "mlruns").exists(), (
        f"{Path.cwd() / 'mlruns'} exists: artifacts went to the working directory"
    )


def test_best_run_searches_only_its_own_experiment(impl, experiment_id, runs, tracking_dir):
    """A better run in another experiment of the same store is not returned for this experiment."""
    client = MlflowClient()
    other = client.get_experiment_by_name("elsewhere") or client.get_experiment(
        client.create_experiment("elsewhere", artifact_location=(tracking_dir / "x").as_uri())
    )
    outsider = client.create_run(other.experiment_id)
    client.log_metric(outsider.info.run_id, "accuracy", 1.5)
    client.set_terminated(outsider.info.run_id)
    own = {run["run_id"] for run in runs.values()}

    best = impl.best_run(experiment_id, metric="accuracy")

    assert best in own, (
        f"best_run({experiment_id!r}) returned {best}, a run of experiment 'elsewhere' with "
        "accuracy 1.5; search the experiment asked for, not the whole store"
    )


def test_best_run_ranks_by_the_metric_not_by_recency_and_defaults_to_accuracy(impl, tracking_dir):
    """Of runs with accuracy 0.7, 0.9 and 0.8 (logged in that order, then one without it), the 0.9 run is best."""
    client = MlflowClient()
    experiment = client.get_experiment_by_name("ranking") or client.get_experiment(
        client.create_experiment("ranking", artifact_location=(tracking_dir / "r").as_uri())
    )
    logged = {}
    in_logging_order = [{"accuracy": 0.7}, {"accuracy": 0.9}, {"accuracy": 0.8}, {"recall": 1.0}]
    for order, metrics in enumerate(in_logging_order):
        run = client.create_run(experiment.experiment_id, start_time=1_000 * (order + 1))
        for key, value in metrics.items():
            client.log_metric(run.info.run_id, key, value)
        client.set_terminated(run.info.run_id, end_time=1_000 * (order + 1) + 500)
        logged[tuple(metrics.items())] = run.info.run_id

    best = impl.best_run(experiment.experiment_id)

    assert best == logged[(("accuracy", 0.9),)], (
        f"best_run({experiment.experiment_id!r}) returned {best}; the runs logged accuracies "
        "0.7, 0.9 and 0.8 (the newest last, then a run without accuracy), so the best is the 0.9 "
        "run. Order the search by the metric, descending; 'accuracy' is the default metric"
    )


def test_best_run_raises_when_no_run_logged_the_metric(impl, experiment_id, runs):
    """Asking for a metric that no run of the experiment logged ('f1') raises a ValueError naming it."""
    with pytest.raises(ValueError) as raised:
        impl.best_run(experiment_id, metric="f1")

    assert "f1" in str(raised.value), (
        f"best_run(experiment, metric='f1') raised ValueError({str(raised.value)!r}); the message "
        "should name the metric nobody logged"
    )


def test_open_experiment_sends_runs_to_the_given_store_not_the_environments(
    impl, request, tracking_uri, tracking_dir, data, seed, monkeypatch
):
    """With MLFLOW_TRACKING_URI naming a decoy store, runs still go to the store passed to open_experiment."""
    X_train, X_test, y_train, y_test = data
    decoy_uri = _decoy_store(request, tracking_dir)
    monkeypatch.setenv("MLFLOW_TRACKING_URI", decoy_uri)
    mlflow.set_tracking_uri(None)  # as in a fresh process: only the environment names a store

    try:
        experiment_id = impl.open_experiment(tracking_uri, "decoy_check", tracking_dir / "artifacts")
        run = impl.train_and_log(
            X_train, y_train, X_test, y_test, STUMP, experiment_id=experiment_id, random_state=seed
        )
    finally:
        mlflow.set_tracking_uri(tracking_uri)

    decoy = MlflowClient(decoy_uri)
    decoy_runs = decoy.search_runs([e.experiment_id for e in decoy.search_experiments()])
    assert not decoy_runs and decoy.get_experiment_by_name("decoy_check") is None, (
        f"open_experiment({tracking_uri!r}, ...) with MLFLOW_TRACKING_URI={decoy_uri!r}: the "
        f"decoy store received {len(decoy_runs)} run(s); the URI passed in must be the one used"
    )
    assert MlflowClient(tracking_uri).get_run(run["run_id"]).info.experiment_id == experiment_id


# --- The quality gate ------------------------------------------------------------------------


def _accuracy_and_recall(run):
    metrics = MlflowClient().get_run(run["run_id"]).data.metrics
    return metrics["accuracy"], metrics["recall"]


def test_promote_if_better_makes_the_first_passing_model_champion(impl, runs):
    """With no champion yet, a candidate that passes the guardrail becomes version 1 and champion."""
    name = "first_champion"

    result = impl.promote_if_better(runs["stump"]["run_id"], name, guardrail_min=0.0)

    champion = MlflowClient().get_model_version_by_alias(name, CHAMPION)
    assert result["promoted"] is True and result["version"] == "1", (
        f"promote_if_better(stump, {name!r}) returned {result}; the first model that passes the "
        "guardrail has no champion to beat and should become version 1"
    )
    assert champion.run_id == runs["stump"]["run_id"], "the champion alias points at another run"


def test_promote_if_better_moves_the_champion_when_the_margin_and_guardrail_pass(impl, runs):
    """A forest that beats the stump champion by more than the margin becomes version 2 and champion."""
    name = "clear_winner"
    impl.promote_if_better(runs["stump"]["run_id"], name, guardrail_min=0.0)
    stump_accuracy, _ = _accuracy_and_recall(runs["stump"])
    forest_accuracy, forest_recall = _accuracy_and_recall(runs["forest"])
    # Over seeds 0-99 the forest beat the stump by 0.012 to 0.187 accuracy (2 to 32 of 171 test
    # rows). The margin and the guardrail come from the measured numbers, so only "the forest
    # wins at all" must hold.
    margin = (forest_accuracy - stump_accuracy) / 2

    result = impl.promote_if_better(
        runs["forest"]["run_id"], name, margin=margin, guardrail_min=forest_recall - 0.01
    )

    champion = MlflowClient().get_model_version_by_alias(name, CHAMPION)
    assert result["promoted"] is True and result["version"] == "2", (
        f"the forest ({forest_accuracy:.4f}) beats the stump ({stump_accuracy:.4f}) by more than "
        f"the margin {margin:.4f} and passes the guardrail; promote_if_better returned {result}"
    )
    assert str(champion.version) == "2" and champion.run_id == runs["forest"]["run_id"], (
        f"the champion alias points at version {champion.version} of run {champion.run_id}"
    )


def test_promote_if_better_leaves_the_registry_unchanged_below_the_margin(impl, runs):
    """A forest that beats the champion by less than the margin registers nothing and moves no alias."""
    name = "narrow_winner"
    impl.promote_if_better(runs["stump"]["run_id"], name, guardrail_min=0.0)
    stump_accuracy, _ = _accuracy_and_recall(runs["stump"])
    forest_accuracy, _ = _accuracy_and_recall(runs["forest"])
    margin = forest_accuracy - stump_accuracy + 0.01
    before = _registry_snapshot(name)

    result = impl.promote_if_better(
        runs["forest"]["run_id"], name, margin=margin, guardrail_min=0.0
    )

    after = _registry_snapshot(name)
    assert result["promoted"] is False and result["version"] is None, (
        f"the forest beats the champion by {forest_accuracy - stump_accuracy:.4f}, less than the "
        f"margin {margin:.4f}; promote_if_better returned {result}"
    )
    assert after == before, (
        f"a rejected candidate changed the registry from {before} to {after}; the gate must be "
        "checked before anything is registered"
    )


def test_promote_if_better_leaves_the_registry_unchanged_when_the_guardrail_fails(impl, runs):
    """A forest that wins on accuracy but misses the recall guardrail registers nothing."""
    name = "guardrail_breach"
    impl.promote_if_better(runs["stump"]["run_id"], name, guardrail_min=0.0)
    _, forest_recall = _accuracy_and_recall(runs["forest"])
    before = _registry_snapshot(name)

    result = impl.promote_if_better(
        runs["forest"]["run_id"], name, margin=0.0, guardrail_min=forest_recall + 0.01
    )

    after = _registry_snapshot(name)
    assert result["promoted"] is False, (
        f"the forest's recall {forest_recall:.4f} is below the guardrail {forest_recall + 0.01:.4f}; "
        f"promote_if_better returned {result}"
    )
    assert after == before, f"a candidate that failed the guardrail changed {before} to {after}"


def test_promote_if_better_applies_the_guardrail_to_the_first_model_too(impl, runs):
    """With no champion yet, a candidate below the guardrail is not registered at all."""
    name = "first_below_guardrail"
    _, stump_recall = _accuracy_and_recall(runs["stump"])

    result = impl.promote_if_better(
        runs["stump"]["run_id"], name, margin=0.0, guardrail_min=stump_recall + 0.01
    )

    registered = MlflowClient().search_registered_models(filter_string=f"name = '{name}'")
    assert result["promoted"] is False and result["version"] is None, (
        f"the stump's recall {stump_recall:.4f} is below the guardrail {stump_recall + 0.01:.4f}; "
        f"promote_if_better returned {result}. Having no champion waives the margin, not the guardrail"
    )
    assert not registered, f"a candidate that failed the guardrail registered {registered}"


def test_promote_if_better_promotes_a_candidate_that_beats_the_champion_by_exactly_the_margin(
    impl, runs
):
    """'At least the margin' includes the margin itself: an equal model passes a margin of 0."""
    name = "exactly_the_margin"
    impl.promote_if_better(runs["forest"]["run_id"], name, guardrail_min=0.0)

    result = impl.promote_if_better(
        runs["forest_again"]["run_id"], name, margin=0.0, guardrail_min=0.0
    )

    assert result["promoted"] is True and result["version"] == "2", (
        "the candidate's accuracy equals the champion's and the margin is 0, so it beats the "
        f"champion by at least the margin; promote_if_better returned {result}"
    )


def test_promote_if_better_passes_a_guardrail_met_exactly(impl, runs):
    """'At least guardrail_min' includes the value itself: recall equal to the guardrail passes."""
    name = "guardrail_met_exactly"
    _, forest_recall = _accuracy_and_recall(runs["forest"])

    result = impl.promote_if_better(runs["forest"]["run_id"], name, guardrail_min=forest_recall)

    assert result["promoted"] is True and result["version"] == "1", (
        f"the forest's recall {forest_recall!r} equals guardrail_min; promote_if_better returned "
        f"{result}. The guardrail is a floor the candidate may stand on"
    )


def test_promote_if_better_rejects_a_run_without_the_metric_and_registers_nothing(impl, runs):
    """Gating on a metric the run never logged ('f1') raises a ValueError naming it, and registers nothing."""
    name = "missing_metric"

    with pytest.raises(ValueError) as raised:
        impl.promote_if_better(runs["forest"]["run_id"], name, metric="f1", guardrail_min=0.0)

    assert "f1" in str(raised.value), (
        f"promote_if_better(..., metric='f1') raised ValueError({str(raised.value)!r}); the "
        "message should name the metric the run lacks"
    )
    assert not MlflowClient().search_registered_models(filter_string=f"name = '{name}'")


def _scored_run(experiment_id: str, accuracy: float, recall: float) -> str:
    """A run with the given gate metrics and a small logged model that can be registered."""
    model = RandomForestClassifier(n_estimators=1, max_depth=1, random_state=0).fit(
        [[0.0], [1.0]], [0, 1]
    )
    with mlflow.start_run(experiment_id=experiment_id) as run:
        mlflow.log_metrics({"accuracy": accuracy, "recall": recall})
        mlflow.sklearn.log_model(
            model,
            name="model",
            pip_requirements=[f"scikit-learn=={sklearn.__version__}"],
            serialization_format="pickle",
        )
    return run.info.run_id


def test_promote_if_better_defaults_to_a_0_01_accuracy_margin_and_a_0_9_recall_floor(
    impl, tracking_dir
):
    """With the defaults, recall 0.85 is refused and 0.95 promoted; then +0.005 accuracy is refused and +0.02 promoted, each with a reason."""
    client = MlflowClient()
    experiment = client.get_experiment_by_name("gate_defaults") or client.get_experiment(
        client.create_experiment("gate_defaults", artifact_location=(tracking_dir / "g").as_uri())
    )
    name = "gate_defaults"
    steps = [
        ("recall 0.85, no champion", 0.80, 0.85, False),
        ("recall 0.95, no champion", 0.80, 0.95, True),
        ("accuracy +0.005 over the champion", 0.805, 0.95, False),
        ("accuracy +0.02 over the champion", 0.82, 0.95, True),
    ]

    results = []
    for label, accuracy, recall, _ in steps:
        run_id = _scored_run(experiment.experiment_id, accuracy, recall)
        results.append((label, impl.promote_if_better(run_id, name)))

    outcomes = [(label, result["promoted"]) for label, result in results]
    expected = [(label, promoted) for label, _, _, promoted in steps]
    assert outcomes == expected, (
        f"promote_if_better(run, {name!r}) with its default margin and guardrail decided "
        f"{outcomes}; the defaults are metric='accuracy', margin=0.01, "
        "guardrail_metric='recall' and guardrail_min=0.9"
    )
    for label, result in results:
        reason = result.get("reason")
        assert isinstance(reason, str) and reason.strip(), (
            f"promote_if_better ({label}) returned {result}; every decision, promoted or not, "
            "carries a sentence saying why"
        )


def test_promote_if_better_compares_with_the_champion_alias_not_the_newest_version(impl, runs):
    """After a rollback moves the champion alias back to version 1, a candidate is measured against version 1."""
    name = "after_rollback"
    stump_accuracy, _ = _accuracy_and_recall(runs["stump"])
    forest_accuracy, _ = _accuracy_and_recall(runs["forest"])
    # The forest beats the stump at every seed in 0-99 (see the test above), so half the gap
    # is a margin the forest clears against the stump and cannot clear against itself.
    margin = (forest_accuracy - stump_accuracy) / 2
    impl.promote_if_better(runs["stump"]["run_id"], name, guardrail_min=0.0)
    impl.promote_if_better(runs["forest"]["run_id"], name, margin=margin, guardrail_min=0.0)
    MlflowClient().set_registered_model_alias(name, CHAMPION, "1")

    result = impl.promote_if_better(
        runs["forest_again"]["run_id"], name, margin=margin, guardrail_min=0.0
    )

    champion = MlflowClient().get_model_version_by_alias(name, CHAMPION)
    assert result["promoted"] is True and result["version"] == "3", (
        f"the champion alias was rolled back to version 1 (the stump, {stump_accuracy:.4f}); the "
        f"candidate ({forest_accuracy:.4f}) beats it by more than {margin:.4f}, yet "
        f"promote_if_better returned {result}. Compare with the champion, not the newest version"
    )
    assert str(champion.version) == "3", f"the champion alias points at version {champion.version}"


# --- The data fingerprint --------------------------------------------------------------------


def test_data_fingerprint_changes_with_any_value_label_or_shape(impl, rng):
    """Equal data hashes equal; a changed feature, a flipped or swapped label, reordered rows or a reshape changes the hash."""
    X = rng.normal(size=(40, 3))
    y = rng.integers(0, 2, size=40)
    flipped = y.copy()
    flipped[7] = 1 - flipped[7]
    nudged = X.copy()
    nudged[3, 1] += 1e-9
    swapped = y.copy()
    first_one, first_zero = np.flatnonzero(y == 1)[0], np.flatnonzero(y == 0)[0]
    swapped[[first_one, first_zero]] = swapped[[first_zero, first_one]]
    order = rng.permutation(len(y))

    digest = impl.data_fingerprint(X, y)

    assert digest == impl.data_fingerprint(np.asfortranarray(X.copy()), y.copy()), (
        "the same values in another memory layout gave another fingerprint"
    )
    changed = {
        "a flipped label": impl.data_fingerprint(X, flipped),
        "a feature nudged by 1e-9": impl.data_fingerprint(nudged, y),
        "X reshaped to (20, 6) with y cut to 20 rows": impl.data_fingerprint(
            X.reshape(20, 6), y[:20]
        ),
        "X reshaped to (40, 3) as float32": impl.data_fingerprint(X.astype(np.float32), y),
        "two labels swapped between rows": impl.data_fingerprint(X, swapped),
        "the rows shuffled together": impl.data_fingerprint(X[order], y[order]),
    }
    same = [what for what, other in changed.items() if other == digest]
    assert not same, f"data_fingerprint did not change for {same}; a run must name its exact data"


# --- DVC ---------------------------------------------------------------------------------------


def _write_csv(path: Path, rng, rows: int = 50) -> bytes:
    values = rng.normal(size=(rows, 3)).round(6)
    text = "a,b,c\n" + "\n".join(",".join(map(str, row)) for row in values) + "\n"
    path.write_text(text)
    return path.read_bytes()


def test_dvc_add_writes_a_dvc_file_whose_md5_equals_the_files(impl, data_repo, rng):
    """After dvc add, the .dvc file records the file's md5, the cache holds it, and git ignores it."""
    content = _write_csv(data_repo / "added.csv", rng)

    md5 = impl.track_data(data_repo, "added.csv")

    expected = hashlib.md5(content).hexdigest()
    record = yaml.safe_load((data_repo / "added.csv.dvc").read_text())
    assert md5 == expected == record["outs"][0]["md5"], (
        f"track_data returned {md5!r} and added.csv.dvc records {record['outs'][0]['md5']!r}; the "
        f"file's md5 is {expected!r}"
    )
    cached = data_repo / ".dvc" / "cache" / "files" / "md5" / expected[:2] / expected[2:]
    assert cached.read_bytes() == content, f"the DVC cache has no copy of the data at {cached}"
    assert "/added.csv" in (data_repo / ".gitignore").read_text().split(), (
        "DVC should add the data file to .gitignore so git tracks only the small .dvc file"
    )


def test_dvc_status_reports_changed_and_deleted_data(impl, data_repo, rng):
    """dvc status is silent about tracked data that is unchanged and names it once modified or deleted."""
    path = data_repo / "watched.csv"
    _write_csv(path, rng)
    impl.track_data(data_repo, path)
    clean = impl.data_status(data_repo)

    with path.open("a") as file:
        file.write("9,9,9\n")
    modified = impl.data_status(data_repo)
    path.unlink()
    deleted = impl.data_status(data_repo)

    assert "watched.csv" not in clean, f"data_status right after dvc add returned {clean}"
    assert modified.get("watched.csv") == "modified", (
        f"after appending a row to watched.csv, data_status returned {modified}"
    )
    assert deleted.get("watched.csv") == "deleted", (
        f"after deleting watched.csv, data_status returned {deleted}"
    )


def test_dvc_status_names_a_file_in_a_subfolder_by_its_path_from_the_repository(
    impl, data_repo, rng, monkeypatch
):
    """A tracked data/train.csv is reported as 'data/train.csv', from outside the repository and from inside data/."""
    folder = data_repo / "data"
    folder.mkdir(exist_ok=True)
    path = folder / "train.csv"
    _write_csv(path, rng)
    impl.track_data(data_repo, "data/train.csv")
    with path.open("a") as file:
        file.write("1,2,3\n")

    from_outside = impl.data_status(data_repo)
    monkeypatch.chdir(folder)
    from_inside = impl.data_status(data_repo)

    for where, status in (("outside the repository", from_outside), ("data/", from_inside)):
        assert status.get("data/train.csv") == "modified", (
            f"after editing data/train.csv, data_status run from {where} returned {status}; the "
            "key is the path from the repository root, whatever the working directory"
        )
        assert len(status) == len(from_outside), f"data_status from {where} returned {status}"


def test_dvc_checkout_restores_a_modified_and_a_deleted_file(impl, data_repo, rng):
    """dvc checkout puts back the tracked bytes after the file is overwritten, and after it is deleted."""
    path = data_repo / "restored.csv"
    content = _write_csv(path, rng)
    impl.track_data(data_repo, path)

    path.write_text("someone overwrote the training data\n")
    impl.restore_data(data_repo)
    after_edit = path.read_bytes()
    path.unlink()
    impl.restore_data(data_repo)
    after_delete = path.read_bytes() if path.exists() else None

    assert after_edit == content, "restore_data did not undo an edit to restored.csv"
    assert after_delete == content, "restore_data did not bring back the deleted restored.csv"
    assert "restored.csv" not in impl.data_status(data_repo), "status still reports a change"


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make_uri",
    [
        lambda tmp_path: str(tmp_path / "mlruns"),
        lambda tmp_path: (tmp_path / "mlruns").as_uri(),
        lambda tmp_path: "http://127.0.0.1:9/",
    ],
    ids=["plain-directory", "file-uri", "http-server"],
)
def test_open_experiment_rejects_a_tracking_uri_that_is_not_a_database(impl, tmp_path, make_uri):
    """A directory, a file:// URI or a server URL is not a database URI; open_experiment says to use sqlite:///."""
    uri = make_uri(tmp_path)

    with pytest.raises(ValueError, match="is not a database URI; use e.g. sqlite:///"):
        impl.open_experiment(uri, "kata", tmp_path / "artifacts")


def test_train_and_log_rejects_an_unknown_parameter(impl, experiment_id, data):
    """A misspelt parameter raises a ValueError naming it, before any run is started."""
    X_train, X_test, y_train, y_test = data

    with pytest.raises(
        ValueError, match=r"RandomForestClassifier has no parameter\(s\) \['n_trees'\]"
    ):
        impl.train_and_log(
            X_train, y_train, X_test, y_test, {"n_trees": 10}, experiment_id=experiment_id
        )


def test_promote_if_better_rejects_a_negative_margin(impl, runs):
    """A negative margin would promote worse models; promote_if_better refuses it."""
    with pytest.raises(ValueError, match="margin must be >= 0, got -0.1"):
        impl.promote_if_better(runs["stump"]["run_id"], "negative_margin", margin=-0.1)


def test_init_data_repo_switches_dvc_analytics_off(impl, data_repo):
    """The repository's DVC config says core.analytics = false, so DVC never phones home."""
    from dvc.repo import Repo

    with Repo(str(data_repo)) as repo:
        analytics = repo.config["core"].get("analytics", True)

    assert analytics is False, (
        f"{data_repo}/.dvc/config leaves core.analytics at {analytics!r}; init_data_repo must turn "
        "it off (dvc config core.analytics false)"
    )


def test_open_experiment_accepts_a_sqlite_uri_with_a_driver(impl, tracking_uri, tracking_dir):
    """sqlite+pysqlite:/// names the same SQLite store, and open_experiment finds the experiment in it."""
    with_driver = tracking_uri.replace("sqlite:///", "sqlite+pysqlite:///", 1)
    expected = MlflowClient(tracking_uri).get_experiment_by_name("kata")

    try:
        found = impl.open_experiment(with_driver, "kata", tracking_dir / "artifacts")
    finally:
        mlflow.set_tracking_uri(tracking_uri)

    assert expected is not None and found == expected.experiment_id, (
        f"open_experiment({with_driver!r}, 'kata', ...) returned {found}; it names the same store, "
        f"where 'kata' has id {expected and expected.experiment_id}"
    )


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda impl, root: impl.data_fingerprint(np.zeros((7, 2)), np.zeros(5)), ["7", "5"]),
        (lambda impl, root: impl.track_data(root, "never_written.csv"), ["never_written.csv"]),
        (lambda impl, root: impl.init_data_repo(root / "no_such_folder"), ["no_such_folder"]),
    ],
    ids=["rows-and-labels-differ", "missing-data-file", "missing-folder"],
)
def test_bad_input_raises_a_value_error_that_names_it(impl, data_repo, call, named):
    """Mismatched rows and labels, a data file that does not exist, or a folder that does not exist raise a ValueError saying which."""
    with pytest.raises(ValueError) as raised:
        call(impl, data_repo)

    missing = [word for word in named if word not in str(raised.value)]
    assert not missing, (
        f"the ValueError said {str(raised.value)!r}; it should mention {missing} so that the "
        "caller knows what to fix"
    )


def test_track_data_rejects_a_file_outside_the_repository(impl, data_repo, tmp_path):
    """DVC tracks files inside its repository only; track_data says the path is outside."""
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("a\n1\n")

    with pytest.raises(ValueError, match="is outside the repository"):
        impl.track_data(data_repo, outside)
