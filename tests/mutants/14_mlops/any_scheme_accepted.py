"""Mistake: open_experiment takes any string with "://" for a database URI, so file:/// and http://
fail later inside MLflow with its own exception instead of the documented ValueError.
"""

from pathlib import Path

import mlflow
from mlflow import MlflowClient

from kata_harness.implementation import inherit_reference


def open_experiment(tracking_uri, name, artifact_root):
    if "://" not in tracking_uri:
        raise ValueError(
            f"tracking_uri {tracking_uri!r} is not a database URI; use e.g. sqlite:///path/mlflow.db"
        )
    mlflow.set_tracking_uri(tracking_uri)
    client = MlflowClient(tracking_uri)
    experiment = client.get_experiment_by_name(name)
    if experiment is not None:
        return experiment.experiment_id
    return client.create_experiment(name, artifact_location=Path(artifact_root).resolve().as_uri())


inherit_reference(globals(), "14_mlops")
