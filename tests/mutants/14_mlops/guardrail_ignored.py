"""Mistake: the gate compares the primary metric only and never looks at the guardrail.

A model can gain accuracy by missing more of the rare, costly class; the recall guardrail is
what stops that model from becoming champion.
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
    try:
        champion = client.get_model_version_by_alias(model_name, "champion")
        champion_score = client.get_run(champion.run_id).data.metrics[metric]
        if run.data.metrics[metric] < champion_score + margin:
            return {"promoted": False, "version": None, "reason": "below the margin"}
    except MlflowException:
        pass
    model_id = run.outputs.model_outputs[0].model_id
    version = mlflow.register_model(f"models:/{model_id}", model_name)
    client.set_registered_model_alias(model_name, "champion", version.version)
    return {"promoted": True, "version": str(version.version), "reason": "better"}


inherit_reference(globals(), "14_mlops")
