"""Mistake: a HEALTHCHECK that runs curl, which the slim Python image does not have: the check
fails in every container, which an orchestrator then restarts forever.
"""

from kata_harness.catalog import SOLUTIONS_DIR
from kata_harness.implementation import inherit_reference


def dockerfile():
    text = (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")
    mutated = text.replace(
        """CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]""",
        "CMD curl -fsS http://127.0.0.1:8000/health || exit 1",
    )
    assert mutated != text, "the mutation no longer applies to the reference Dockerfile"
    return mutated


inherit_reference(globals(), "11_deployment")
