"""Mistake: the experiment is created without an artifact location, so model files land in
./mlruns of whatever directory the process runs in (a learner's checkout, a CI workspace).
"""

import mlflow
from mlflow import MlflowClient

from kata_harness.implementation import inherit_reference


def open_experiment(tracking_uri, name, artifact_root):
    scheme = tracking_uri.partition("://")[0].partition("+")[0] if "://" in tracking_uri else ""
    if scheme not in ("sqlite", "postgresql", "mysql", "mssql"):
        raise ValueError(
            f"tracking_uri {tracking_uri!r} is not a database URI; use e.g. sqlite:///path/mlflow.db"
        )
    mlflow.set_tracking_uri(tracking_uri)
    client = MlflowClient(tracking_uri)
    experiment = client.get_experiment_by_name(name)
    if experiment is not None:
        return experiment.experiment_id
    return client.create_experiment(name)


inherit_reference(globals(), "14_mlops")
