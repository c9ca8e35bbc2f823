"""Mistake: the guardrail is treated as a bar to clear strictly, so a candidate whose recall equals
guardrail_min is refused, contrary to "at least guardrail_min".
"""

import mlflow
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

from kata_harness.implementation import inherit_reference


def _model_uri_of_run(client: MlflowClient, run_id: str) -> str:
    run = client.get_run(run_id)
    outputs = run.outputs.model_outputs if run.outputs else []
    if not outputs:
        raise ValueError(f"run {run_id} has no logged model to register")
    return f"models:/{outputs[0].model_id}"


def _current_champion(client: MlflowClient, model_name: str):
    try:
        return client.get_model_version_by_alias(model_name, CHAMPION_ALIAS)
    except MlflowException:
        return None


def promote_if_better(
    run_id: str,
    model_name: str,
    *,
    metric: str = "accuracy",
    margin: float = 0.01,
    guardrail_metric: str = "recall",
    guardrail_min: float = 0.9,
) -> dict:
    """A quality gate: register the run's model and point the "champion" alias at it, or do nothing.

    The candidate passes when its ``guardrail_metric`` is at least ``guardrail_min`` and its
    ``metric`` beats the current champion's by at least ``margin`` (with no champion yet, the
    guardrail alone decides). Only a passing candidate touches the registry: a failing one leaves
    every registered model, version and alias as it was.

    Parameters
    ----------
    run_id : str
        A run logged by `train_and_log`.
    model_name : str
        Registered model name.
    metric : str
        Higher is better.
    margin : float >= 0
    guardrail_metric : str
    guardrail_min : float

    Returns
    -------
    dict with ``promoted`` (bool), ``version`` (the new version as a string, or None) and
    ``reason`` (a sentence).

    Raises
    ------
    ValueError
        If ``margin`` is negative or the run lacks one of the two metrics.
    """
    if margin < 0:
        raise ValueError(f"margin must be >= 0, got {margin}")
    client = MlflowClient()
    metrics = client.get_run(run_id).data.metrics
    missing = [name for name in (metric, guardrail_metric) if name not in metrics]
    if missing:
        raise ValueError(f"run {run_id} has not logged {missing}")
    candidate, guard = metrics[metric], metrics[guardrail_metric]
    if guard <= guardrail_min:
        return {
            "promoted": False,
            "version": None,
            "reason": f"{guardrail_metric} {guard:.4f} is below the guardrail {guardrail_min}",
        }
    champion = _current_champion(client, model_name)
    if champion is not None:
        champion_score = client.get_run(champion.run_id).data.metrics[metric]
        if candidate < champion_score + margin:
            return {
                "promoted": False,
                "version": None,
                "reason": (
                    f"{metric} {candidate:.4f} does not beat the champion's {champion_score:.4f} "
                    f"by the margin {margin}"
                ),
            }
    # Registration happens only after the gate has passed, so a rejected candidate leaves no trace.
    version = mlflow.register_model(_model_uri_of_run(client, run_id), model_name)
    client.set_registered_model_alias(model_name, CHAMPION_ALIAS, version.version)
    return {
        "promoted": True,
        "version": str(version.version),
        "reason": f"{metric} {candidate:.4f} passed the gate",
    }


inherit_reference(globals(), "14_mlops")
