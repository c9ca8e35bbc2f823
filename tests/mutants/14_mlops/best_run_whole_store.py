"""Mistake: best_run searches every experiment in the store, so a better run of another project
(or a test experiment) is returned as this experiment's best.
"""

from mlflow import MlflowClient

from kata_harness.implementation import inherit_reference


def best_run(experiment_id, metric="accuracy"):
    client = MlflowClient()
    every = [e.experiment_id for e in client.search_experiments()]
    runs = client.search_runs(
        every,
        filter_string=f"metrics.{metric} > -1e308",
        order_by=[f"metrics.{metric} DESC"],
        max_results=1,
    )
    if not runs:
        raise ValueError(f"no run has logged the metric {metric!r}")
    return runs[0].info.run_id


inherit_reference(globals(), "14_mlops")
