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
3. Some tests run the implementation in another process: 11 serves it under uvicorn from a copy
   of its file, 15 runs it as a script. mutmut's trampolined file cannot run there (its trampolines
   look for mutmut's configuration in that process's folder, and would dispatch by the module name
   ``deployment``, so the active mutant would never run). Such tests get a plain module instead
   (``Implementation.path``): the reference with only the active mutant applied, written once per
   mutant beside mutmut's copy, inside the temporary mutation folder. So the other process serves
   the same mutant as the tests' own process, and a mutant only that process reveals is killed.
"""

from __future__ import annotations

import os
from pathlib import Path

import libcst as cst
import pytest
from mutmut.mutation.diff_apply import (
    find_top_level_function_or_method,
    read_functions_from_index,
    read_mutant_function,
)
from mutmut.mutation.trampoline import get_mutant_under_test
from mutmut.utils.format_utils import orig_function_and_class_names_from_key

import kata_harness.implementation as implementation
from kata_harness.catalog import REPO_ROOT

# The node ids mutmut chose for the mutant under test (empty outside a mutant's run).
_CHOSEN: set[str] = set()


def _dotted_path(kata, path: Path) -> str:
    relative = path.resolve().relative_to(REPO_ROOT)
    return ".".join(relative.with_suffix("").parts)


def _standalone_file(path: Path) -> Path:
    """A plain module for another process: the reference with the active mutant (if any) applied."""
    try:
        relative = path.resolve().relative_to(REPO_ROOT)  # REPO_ROOT is mutmut's mutants/ copy
    except ValueError:
        return path
    original = REPO_ROOT.parent / relative  # the unmutated reference that mutmut copied from
    if not original.is_file() or original.resolve() == path.resolve():
        return path  # not a file mutmut rewrote
    active = get_mutant_under_test()
    module, _, mutant = active.rpartition(".")
    if "__mutmut_" not in mutant or module != ".".join(relative.with_suffix("").parts):
        mutant = ""  # statistics, the clean run, or a mutant of another module: the reference
    target = REPO_ROOT.parent / "standalone" / (mutant or "reference") / relative.name
    if not target.exists():
        code = original.read_text(encoding="utf-8")
        if mutant:
            code = _apply(active, path.resolve(), code)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}")
        partial.write_text(code, encoding="utf-8")
        os.replace(partial, target)  # another child may write the same file at the same time
    return target


def _apply(mutant_name: str, mutated_file: Path, reference: str) -> str:
    """The reference's source with one function replaced by mutmut's mutant of it (as `mutmut
    apply` does, without touching any file)."""
    functions = read_functions_from_index(mutant_name, mutated_file)  # absolute: no cwd needed
    if functions is None:
        module = cst.parse_module(mutated_file.read_text(encoding="utf-8"))
        mutated = read_mutant_function(module, mutant_name)
    else:
        mutated = functions[1]
    name, _ = orig_function_and_class_names_from_key(mutant_name)
    tree = cst.parse_module(reference)
    original = find_top_level_function_or_method(tree, name)
    if original is None:
        raise RuntimeError(f"{mutant_name}: the reference has no function {name} to replace")
    return tree.deep_replace(original, mutated.with_changes(name=cst.Name(name))).code


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
    implementation._standalone_file = _standalone_file
