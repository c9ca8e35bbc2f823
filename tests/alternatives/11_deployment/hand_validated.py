"""From scratch: the service validates each request body by hand (json.loads, then type, finiteness and count checks per value; no pydantic request model), writes its own 422 wording, reads versions with a regex, pickles with protocol 5 through joblib, and its Dockerfile copies into /opt/service with a numeric USER and an exec-form HEALTHCHECK.

The 422 body follows the documented structure, ``{"detail": [{"loc", "msg", "type"}]}``, but
none of its messages is pydantic's.
"""

import json
import math
import os
import re

import joblib
import numpy as np
import sklearn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

ARTIFACT_KEYS = ("pipeline", "schema", "metadata")
MAX_BATCH_ROWS = 1000
MODEL_PATH_VARIABLE = "MODEL_PATH"

DOCKERFILE = r"""
# syntax=docker/dockerfile:1
FROM python:3.11.7-slim-bookworm AS runtime
RUN pip install --no-cache-dir scikit-learn==1.9.1 numpy==2.4.6 scipy==1.17.1 joblib==1.6.0 \
    fastapi==0.165.0 starlette==1.10.0 pydantic==2.13.4 uvicorn==0.54.0
RUN groupadd --gid 1500 svc && useradd --uid 1500 --gid 1500 --no-create-home svc
WORKDIR /opt/service
COPY model.joblib artifacts/
COPY deployment.py .
ENV MODEL_PATH=/opt/service/artifacts/model.joblib
USER 1500:1500
HEALTHCHECK CMD ["python3", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:9000/health', timeout=3)"]
CMD ["uvicorn", "--host", "0.0.0.0", "--port", "9000", "--workers", "3", "--factory", "deployment:create_app_from_env"]
"""


def train_pipeline(X, y, random_state=None):
    """Scaler and logistic regression (lbfgs) in one Pipeline."""
    steps = [("standardise", StandardScaler()), ("classify", LogisticRegression(max_iter=500))]
    pipeline = Pipeline(steps)
    pipeline.set_params(classify__random_state=random_state)
    return pipeline.fit(np.array(X, dtype=np.float64), np.array(y))


def save_model(pipeline, path, *, feature_names, model_version):
    """Validate, then dump with pickle protocol 5."""
    if not hasattr(pipeline, "n_features_in_"):
        raise ValueError("the pipeline is not fitted")
    names = list(map(str, feature_names))
    if len(names) != pipeline.n_features_in_:
        raise ValueError(
            f"{len(names)} feature names for a pipeline fitted on {pipeline.n_features_in_} features"
        )
    seen = set()
    for name in names:
        if name in seen:
            raise ValueError(f"feature name {name!r} appears twice")
        seen.add(name)
    if str(model_version) == "":
        raise ValueError("model_version must not be empty")
    artifact = {
        "pipeline": pipeline,
        "schema": {"feature_names": names, "n_features": len(names)},
        "metadata": {
            "model_version": str(model_version),
            "sklearn_version": sklearn.__version__,
            "classes": np.asarray(pipeline.classes_).tolist(),
        },
    }
    joblib.dump(artifact, path, protocol=5)
    return path


def _minor(version):
    match = re.match(r"(\d+)\.(\d+)", str(version))
    return match.groups() if match else None


def load_model(path, *, expected_features=None):
    """Load, then check each promise."""
    artifact = joblib.load(path)
    if type(artifact) is not dict or sorted(set(ARTIFACT_KEYS) & set(artifact)) != sorted(ARTIFACT_KEYS):
        raise ValueError(
            f"{path} is not a model artifact: expected a dict with keys {list(ARTIFACT_KEYS)}"
        )
    names = artifact["schema"].get("feature_names", [])
    declared = artifact["schema"].get("n_features")
    fitted = getattr(artifact["pipeline"], "n_features_in_", -1)
    if len(names) != fitted or declared != fitted:
        raise ValueError(
            f"the artifact's schema lists {len(names)} features but the pipeline was fitted on {fitted}"
        )
    saved = artifact["metadata"].get("sklearn_version")
    if _minor(saved) is None or _minor(saved) != _minor(sklearn.__version__):
        raise ValueError(
            f"the artifact was saved with scikit-learn {saved} but {sklearn.__version__} is installed"
        )
    if expected_features is not None and [str(f) for f in expected_features] != list(names):
        raise ValueError(
            f"the artifact's features {names} are not the expected features "
            f"{list(expected_features)} (same names, same order)"
        )
    return artifact


class _Invalid(Exception):
    def __init__(self, problems):
        self.problems = problems


def _problem(loc, msg, kind):
    return {"loc": list(loc), "msg": msg, "type": kind}


def _parse(raw: bytes):
    # Python's json reads NaN, Infinity and 1e400 as floats; _check_row refuses them by position.
    try:
        return json.loads(raw or b"null")
    except ValueError as error:
        raise _Invalid(
            [_problem(["body"], f"the body is not JSON: {error}", "json_invalid")]
        ) from None


def _check_row(row, loc, n, names, row_label=""):
    problems = []
    if not isinstance(row, list):
        return [_problem(loc, f"{row_label}a list of {n} numbers is needed here", "list_type")]
    for i, value in enumerate(row):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            problems.append(_problem([*loc, i], f"{value!r} is not a number", "number_type"))
        elif not math.isfinite(float(value)):
            problems.append(_problem([*loc, i], "NaN and infinity are not allowed", "not_finite"))
    if len(row) != n:
        problems.append(
            _problem(
                loc,
                f"{row_label}expected {n} features ({', '.join(names)}), got {len(row)}",
                "wrong_count",
            )
        )
    return problems


def create_app(model_path, *, max_batch_rows=MAX_BATCH_ROWS):
    """The service, validating by hand."""
    if max_batch_rows < 1:
        raise ValueError("max_batch_rows must be a positive integer")
    artifact = load_model(model_path)
    pipeline = artifact["pipeline"]
    names = artifact["schema"]["feature_names"]
    n = len(names)
    version = artifact["metadata"]["model_version"]
    classes = artifact["metadata"]["classes"]

    def field(body, name):
        if not isinstance(body, dict):
            raise _Invalid([_problem(["body"], "the body must be a JSON object", "dict_type")])
        extra = [k for k in body if k != name]
        if name not in body:
            raise _Invalid([_problem(["body", name], f"the field {name!r} is missing", "missing")])
        if extra:
            raise _Invalid([_problem(["body", k], "unexpected field", "extra") for k in extra])
        return body[name]

    def features_of(raw):
        row = field(_parse(raw), "features")
        problems = _check_row(row, ["body", "features"], n, names)
        if problems:
            raise _Invalid(problems)
        return [row]

    def rows_of(raw):
        rows = field(_parse(raw), "rows")
        if not isinstance(rows, list) or not rows:
            raise _Invalid([_problem(["body", "rows"], "at least one row is needed", "too_short")])
        if len(rows) > max_batch_rows:
            raise _Invalid(
                [
                    _problem(
                        ["body", "rows"],
                        f"no more than {max_batch_rows} rows per request, got {len(rows)}",
                        "too_long",
                    )
                ]
            )
        problems = []
        for r, row in enumerate(rows):
            problems += _check_row(row, ["body", "rows", r], n, names, row_label=f"row {r}: ")
        if problems:
            raise _Invalid(problems)
        return rows

    def scored(X, where):
        out = np.full((len(X), len(classes)), np.nan)
        with np.errstate(all="ignore"):
            for i in range(len(X)):
                try:
                    out[i] = pipeline.predict_proba(X[i : i + 1])[0]
                except (ValueError, OverflowError):
                    pass
        bad = np.flatnonzero(~np.isfinite(out).all(axis=1))
        if bad.size:
            raise _Invalid(
                [_problem([*where, int(i)] if where[-1] == "rows" else where, "too extreme to score", "overflow") for i in bad]
            )
        return out

    app = FastAPI()

    def answer(handler):
        async def endpoint(request: Request):
            try:
                return handler(await request.body())
            except _Invalid as invalid:
                return JSONResponse(status_code=422, content={"detail": invalid.problems})

        return endpoint

    def predict(raw):
        X = np.array(features_of(raw), dtype=float)
        p = scored(X, ["body", "features"])
        return {
            "prediction": classes[int(np.argmax(p[0]))],
            "probabilities": p[0].tolist(),
            "classes": classes,
            "model_version": version,
        }

    def predict_batch(raw):
        X = np.array(rows_of(raw), dtype=float)
        p = scored(X, ["body", "rows"])
        return {
            "predictions": [classes[int(k)] for k in np.argmax(p, axis=1)],
            "probabilities": p.tolist(),
            "classes": classes,
            "model_version": version,
        }

    app.add_api_route("/predict", answer(predict), methods=["POST"])
    app.add_api_route("/predict/batch", answer(predict_batch), methods=["POST"])

    @app.get("/health")
    def health():
        try:
            with np.errstate(all="ignore"):
                ready = np.isfinite(pipeline.predict_proba(np.ones((1, n)))).all()
        except Exception:
            ready = False
        return JSONResponse(
            status_code=200 if ready else 503,
            content={
                "status": "ok" if ready else "unavailable",
                "model_version": version,
                "sklearn_version": artifact["metadata"]["sklearn_version"],
                "feature_names": names,
            },
        )

    return app


def create_app_from_env():
    """From MODEL_PATH."""
    if MODEL_PATH_VARIABLE not in os.environ or not os.environ[MODEL_PATH_VARIABLE]:
        raise ValueError("MODEL_PATH is not set")
    return create_app(os.environ[MODEL_PATH_VARIABLE])


def dockerfile():
    """The Dockerfile text."""
    return DOCKERFILE
