"""Mistake: ENV MODEL_PATH names a path the artifact was never copied to, so the service cannot start."""

from kata_harness.catalog import SOLUTIONS_DIR
from kata_harness.implementation import inherit_reference


def dockerfile():
    text = (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")
    mutated = (
        text
        .replace('ENV MODEL_PATH=/srv/model/model.joblib', 'ENV MODEL_PATH=/models/model.joblib')
    )
    assert mutated != text, "the mutation no longer applies to the reference Dockerfile"
    return mutated


inherit_reference(globals(), "11_deployment")
