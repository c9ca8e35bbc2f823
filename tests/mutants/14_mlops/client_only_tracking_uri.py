"""Mistake: open_experiment creates the experiment through MlflowClient(tracking_uri) but never
points MLflow's fluent API at that store, so runs go wherever MLFLOW_TRACKING_URI points.
"""

from pathlib import Path

from mlflow import MlflowClient

from kata_harness.implementation import inherit_reference


def open_experiment(tracking_uri, name, artifact_root):
    scheme = tracking_uri.partition("://")[0].partition("+")[0] if "://" in tracking_uri else ""
    if scheme not in ("sqlite", "postgresql", "mysql", "mssql"):
        raise ValueError(
            f"tracking_uri {tracking_uri!r} is not a database URI; use e.g. sqlite:///path/mlflow.db"
        )
    client = MlflowClient(tracking_uri)
    experiment = client.get_experiment_by_name(name)
    if experiment is not None:
        return experiment.experiment_id
    return client.create_experiment(name, artifact_location=Path(artifact_root).resolve().as_uri())


inherit_reference(globals(), "14_mlops")
