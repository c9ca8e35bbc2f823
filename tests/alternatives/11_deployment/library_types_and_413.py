"""Leans on the libraries: pydantic's strict FiniteFloat and conlist, packaging's Version for the version check, a 413 from Starlette for an oversized batch, a probe row at the scaler's mean, and a python -m uvicorn CMD on port 8080 with a shell-form HEALTHCHECK.

Extreme values are caught before the last step: the pipeline's preprocessing is applied first
and rows whose transformed values are not finite get a 422 without reaching the model.
"""

import os
from pathlib import Path
from typing import Annotated

import joblib
import numpy as np
import sklearn
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from packaging.version import Version
from pydantic import BaseModel, ConfigDict, FiniteFloat, Strict, conlist, field_validator
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted

ARTIFACT_KEYS = ("pipeline", "schema", "metadata")
MAX_BATCH_ROWS = 1000
MODEL_PATH_VARIABLE = "MODEL_PATH"

_DOCKERFILE = """\
FROM python:3.11-slim
RUN python -m pip install --no-cache-dir fastapi==0.165.0 "uvicorn[standard]==0.54.0" \\
        pydantic==2.13.4 numpy==2.4.6 joblib==1.6.0 scikit-learn==1.9.4 packaging==25.0
WORKDIR /app
COPY deployment.py model.joblib /app/
ENV MODEL_PATH=/app/model.joblib
USER nobody
HEALTHCHECK --interval=15s CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://localhost:8080/health').status != 200)" || exit 1
CMD ["python", "-m", "uvicorn", "deployment:create_app_from_env", "--factory", "--workers", "4", "--host", "0.0.0.0", "--port", "8080"]
"""

# Strict: no "1.5" strings, no booleans; FiniteFloat: no NaN or infinity.
_Number = Annotated[FiniteFloat, Strict()]


def train_pipeline(X, y, random_state=None):
    """make_pipeline(StandardScaler(), LogisticRegression())."""
    model = LogisticRegression(max_iter=1000, random_state=random_state)
    return make_pipeline(StandardScaler(), model).fit(np.asarray(X, dtype=float), np.asarray(y))


def save_model(pipeline, path, *, feature_names, model_version):
    """Check, then dump one dict with joblib (compressed)."""
    check_is_fitted(pipeline)
    names = [str(n) for n in feature_names]
    if len(names) != pipeline.n_features_in_:
        raise ValueError(
            f"{len(names)} feature names for a pipeline fitted on {pipeline.n_features_in_} features"
        )
    if len(names) != len(set(names)):
        raise ValueError("duplicate feature names")
    if not model_version or not str(model_version).strip():
        raise ValueError("empty model_version")
    joblib.dump(
        {
            "pipeline": pipeline,
            "schema": {"feature_names": names, "n_features": len(names)},
            "metadata": {
                "model_version": str(model_version),
                "sklearn_version": sklearn.__version__,
                "classes": [c.item() if hasattr(c, "item") else c for c in pipeline.classes_],
            },
        },
        path,
        compress=3,
    )
    return Path(path)


def load_model(path, *, expected_features=None):
    """Load and check with packaging's Version."""
    artifact = joblib.load(path)
    if not (isinstance(artifact, dict) and all(k in artifact for k in ARTIFACT_KEYS)):
        raise ValueError(
            f"{path} is not a model artifact: expected a dict with keys {list(ARTIFACT_KEYS)}"
        )
    schema, metadata, pipeline = artifact["schema"], artifact["metadata"], artifact["pipeline"]
    names = list(schema.get("feature_names") or [])
    fitted_on = getattr(pipeline, "n_features_in_", None)
    if not (len(names) == schema.get("n_features") == fitted_on):
        raise ValueError(
            f"the artifact's schema lists {len(names)} features but the pipeline was fitted on "
            f"{fitted_on}"
        )
    saved, installed = Version(str(metadata.get("sklearn_version"))), Version(sklearn.__version__)
    if (saved.major, saved.minor) != (installed.major, installed.minor):
        raise ValueError(
            f"the artifact was saved with scikit-learn {metadata.get('sklearn_version')} but "
            f"{sklearn.__version__} is installed"
        )
    if expected_features is not None and list(expected_features) != names:
        raise ValueError(
            f"the artifact's features {names} are not the expected features "
            f"{list(expected_features)} (same names, same order)"
        )
    return artifact


def create_app(model_path, *, max_batch_rows: int = MAX_BATCH_ROWS):
    """The service; see the reference contract."""
    if max_batch_rows < 1:
        raise ValueError("max_batch_rows must be at least 1")
    artifact = load_model(model_path)
    pipeline = artifact["pipeline"]
    names = artifact["schema"]["feature_names"]
    n = len(names)
    metadata = artifact["metadata"]
    scaler = pipeline[0]
    probe = np.asarray(getattr(scaler, "mean_", np.zeros(n)), dtype=float).reshape(1, n)

    def count_problem(got):
        return f"expected {n} features ({', '.join(names)}), got {got}"

    class One(BaseModel):
        model_config = ConfigDict(extra="forbid")
        features: conlist(_Number)

        @field_validator("features")
        @classmethod
        def _count(cls, features):
            if len(features) != n:
                raise ValueError(count_problem(len(features)))
            return features

    class Many(BaseModel):
        model_config = ConfigDict(extra="forbid")
        rows: conlist(conlist(_Number), min_length=1)

    def unscorable(X):
        with np.errstate(all="ignore"):
            try:
                inner = pipeline[:-1].transform(X)
            except (ValueError, OverflowError):
                return list(range(len(X)))
            bad = ~np.isfinite(inner).all(axis=1)
            good = np.flatnonzero(~bad)
            if good.size:
                try:
                    p = pipeline[-1].predict_proba(inner[good])
                    bad[good[~np.isfinite(p).all(axis=1)]] = True
                except (ValueError, OverflowError):
                    bad[good] = True
        return np.flatnonzero(bad).tolist()

    def score(X, where):
        bad = unscorable(X)
        if bad:
            detail = [
                {"loc": [*where, i] if where[-1] == "rows" else list(where), "msg": "values overflow the model", "type": "overflow"}
                for i in bad
            ]
            return None, JSONResponse(status_code=422, content={"detail": detail})
        with np.errstate(all="ignore"):
            p = pipeline.predict_proba(X)
        labels = [metadata["classes"][k] for k in p.argmax(axis=1)]
        return (labels, p.tolist()), None

    app = FastAPI()

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        detail = []
        for e in exc.errors():
            loc = list(e.get("loc", ()))
            detail.append({"loc": loc, "msg": str(e.get("msg")), "type": str(e.get("type"))})
        return JSONResponse(status_code=422, content={"detail": detail})

    @app.get("/health")
    def health():
        try:
            with np.errstate(all="ignore"):
                ok = bool(np.isfinite(pipeline.predict_proba(probe)).all())
        except Exception:
            ok = False
        body = {
            "status": "ok" if ok else "unavailable",
            "model_version": metadata["model_version"],
            "sklearn_version": metadata["sklearn_version"],
            "feature_names": names,
        }
        return JSONResponse(status_code=200 if ok else 503, content=body)

    @app.post("/predict")
    def predict(body: One):
        result, error = score(np.array([body.features], dtype=float), ("body", "features"))
        if error:
            return error
        labels, p = result
        return {
            "prediction": labels[0],
            "probabilities": p[0],
            "classes": metadata["classes"],
            "model_version": metadata["model_version"],
        }

    @app.post("/predict/batch")
    def predict_batch(body: Many):
        if len(body.rows) > max_batch_rows:
            raise HTTPException(
                status_code=413,
                detail=f"a batch may hold at most {max_batch_rows} rows; this one has {len(body.rows)}",
            )
        problems = [
            {"loc": ["body", "rows", i], "msg": f"row {i}: {count_problem(len(r))}", "type": "value_error"}
            for i, r in enumerate(body.rows)
            if len(r) != n
        ]
        if problems:
            return JSONResponse(status_code=422, content={"detail": problems})
        result, error = score(np.array(body.rows, dtype=float), ("body", "rows"))
        if error:
            return error
        labels, p = result
        return {
            "predictions": labels,
            "probabilities": p,
            "classes": metadata["classes"],
            "model_version": metadata["model_version"],
        }

    return app


def create_app_from_env():
    """create_app(os.environ["MODEL_PATH"])."""
    path = os.environ.get(MODEL_PATH_VARIABLE, "")
    if not path:
        raise ValueError("MODEL_PATH is not set")
    return create_app(path)


def dockerfile():
    """The Dockerfile, kept in this module."""
    return _DOCKERFILE
