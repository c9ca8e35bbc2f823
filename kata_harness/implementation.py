"""Loading the implementation under test: the learner's module, the reference or a mutant.

Kata tests never import these modules themselves. They receive one through the ``impl`` fixture,
which calls `load_implementation`, so a single switch (``--impl-dir``) decides what is tested.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import traceback
from pathlib import Path
from types import ModuleType

from kata_harness.catalog import REPO_ROOT, SOLUTIONS_DIR, Kata, find_kata


class KataLoadError(Exception):
    """The implementation file could not be imported; the message names the file and the line."""


class MissingKataName(AttributeError):
    """A test asked for a function or class the implementation does not define."""


def display_path(path: Path) -> str:
    """A path relative to the repository where possible, as a learner would type it."""
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


class Implementation:
    """A loaded kata module that answers a missing name with a clear error instead of a traceback."""

    def __init__(self, kata: Kata, module: ModuleType):
        self._kata = kata
        self._module = module

    @property
    def module(self) -> ModuleType:
        return self._module

    @property
    def path(self) -> Path:
        """The implementation's file, a module that runs on its own: tests that start it in
        another process (a server, a script) copy or run this file."""
        return _standalone_file(Path(self._module.__file__))

    def __getattr__(self, name: str):
        try:
            return getattr(self._module, name)
        except AttributeError:
            raise MissingKataName(
                f"{display_path(self.path)} has no `{name}`. The stub defines it and the tests call "
                f"it; restore it from the stub (`git checkout katas/{self._kata.id}`) and fill it in."
            ) from None

    def __repr__(self) -> str:
        return f"<implementation of {self._kata.id} from {display_path(self.path)}>"


def _standalone_file(path: Path) -> Path:
    # The imported file itself. Mutation runs (kata_harness.mutmut_plugin) replace this: there the
    # imported file is mutmut's trampolined copy, which another process could not run on its own.
    return path


def _module_name(kata: Kata, path: Path) -> str:
    # A flat, unique name per file: two implementations of one kata can live in one process,
    # and pickle can still find classes a module defines.
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:10]
    return f"kata_impl_{kata.id}_{digest}"


def _line_of_failure(error: BaseException, path: Path) -> str:
    frames = [f for f in traceback.extract_tb(error.__traceback__) if Path(f.filename) == path]
    if frames:
        return f", line {frames[-1].lineno}"
    return ""


def import_module_from(kata: Kata, path: Path) -> ModuleType:
    """Import one file as a fresh module, turning every failure into a `KataLoadError`."""
    shown = display_path(path)
    if not path.is_file():
        raise KataLoadError(
            f"{shown} does not exist. Every kata needs it; restore it with "
            f"`git checkout {shown}` if it was deleted."
        )
    name = _module_name(kata, path)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except SyntaxError as error:
        del sys.modules[name]
        raise KataLoadError(
            f"{shown}, line {error.lineno}: {type(error).__name__}: {error.msg}"
        ) from None
    except BaseException as error:  # noqa: BLE001 - SystemExit, KeyboardInterrupt too: a load error
        sys.modules.pop(name, None)
        raise KataLoadError(
            f"{shown}{_line_of_failure(error, path)}: importing it raised "
            f"{type(error).__name__}: {error}"
        ) from None
    return module


def load_implementation(kata: Kata, impl_dir: Path) -> Implementation:
    """The kata's module from an implementation directory, wrapped for clear errors."""
    return Implementation(kata, import_module_from(kata, kata.module_path(impl_dir)))


def public_names(module: ModuleType) -> dict[str, object]:
    """The names a module defines for its users: no leading underscore, not imported from elsewhere."""
    return {
        name: value
        for name, value in vars(module).items()
        if not name.startswith("_") and getattr(value, "__module__", None) == module.__name__
    }


def inherit_reference(namespace: dict, kata_id: str) -> None:
    """Fill a mutant's namespace with the reference's public names, so it overrides only its mistake."""
    kata = find_kata(kata_id)
    reference = import_module_from(kata, kata.module_path(SOLUTIONS_DIR))
    # Constants and imported helpers too, not only the API: the reference's own functions need them.
    for name, value in vars(reference).items():
        if not name.startswith("_"):
            namespace.setdefault(name, value)
