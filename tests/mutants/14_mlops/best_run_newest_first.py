"""Mistake: best_run filters on the metric but never orders by it, so search_runs' default order
(newest first) decides, and the latest run wins however it scored.
"""

from mlflow import MlflowClient

from kata_harness.implementation import inherit_reference


def best_run(experiment_id, metric="accuracy"):
    runs = MlflowClient().search_runs(
        [experiment_id], filter_string=f"metrics.{metric} > -1e308", max_results=1
    )
    if not runs:
        raise ValueError(f"no run in experiment {experiment_id} has logged the metric {metric!r}")
    return runs[0].info.run_id


inherit_reference(globals(), "14_mlops")
