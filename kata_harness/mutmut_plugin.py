"""A pytest plugin for mutation runs: load the implementation under mutmut's module name.

mutmut 3 rewrites each function into a trampoline that switches to the active mutant only when the
function's ``__module__`` is the dotted path mutmut derived from the file (for example
``solutions.06_roc_auc.roc_auc``). The harness imports an implementation under a private name
(``kata_impl_...``), so during a mutation run, and only then, it names the module by its path.
"""

from __future__ import annotations

from pathlib import Path

import kata_harness.implementation as implementation
from kata_harness.catalog import REPO_ROOT


def _dotted_path(kata, path: Path) -> str:
    relative = path.resolve().relative_to(REPO_ROOT)
    return ".".join(relative.with_suffix("").parts)


def pytest_configure(config) -> None:
    implementation._module_name = _dotted_path
