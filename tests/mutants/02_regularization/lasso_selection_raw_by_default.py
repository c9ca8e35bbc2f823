"""Mistake: standardize=False as the default, so by default the penalty sees the raw columns and their units."""

from kata_harness.catalog import SOLUTIONS_DIR

# The reference with one change, so the mutant differs from it in exactly its mistake.
_SOURCE = (SOLUTIONS_DIR / "02_regularization" / "regularization.py").read_text(encoding="utf-8")
_CHANGES = [('\ndef lasso_selected_features(X, y, alpha: float, standardize: bool = True) -> np.ndarray:\n', '\ndef lasso_selected_features(X, y, alpha: float, standardize: bool = False) -> np.ndarray:\n')]
for _old, _new in _CHANGES:
    assert _old in _SOURCE, "the mutation no longer applies to the reference"
    _SOURCE = _SOURCE.replace(_old, _new)
exec(compile(_SOURCE, __file__, "exec"), globals())
