"""Mistake: with no champion yet the gate waves the first candidate through, guardrail or not.

Having nothing to compare with waives the margin, not the guardrail: a first model that misses
most of the costly class should not become champion.
"""

import mlflow
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

from kata_harness.implementation import inherit_reference


def promote_if_better(
    run_id, model_name, *, metric="accuracy", margin=0.01, guardrail_metric="recall",
    guardrail_min=0.9,
):
    if margin < 0:
        raise ValueError(f"margin must be >= 0, got {margin}")
    client = MlflowClient()
    run = client.get_run(run_id)
    metrics = run.data.metrics
    try:
        champion = client.get_model_version_by_alias(model_name, "champion")
    except MlflowException:
        champion = None
    if champion is not None:
        if metrics[guardrail_metric] < guardrail_min:
            return {"promoted": False, "version": None, "reason": "guardrail"}
        if metrics[metric] < client.get_run(champion.run_id).data.metrics[metric] + margin:
            return {"promoted": False, "version": None, "reason": "below the margin"}
    model_id = run.outputs.model_outputs[0].model_id
    version = mlflow.register_model(f"models:/{model_id}", model_name)
    client.set_registered_model_alias(model_name, "champion", version.version)
    return {"promoted": True, "version": str(version.version), "reason": "passed"}


inherit_reference(globals(), "14_mlops")
