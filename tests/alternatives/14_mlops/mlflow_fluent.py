"""Leans on MLflow's fluent API: a plain-path artifact location, every get_params() entry logged,
scikit-learn, numpy, scipy and joblib pinned, mlflow.search_runs for the best run, an .npy
serialisation for the fingerprint, and DVC's data_status for the status.
"""

import hashlib
import io
import subprocess
from pathlib import Path

import joblib
import mlflow
import mlflow.sklearn
import numpy as np
import scipy
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


def data_fingerprint(X, y):
    X, y = np.asarray(X), np.asarray(y)
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]} labels")
    buffer = io.BytesIO()
    # The .npy header records dtype and shape; C order makes the layout irrelevant.
    np.save(buffer, np.ascontiguousarray(X))
    np.save(buffer, np.ascontiguousarray(y))
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def open_experiment(tracking_uri, name, artifact_root):
    backend = tracking_uri.split("://", 1)[0].split("+", 1)[0] if "://" in tracking_uri else None
    if backend not in {"sqlite", "postgresql", "mysql", "mssql"}:
        raise ValueError(
            f"{tracking_uri!r} is not a database URI; use e.g. sqlite:///path/mlflow.db"
        )
    mlflow.set_tracking_uri(tracking_uri)
    existing = mlflow.get_experiment_by_name(name)
    if existing is not None:
        return existing.experiment_id
    return mlflow.create_experiment(name, artifact_location=str(Path(artifact_root).absolute()))


def train_and_log(X_train, y_train, X_test, y_test, params, *, experiment_id, random_state=0):
    accepted = RandomForestClassifier().get_params()
    unknown = sorted(key for key in params if key not in accepted)
    if unknown:
        raise ValueError(f"RandomForestClassifier has no parameter(s) {unknown}")
    forest = RandomForestClassifier(random_state=random_state, **params)
    forest.fit(X_train, y_train)
    scores = forest.predict_proba(X_test)[:, 1]
    labels = forest.predict(X_test)
    with mlflow.start_run(experiment_id=experiment_id) as run:
        mlflow.log_params(forest.get_params())
        mlflow.log_metric("accuracy", accuracy_score(y_test, labels))
        mlflow.log_metric("recall", recall_score(y_test, labels))
        mlflow.log_metric("roc_auc", roc_auc_score(y_test, scores))
        mlflow.log_metric("log_loss", log_loss(y_test, scores))
        mlflow.set_tag(TRAINING_DATA_TAG, data_fingerprint(X_train, y_train))
        info = mlflow.sklearn.log_model(
            forest,
            name="forest",
            signature=infer_signature(X_train, forest.predict(X_train)),
            pip_requirements=[
                f"scikit-learn=={sklearn.__version__}",
                f"numpy=={np.__version__}",
                f"scipy=={scipy.__version__}",
                f"joblib=={joblib.__version__}",
            ],
            serialization_format="cloudpickle",
        )
    return {"run_id": run.info.run_id, "model_uri": info.model_uri}


def best_run(experiment_id, metric="accuracy"):
    frame = mlflow.search_runs(
        experiment_ids=[experiment_id], order_by=[f"metrics.{metric} DESC"]
    )
    column = f"metrics.{metric}"
    if frame.empty or column not in frame or frame[column].isna().all():
        raise ValueError(f"no run in experiment {experiment_id} has logged {metric!r}")
    return str(frame.loc[frame[column].idxmax(), "run_id"])


def promote_if_better(
    run_id, model_name, *, metric="accuracy", margin=0.01, guardrail_metric="recall",
    guardrail_min=0.9,
):
    if margin < 0:
        raise ValueError(f"margin must be >= 0, got {margin}")
    run = mlflow.get_run(run_id)
    scores = run.data.metrics
    if metric not in scores or guardrail_metric not in scores:
        raise ValueError(f"run {run_id} lacks {metric!r} or {guardrail_metric!r}")
    if scores[guardrail_metric] < guardrail_min:
        return {"promoted": False, "version": None, "reason": "guardrail not met"}
    client = MlflowClient()
    try:
        champion = client.get_model_version_by_alias(model_name, CHAMPION_ALIAS)
    except MlflowException:
        champion = None
    if champion is not None:
        best = mlflow.get_run(champion.run_id).data.metrics[metric]
        if scores[metric] - best < margin:
            return {"promoted": False, "version": None, "reason": "margin not met"}
    model_id = run.outputs.model_outputs[0].model_id
    registered = mlflow.register_model(f"models:/{model_id}", model_name)
    client.set_registered_model_alias(model_name, CHAMPION_ALIAS, registered.version)
    return {"promoted": True, "version": str(registered.version), "reason": "gate passed"}


def init_data_repo(path):
    path = Path(path)
    if not path.is_dir():
        raise ValueError(f"{path} is not an existing directory")
    subprocess.run(["git", "init", "-q"], cwd=path, check=True)
    repo = Repo.init(str(path))
    with repo.config.edit() as config:
        config["core"]["analytics"] = False
    repo.close()


def track_data(repo_root, data_path):
    root = Path(repo_root).resolve()
    target = Path(data_path)
    target = (target if target.is_absolute() else root / target).resolve()
    if root not in target.parents:
        raise ValueError(f"{target} is outside the repository {root}")
    if not target.exists():
        raise ValueError(f"{target} does not exist")
    with Repo(str(root)) as repo:
        repo.add(str(target))
    pointer = yaml.safe_load(Path(str(target) + ".dvc").read_text())
    return pointer["outs"][0]["md5"]


def data_status(repo_root):
    with Repo(str(Path(repo_root).resolve())) as repo:
        uncommitted = repo.data_status(granular=False)["uncommitted"]
    return {path: state for state, paths in uncommitted.items() for path in paths}


def restore_data(repo_root):
    with Repo(str(Path(repo_root).resolve())) as repo:
        repo.checkout(force=True)
