"""A pytest plugin for mutation runs under mutmut 3 (used only by kata_harness.mutation).

1. mutmut rewrites each function into a trampoline that switches to the active mutant only when
   the function's ``__module__`` is the dotted path mutmut derived from the file (for example
   ``solutions.06_roc_auc.roc_auc``). The harness imports an implementation under a private name
   (``kata_impl_...``), so during a mutation run, and only then, the module is named by its path.
2. mutmut runs a mutant against the tests that called the mutated function while it collected
   its statistics. A kata test that reads a module-scoped fixture's cached result (a fitted model,
   logged runs) calls nothing, so it would never be run against the mutants it could kill. Each
   mutant is therefore tested by its kata's whole test file, still stopping at the first failure;
   the tests mutmut chose run first, since they are the likeliest to fail.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import kata_harness.implementation as implementation
from kata_harness.catalog import REPO_ROOT

# The node ids mutmut chose for the mutant under test (empty outside a mutant's run).
_CHOSEN: set[str] = set()


def _dotted_path(kata, path: Path) -> str:
    relative = path.resolve().relative_to(REPO_ROOT)
    return ".".join(relative.with_suffix("").parts)


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args: list[str]) -> None:
    if "__mutmut_" not in os.environ.get("MUTANT_UNDER_TEST", ""):
        return  # collecting statistics or the clean run: keep mutmut's own selection
    widened, files = [], set()
    for arg in args:
        if "::" in arg and not arg.startswith("-"):
            _CHOSEN.add(arg)
            arg = arg.split("::", 1)[0]  # a test's node id becomes its file
            if arg in files:
                continue
            files.add(arg)
        widened.append(arg)
    args[:] = widened


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if _CHOSEN:
        items.sort(key=lambda item: item.nodeid not in _CHOSEN)  # stable: file order otherwise


def pytest_configure(config) -> None:
    implementation._module_name = _dotted_path
