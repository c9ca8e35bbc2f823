"""Mistake: saving the bare model, as the seed does with joblib.dump(model, ...).

The file carries no schema and no versions, so whoever loads it has to guess the columns and their
order, and cannot tell which scikit-learn wrote the pickle. Loading "works" by inventing them.
"""

import joblib
import sklearn

from kata_harness.implementation import inherit_reference


def save_model(pipeline, path, *, feature_names, model_version):
    joblib.dump(pipeline, path)
    return path


def load_model(path, *, expected_features=None):
    pipeline = joblib.load(path)
    names = list(expected_features or [f"x{i}" for i in range(pipeline.n_features_in_)])
    return {
        "pipeline": pipeline,
        "schema": {"feature_names": names, "n_features": len(names)},
        "metadata": {
            "model_version": "unknown",
            "sklearn_version": sklearn.__version__,
            "classes": pipeline.classes_.tolist(),
        },
    }


inherit_reference(globals(), "11_deployment")
