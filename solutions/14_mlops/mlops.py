"""MLOps with real tools: MLflow tracking and a gated model registry on a local SQLite store, and
data versioning with DVC in a git repository."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import mlflow
import mlflow.sklearn
import numpy as np
import sklearn
import yaml
from dvc.repo import Repo
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException
from mlflow.models import infer_signature
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, log_loss, recall_score, roc_auc_score

TRAINING_DATA_TAG = "training_data_sha256"
CHAMPION_ALIAS = "champion"
METRICS = ("accuracy", "recall", "roc_auc", "log_loss")
DATABASE_SCHEMES = ("sqlite", "postgresql", "mysql", "mssql")


def data_fingerprint(X, y) -> str:
    """A SHA-256 hex digest of a training set: its features and labels, their dtypes and shapes.

    Equal data gives equal digests whatever the memory layout; a changed value, label, dtype or
    shape gives a different one.

    Raises
    ------
    ValueError
        If X and y hold different numbers of rows.
    """
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels; they must match")
    digest = hashlib.sha256()
    for array in (X, y):
        # dtype and shape go in too, so reshaped or recast bytes do not collide.
        digest.update(f"{array.dtype.str}{array.shape}".encode())
        digest.update(np.ascontiguousarray(array).tobytes())
    return digest.hexdigest()


def open_experiment(tracking_uri: str, name: str, artifact_root) -> str:
    """Point MLflow at ``tracking_uri`` and return the id of experiment ``name``, creating it if needed.

    Runs logged afterwards go to this store, whatever ``MLFLOW_TRACKING_URI`` says.

    Parameters
    ----------
    tracking_uri : str
        A database URI: ``sqlite:///path/mlflow.db`` (no server is involved), or
        ``postgresql://``, ``mysql://`` or ``mssql://``, each optionally with ``+driver``.
    name : str
    artifact_root : path
        Directory for the experiment's artifacts. Without it MLflow writes to ``./mlruns``
        in whatever directory the process happens to run in.

    Raises
    ------
    ValueError
        If ``tracking_uri`` is not a database URI: a plain directory (MLflow 3 no longer accepts
        one), ``file://`` or ``http(s)://``.
    """
    scheme = tracking_uri.partition("://")[0].partition("+")[0] if "://" in tracking_uri else ""
    if scheme not in DATABASE_SCHEMES:
        raise ValueError(
            f"tracking_uri {tracking_uri!r} is not a database URI; use e.g. sqlite:///path/mlflow.db"
        )
    mlflow.set_tracking_uri(tracking_uri)
    client = MlflowClient(tracking_uri)
    experiment = client.get_experiment_by_name(name)
    if experiment is not None:
        return experiment.experiment_id
    return client.create_experiment(name, artifact_location=Path(artifact_root).resolve().as_uri())


def _evaluate(model, X_test, y_test) -> dict:
    predicted = model.predict(X_test)
    probability = model.predict_proba(X_test)[:, 1]
    return {
        "accuracy": float(accuracy_score(y_test, predicted)),
        "recall": float(recall_score(y_test, predicted)),
        "roc_auc": float(roc_auc_score(y_test, probability)),
        "log_loss": float(log_loss(y_test, probability)),
    }


def train_and_log(
    X_train, y_train, X_test, y_test, params: dict, *, experiment_id: str, random_state: int = 0
) -> dict:
    """Train a random forest and record one MLflow run that can reproduce and audit it.

    The run holds as params at least every entry of ``params`` and ``random_state`` (logging all of
    the forest's ``get_params()`` is fine too), the test-set metrics in `METRICS` (recall of class
    1), the fingerprint of the training data as the tag `TRAINING_DATA_TAG`, and the fitted model
    with its signature and explicit pip requirements: each one pinned (``name==version``, the
    installed version) and each one a package the model needs (scikit-learn at least; numpy,
    scipy, joblib, threadpoolctl, cloudpickle or mlflow may join it).

    Parameters
    ----------
    X_train, y_train, X_test, y_test : arrays, binary labels 0/1
    params : dict
        Keyword arguments for ``RandomForestClassifier``.
    experiment_id : str
        From `open_experiment`.
    random_state : int

    Returns
    -------
    dict with ``run_id`` and ``model_uri`` (``models:/...``, loadable with mlflow.sklearn).

    Raises
    ------
    ValueError
        If ``params`` names something RandomForestClassifier does not accept.
    """
    unknown = sorted(set(params) - set(RandomForestClassifier().get_params()))
    if unknown:
        raise ValueError(f"RandomForestClassifier has no parameter(s) {unknown}")
    model = RandomForestClassifier(**params, random_state=random_state).fit(X_train, y_train)
    metrics = _evaluate(model, X_test, y_test)
    with mlflow.start_run(experiment_id=experiment_id) as run:
        mlflow.log_params({**params, "random_state": random_state})
        mlflow.log_metrics(metrics)
        mlflow.set_tag(TRAINING_DATA_TAG, data_fingerprint(X_train, y_train))
        logged = mlflow.sklearn.log_model(
            model,
            name="model",
            signature=infer_signature(X_test[:5], model.predict(X_test[:5])),
            # Listing the requirements skips MLflow's slow inference of the environment.
            pip_requirements=[f"scikit-learn=={sklearn.__version__}"],
            # MLflow 3 defaults to skops, which loads only types it trusts and costs about a
            # second to import; pickle is fine for models this code trains and loads itself.
            serialization_format="pickle",
        )
    return {"run_id": run.info.run_id, "model_uri": logged.model_uri}


def best_run(experiment_id: str, metric: str = "accuracy") -> str:
    """The id of the experiment's run with the highest ``metric``, found with ``search_runs``.

    Raises
    ------
    ValueError
        If no run in the experiment has logged ``metric``.
    """
    runs = MlflowClient().search_runs(
        [experiment_id],
        filter_string=f"metrics.{metric} > -1e308",
        order_by=[f"metrics.{metric} DESC"],
        max_results=1,
    )
    if not runs:
        raise ValueError(f"no run in experiment {experiment_id} has logged the metric {metric!r}")
    return runs[0].info.run_id


def _model_uri_of_run(client: MlflowClient, run_id: str) -> str:
    run = client.get_run(run_id)
    outputs = run.outputs.model_outputs if run.outputs else []
    if not outputs:
        raise ValueError(f"run {run_id} has no logged model to register")
    return f"models:/{outputs[0].model_id}"


def promote_if_better(
    run_id: str,
    model_name: str,
    *,
    metric: str = "accuracy",
    margin: float = 0.01,
    guardrail_metric: str = "recall",
    guardrail_min: float = 0.9,
) -> dict:
    """A quality gate: register the run's model and point the "champion" alias at it, or do nothing.

    The candidate passes when its ``guardrail_metric`` is at least ``guardrail_min`` and its
    ``metric`` beats the current champion's by at least ``margin`` (with no champion yet, the
    guardrail alone decides). Only a passing candidate touches the registry: a failing one leaves
    every registered model, version and alias as it was.

    Parameters
    ----------
    run_id : str
        A run logged by `train_and_log`.
    model_name : str
        Registered model name.
    metric : str
        Higher is better.
    margin : float >= 0
    guardrail_metric : str
    guardrail_min : float

    Returns
    -------
    dict with ``promoted`` (bool), ``version`` (the new version as a string, or None) and
    ``reason`` (a sentence).

    Raises
    ------
    ValueError
        If ``margin`` is negative or the run lacks one of the two metrics.
    """
    if margin < 0:
        raise ValueError(f"margin must be >= 0, got {margin}")
    client = MlflowClient()
    metrics = client.get_run(run_id).data.metrics
    missing = [name for name in (metric, guardrail_metric) if name not in metrics]
    if missing:
        raise ValueError(f"run {run_id} has not logged {missing}")
    candidate, guard = metrics[metric], metrics[guardrail_metric]
    if guard < guardrail_min:
        return {
            "promoted": False,
            "version": None,
            "reason": f"{guardrail_metric} {guard:.4f} is below the guardrail {guardrail_min}",
        }
    champion = _current_champion(client, model_name)
    if champion is not None:
        champion_score = client.get_run(champion.run_id).data.metrics[metric]
        if candidate < champion_score + margin:
            return {
                "promoted": False,
                "version": None,
                "reason": (
                    f"{metric} {candidate:.4f} does not beat the champion's {champion_score:.4f} "
                    f"by the margin {margin}"
                ),
            }
    # Registration happens only after the gate has passed, so a rejected candidate leaves no trace.
    version = mlflow.register_model(_model_uri_of_run(client, run_id), model_name)
    client.set_registered_model_alias(model_name, CHAMPION_ALIAS, version.version)
    return {
        "promoted": True,
        "version": str(version.version),
        "reason": f"{metric} {candidate:.4f} passed the gate",
    }


def _current_champion(client: MlflowClient, model_name: str):
    try:
        return client.get_model_version_by_alias(model_name, CHAMPION_ALIAS)
    except MlflowException:
        return None


def init_data_repo(path) -> None:
    """Make ``path`` a git repository with DVC initialised in it, with DVC's analytics switched off.

    Raises
    ------
    ValueError
        If ``path`` is not an existing directory.
    """
    path = Path(path)
    if not path.is_dir():
        raise ValueError(f"{path} is not an existing directory")
    subprocess.run(["git", "init", "-q", str(path)], check=True, capture_output=True)
    with Repo.init(path) as repo, repo.config.edit() as config:
        config["core"]["analytics"] = False


def _inside(repo_root: Path, data_path) -> Path:
    data_path = Path(data_path)
    if not data_path.is_absolute():
        data_path = repo_root / data_path
    if not data_path.resolve().is_relative_to(repo_root.resolve()):
        raise ValueError(f"{data_path} is outside the repository {repo_root}")
    return data_path


def track_data(repo_root, data_path) -> str:
    """``dvc add`` a data file and return the md5 that its ``.dvc`` file records.

    Parameters
    ----------
    repo_root : path of a repository made by `init_data_repo`
    data_path : path of the file, absolute or relative to ``repo_root``

    Raises
    ------
    ValueError
        If the file lies outside the repository or does not exist.
    """
    repo_root = Path(repo_root)
    data_path = _inside(repo_root, data_path)
    if not data_path.is_file():
        raise ValueError(f"{data_path} does not exist")
    with Repo(repo_root) as repo:
        repo.add(str(data_path))
    record = yaml.safe_load(data_path.with_name(data_path.name + ".dvc").read_text())
    return record["outs"][0]["md5"]


def data_status(repo_root) -> dict:
    """What ``dvc status`` says about the tracked files: ``{path relative to repo_root: state}``.

    Paths use forward slashes, e.g. ``"data/train.csv"`` for a file tracked in a subfolder, and do
    not depend on the directory the process runs in. The state is DVC's word for the change,
    e.g. ``"modified"`` or ``"deleted"``. Unchanged files are left out, so an empty dict means
    the workspace matches what DVC tracks.
    """
    repo_root = Path(repo_root).resolve()
    changes = {}
    with Repo(repo_root) as repo:
        # DVC names each output relative to the current directory when that lies inside the
        # repository, else relative to the repository; its own absolute path settles both.
        outputs = {str(out): Path(out.fs_path) for stage in repo.index.stages for out in stage.outs}
        for entries in repo.status().values():
            for entry in entries:
                if not isinstance(entry, dict):
                    continue
                for output, state in entry.get("changed outs", {}).items():
                    path = outputs[output].resolve().relative_to(repo_root)
                    changes[path.as_posix()] = state
    return changes


def restore_data(repo_root) -> None:
    """``dvc checkout``: put every tracked file back to the version its ``.dvc`` file records.

    Local edits to tracked files are overwritten and deleted files come back from the cache.
    """
    with Repo(Path(repo_root)) as repo:
        # Without force, DVC refuses to overwrite a modified file instead of restoring it.
        repo.checkout(force=True)
