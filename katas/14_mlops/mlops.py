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
    # TODO: implement data_fingerprint; test_mlops.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement open_experiment; test_mlops.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement train_and_log; test_mlops.py says what it must do.
    raise NotImplementedError


def best_run(experiment_id: str, metric: str = "accuracy") -> str:
    """The id of the experiment's run with the highest ``metric``, found with ``search_runs``.

    Raises
    ------
    ValueError
        If no run in the experiment has logged ``metric``.
    """
    # TODO: implement best_run; test_mlops.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement promote_if_better; test_mlops.py says what it must do.
    raise NotImplementedError


def init_data_repo(path) -> None:
    """Make ``path`` a git repository with DVC initialised in it, with DVC's analytics switched off.

    Raises
    ------
    ValueError
        If ``path`` is not an existing directory.
    """
    # TODO: implement init_data_repo; test_mlops.py says what it must do.
    raise NotImplementedError


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
    # TODO: implement track_data; test_mlops.py says what it must do.
    raise NotImplementedError


def data_status(repo_root) -> dict:
    """What ``dvc status`` says about the tracked files: ``{path relative to repo_root: state}``.

    Paths use forward slashes, e.g. ``"data/train.csv"`` for a file tracked in a subfolder, and do
    not depend on the directory the process runs in. The state is DVC's word for the change,
    e.g. ``"modified"`` or ``"deleted"``. Unchanged files are left out, so an empty dict means
    the workspace matches what DVC tracks.
    """
    # TODO: implement data_status; test_mlops.py says what it must do.
    raise NotImplementedError


def restore_data(repo_root) -> None:
    """``dvc checkout``: put every tracked file back to the version its ``.dvc`` file records.

    Local edits to tracked files are overwritten and deleted files come back from the cache.
    """
    # TODO: implement restore_data; test_mlops.py says what it must do.
    raise NotImplementedError
