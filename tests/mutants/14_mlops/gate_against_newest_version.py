"""Mistake: the gate compares the candidate with the newest registered version instead of the
model behind the champion alias; after a rollback those differ.
"""

import mlflow
from mlflow import MlflowClient

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
    if metrics[guardrail_metric] < guardrail_min:
        return {"promoted": False, "version": None, "reason": "guardrail"}
    versions = client.search_model_versions(f"name = '{model_name}'")
    if versions:
        newest = max(versions, key=lambda v: int(v.version))
        if metrics[metric] < client.get_run(newest.run_id).data.metrics[metric] + margin:
            return {"promoted": False, "version": None, "reason": "below the margin"}
    model_id = run.outputs.model_outputs[0].model_id
    version = mlflow.register_model(f"models:/{model_id}", model_name)
    client.set_registered_model_alias(model_name, "champion", version.version)
    return {"promoted": True, "version": str(version.version), "reason": "better"}


inherit_reference(globals(), "14_mlops")
