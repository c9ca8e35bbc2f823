"""Mistake: pip install with bare package names: every rebuild may bring another scikit-learn, which load_model then refuses, or another FastAPI that behaves differently."""

from kata_harness.catalog import SOLUTIONS_DIR
from kata_harness.implementation import inherit_reference


def dockerfile():
    text = (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")
    mutated = (
        text
        .replace('scikit-learn==1.9.1', 'scikit-learn')
        .replace('fastapi==0.165.0', 'fastapi')
        .replace('uvicorn==0.54.0', 'uvicorn')
    )
    assert mutated != text, "the mutation no longer applies to the reference Dockerfile"
    return mutated


inherit_reference(globals(), "11_deployment")
