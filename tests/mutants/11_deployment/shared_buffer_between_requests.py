"""Mistake: requests share one module-level buffer: each writes its rows there and scores
what it finds a moment later. One at a time it works; under concurrent requests (FastAPI runs
sync endpoints in a thread pool) a client gets another client's answer.
"""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "11_deployment" / "deployment.py").read_text(encoding="utf-8")
_CHANGES = [('    def score(rows: list[list[float]], field: str) -> tuple[list, list[list[float]]]:\n        X = np.asarray(rows, dtype=float)', '    def score(rows: list[list[float]], field: str) -> tuple[list, list[list[float]]]:\n        _BUFFER["rows"] = np.asarray(rows, dtype=float)\n        time.sleep(0.005)  # any work between writing and reading the shared state\n        X = _BUFFER["rows"]'), ('import os\n', 'import os\nimport time\n\n_BUFFER = {}\n')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())


def dockerfile():
    """The reference's Dockerfile: this mutant's mistake is in the service."""
    return (SOLUTIONS_DIR / "11_deployment" / "Dockerfile").read_text(encoding="utf-8")
