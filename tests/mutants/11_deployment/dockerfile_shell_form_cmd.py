"""Mistake: CMD in shell form: /bin/sh becomes PID 1 and swallows the stop signal, so the container is killed instead of draining."""

from kata_harness.catalog import SOLUTIONS_DIR
from kata_harness.implementation import inherit_reference


def dockerfile():
    text = (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")
    mutated = (
        text
        .replace('CMD ["uvicorn", "deployment:create_app_from_env", "--factory", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]', 'CMD uvicorn deployment:create_app_from_env --factory --host 0.0.0.0 --port 8000 --workers 2')
    )
    assert mutated != text, "the mutation no longer applies to the reference Dockerfile"
    return mutated


inherit_reference(globals(), "11_deployment")
