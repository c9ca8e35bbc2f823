"""Mistake: the model's requirements name scikit-learn without a version.

The environment rebuilt for serving installs whatever scikit-learn is newest, and a pickled forest
from one version may not load, or may predict differently, in another.
"""

import mlflow
import mlflow.sklearn
from mlflow.models import infer_signature
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score, log_loss, recall_score, roc_auc_score

from kata_harness.implementation import inherit_reference


def train_and_log(X_train, y_train, X_test, y_test, params, *, experiment_id, random_state=0):
    unknown = sorted(set(params) - set(RandomForestClassifier().get_params()))
    if unknown:
        raise ValueError(f"RandomForestClassifier has no parameter(s) {unknown}")
    model = RandomForestClassifier(**params, random_state=random_state).fit(X_train, y_train)
    predicted, probability = model.predict(X_test), model.predict_proba(X_test)[:, 1]
    with mlflow.start_run(experiment_id=experiment_id) as run:
        mlflow.log_params({**params, "random_state": random_state})
        mlflow.log_metrics(
            {
                "accuracy": accuracy_score(y_test, predicted),
                "recall": recall_score(y_test, predicted),
                "roc_auc": roc_auc_score(y_test, probability),
                "log_loss": log_loss(y_test, probability),
            }
        )
        mlflow.set_tag("training_data_sha256", data_fingerprint(X_train, y_train))  # noqa: F821
        logged = mlflow.sklearn.log_model(
            model,
            name="model",
            signature=infer_signature(X_test[:5], predicted[:5]),
            pip_requirements=["scikit-learn"],
            serialization_format="pickle",
        )
    return {"run_id": run.info.run_id, "model_uri": logged.model_uri}


inherit_reference(globals(), "14_mlops")
