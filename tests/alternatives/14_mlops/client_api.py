"""MlflowClient throughout: one log_batch for params and metrics, the best run picked in Python from
every run of the experiment, the registry reached through create_model_version, a fingerprint fed
row by row, and DVC output paths resolved by DVC's own rule (relative to a working directory
inside the repository, else to the repository).
"""

import hashlib
import os
import subprocess
import time
from pathlib import Path

import mlflow
import mlflow.sklearn
import numpy as np
import sklearn
import yaml
from dvc.repo import Repo
from mlflow import MlflowClient
from mlflow.entities import Metric, Param, RunTag
from mlflow.exceptions import MlflowException
from mlflow.models import infer_signature
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, log_loss, recall_score, roc_auc_score

TRAINING_DATA_TAG = "training_data_sha256"
CHAMPION_ALIAS = "champion"
METRICS = ("accuracy", "recall", "roc_auc", "log_loss")


def data_fingerprint(X, y):
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows and y {len(y)}: they must match")
    digest = hashlib.sha256()
    digest.update(repr((X.dtype.str, X.shape, y.dtype.str, y.shape)).encode())
    for row, label in zip(X, y):
        digest.update(np.asarray(row).tobytes(order="C"))
        digest.update(np.asarray(label).tobytes())
    return digest.hexdigest()


def open_experiment(tracking_uri, name, artifact_root):
    head, separator, _ = tracking_uri.partition("://")
    if not separator or head.split("+")[0] not in ("sqlite", "postgresql", "mysql", "mssql"):
        raise ValueError(
            f"tracking_uri {tracking_uri!r} is not a database URI; use e.g. sqlite:///tmp/mlflow.db"
        )
    client = MlflowClient(tracking_uri)
    mlflow.set_tracking_uri(tracking_uri)
    try:
        return client.create_experiment(
            name, artifact_location=Path(os.path.abspath(artifact_root)).as_uri()
        )
    except MlflowException:
        return client.get_experiment_by_name(name).experiment_id


def train_and_log(X_train, y_train, X_test, y_test, params, *, experiment_id, random_state=0):
    bad = [key for key in sorted(params) if key not in RandomForestClassifier._parameter_constraints]
    if bad:
        raise ValueError(f"RandomForestClassifier has no parameter(s) {bad}")
    model = RandomForestClassifier(**{**params, "random_state": random_state})
    model.fit(X_train, y_train)
    proba = model.predict_proba(X_test)[:, 1]
    hard = model.predict(X_test)
    now = int(time.time() * 1000)
    client = MlflowClient()
    run = client.create_run(experiment_id)
    client.log_batch(
        run.info.run_id,
        metrics=[
            Metric("accuracy", float(accuracy_score(y_test, hard)), now, 0),
            Metric("recall", float(recall_score(y_test, hard, pos_label=1)), now, 0),
            Metric("roc_auc", float(roc_auc_score(y_test, proba)), now, 0),
            Metric("log_loss", float(log_loss(y_test, proba)), now, 0),
        ],
        params=[Param(k, str(v)) for k, v in {**params, "random_state": random_state}.items()],
        tags=[RunTag(TRAINING_DATA_TAG, data_fingerprint(X_train, y_train))],
    )
    with mlflow.start_run(run_id=run.info.run_id):
        logged = mlflow.sklearn.log_model(
            model,
            name="model",
            signature=infer_signature(X_test, hard),
            pip_requirements=[f"scikit-learn=={sklearn.__version__}"],
            serialization_format="pickle",
        )
    return {"run_id": run.info.run_id, "model_uri": logged.model_uri}


def best_run(experiment_id, metric="accuracy"):
    client = MlflowClient()
    scored, token = [], None
    while True:
        page = client.search_runs([experiment_id], max_results=1000, page_token=token)
        scored += [(r.data.metrics[metric], r.info.run_id) for r in page if metric in r.data.metrics]
        token = page.token
        if not token:
            break
    if not scored:
        raise ValueError(f"no run of experiment {experiment_id} logged {metric!r}")
    return max(scored)[1]


def promote_if_better(
    run_id, model_name, *, metric="accuracy", margin=0.01, guardrail_metric="recall",
    guardrail_min=0.9,
):
    if margin < 0:
        raise ValueError(f"margin must be >= 0, got {margin}")
    client = MlflowClient()
    run = client.get_run(run_id)
    values = run.data.metrics
    for needed in (metric, guardrail_metric):
        if needed not in values:
            raise ValueError(f"run {run_id} did not log {needed!r}")
    if not values[guardrail_metric] >= guardrail_min:
        return {"promoted": False, "version": None, "reason": "the guardrail failed"}
    try:
        current = client.get_model_version_by_alias(model_name, CHAMPION_ALIAS)
        to_beat = client.get_run(current.run_id).data.metrics[metric] + margin
    except MlflowException:
        to_beat = -np.inf
    if values[metric] < to_beat:
        return {"promoted": False, "version": None, "reason": "not better by the margin"}
    try:
        client.create_registered_model(model_name)
    except MlflowException:
        pass
    model_id = run.outputs.model_outputs[0].model_id
    source = client.get_logged_model(model_id).artifact_location
    version = client.create_model_version(model_name, source, run_id=run_id, model_id=model_id)
    client.set_registered_model_alias(model_name, CHAMPION_ALIAS, version.version)
    return {"promoted": True, "version": str(version.version), "reason": "gate passed"}


def init_data_repo(path):
    if not os.path.isdir(path):
        raise ValueError(f"{path} is not an existing directory")
    subprocess.run(["git", "init", "-q", os.fspath(path)], check=True)
    Repo.init(os.fspath(path)).close()
    with Repo(os.fspath(path)) as repo, repo.config.edit() as config:
        config.setdefault("core", {})["analytics"] = False


def track_data(repo_root, data_path):
    root = os.path.realpath(repo_root)
    target = os.path.realpath(os.path.join(root, data_path))
    if os.path.commonpath([root, target]) != root:
        raise ValueError(f"{data_path} is outside the repository {root}")
    if not os.path.isfile(target):
        raise ValueError(f"{target} does not exist")
    with Repo(root) as repo:
        repo.add(target)
    with open(target + ".dvc") as pointer:
        return yaml.safe_load(pointer)["outs"][0]["md5"]


def data_status(repo_root):
    root = Path(os.path.realpath(repo_root))
    here = Path(os.path.realpath(os.getcwd()))
    # DVC prints an output relative to the working directory when that lies inside the
    # repository, and relative to the repository otherwise.
    base = here if here == root or root in here.parents else root
    found = {}
    with Repo(os.fspath(root)) as repo:
        for entries in repo.status().values():
            for entry in entries:
                if isinstance(entry, dict):
                    for output, state in entry.get("changed outs", {}).items():
                        path = Path(os.path.normpath(base / output)).relative_to(root)
                        found[path.as_posix()] = state
    return found


def restore_data(repo_root):
    with Repo(os.path.realpath(repo_root)) as repo:
        repo.checkout(force=True)
