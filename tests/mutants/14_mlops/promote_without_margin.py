"""Mistake: the gate promotes any candidate whose metric is higher than the champion's.

Test-set accuracy moves by a point or two between retrains on noise alone; without a margin the
champion flips back and forth with every run, and each flip is a deployment.
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
    metrics = run.data.metrics
    if metrics[guardrail_metric] < guardrail_min:
        return {"promoted": False, "version": None, "reason": "guardrail failed"}
    try:
        champion = client.get_model_version_by_alias(model_name, "champion")
        if metrics[metric] <= client.get_run(champion.run_id).data.metrics[metric]:
            return {"promoted": False, "version": None, "reason": "not better"}
    except MlflowException:
        pass
    model_id = run.outputs.model_outputs[0].model_id
    version = mlflow.register_model(f"models:/{model_id}", model_name)
    client.set_registered_model_alias(model_name, "champion", version.version)
    return {"promoted": True, "version": str(version.version), "reason": "better"}


inherit_reference(globals(), "14_mlops")
