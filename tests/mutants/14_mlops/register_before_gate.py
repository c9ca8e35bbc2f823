"""Mistake: the candidate is registered first and the gate only decides whether the alias moves.

The champion stays where it was, but every rejected candidate leaves a new model version behind,
so the registry fills with models nobody approved and "latest version" no longer means anything.
"""

import mlflow
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

from kata_harness.implementation import inherit_reference


def promote_if_better(
    run_id,
    model_name,
    *,
    metric="accuracy",
    margin=0.01,
    guardrail_metric="recall",
    guardrail_min=0.9,
):
    if margin < 0:
        raise ValueError(f"margin must be >= 0, got {margin}")
    client = MlflowClient()
    run = client.get_run(run_id)
    model_id = run.outputs.model_outputs[0].model_id
    version = mlflow.register_model(f"models:/{model_id}", model_name)
    metrics = run.data.metrics
    passes = metrics[guardrail_metric] >= guardrail_min
    try:
        champion = client.get_model_version_by_alias(model_name, "champion")
        champion_score = client.get_run(champion.run_id).data.metrics[metric]
        passes = passes and metrics[metric] >= champion_score + margin
    except MlflowException:
        pass
    if passes:
        client.set_registered_model_alias(model_name, "champion", version.version)
        return {"promoted": True, "version": str(version.version), "reason": "passed"}
    return {"promoted": False, "version": None, "reason": "failed the gate"}


inherit_reference(globals(), "14_mlops")
