"""Mistake: search_runs ordered by the metric without DESC.

MLflow sorts ascending by default, so the "best" run is the worst one, and it is the run that
gets deployed.
"""

from mlflow import MlflowClient

from kata_harness.implementation import inherit_reference


def best_run(experiment_id, metric="accuracy"):
    runs = MlflowClient().search_runs(
        [experiment_id], order_by=[f"metrics.{metric}"], max_results=1
    )
    if not runs:
        raise ValueError(f"no run in experiment {experiment_id} has logged the metric {metric!r}")
    return runs[0].info.run_id


inherit_reference(globals(), "14_mlops")
