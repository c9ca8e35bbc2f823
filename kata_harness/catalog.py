"""The catalog: one file, `katas.toml`, that lists every kata in order.

Every tool reads the katas from here, so none of them keeps a list of its own.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CATALOG_PATH = REPO_ROOT / "katas.toml"
KATAS_DIR = REPO_ROOT / "katas"
SOLUTIONS_DIR = REPO_ROOT / "solutions"
MUTANTS_DIR = REPO_ROOT / "tests" / "mutants"
ALTERNATIVES_DIR = REPO_ROOT / "tests" / "alternatives"

_KATA_ID = re.compile(r"^(?P<number>\d\d)_(?P<slug>[a-z][a-z0-9_]*)$")
_REQUIRED_FIELDS = ("id", "title", "question", "libraries", "markers", "hints")


class CatalogError(ValueError):
    """The catalog file is missing, unreadable or has an entry that breaks the schema."""


@dataclass(frozen=True)
class Kata:
    """One catalog entry."""

    id: str
    title: str
    question: str
    libraries: tuple[str, ...]
    markers: tuple[str, ...]
    hints: tuple[str, ...]
    # Per public function (or Class.method): tiers that deepen from a question to concrete steps.
    function_hints: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def number(self) -> int:
        return int(self.id[:2])

    @property
    def slug(self) -> str:
        return self.id[3:]

    @property
    def module_filename(self) -> str:
        return f"{self.slug}.py"

    @property
    def test_filename(self) -> str:
        return f"test_{self.slug}.py"

    def module_path(self, impl_dir: Path) -> Path:
        """Where an implementation directory keeps this kata's module."""
        return impl_dir / self.id / self.module_filename

    @property
    def folder(self) -> Path:
        return KATAS_DIR / self.id

    @property
    def test_path(self) -> Path:
        return self.folder / self.test_filename

    @property
    def mutant_paths(self) -> list[Path]:
        return sorted((MUTANTS_DIR / self.id).glob("[!_]*.py"))

    @property
    def alternative_paths(self) -> list[Path]:
        """Correct implementations written another way than the reference (tests/alternatives)."""
        return sorted((ALTERNATIVES_DIR / self.id).glob("[!_]*.py"))


def _parse_entry(index: int, entry: dict) -> Kata:
    missing = [field for field in _REQUIRED_FIELDS if field not in entry]
    if missing:
        raise CatalogError(f"{CATALOG_PATH.name}: kata #{index + 1} lacks {', '.join(missing)}")
    if not _KATA_ID.match(entry["id"]):
        raise CatalogError(
            f"{CATALOG_PATH.name}: kata id {entry['id']!r} is not of the form NN_slug "
            "(two digits, an underscore, lower-case letters)"
        )
    if len(entry["hints"]) < 2:
        raise CatalogError(f"{CATALOG_PATH.name}: {entry['id']} needs at least two tiers of hints")
    function_hints = entry.get("function_hints", {})
    if not isinstance(function_hints, dict):
        raise CatalogError(f"{CATALOG_PATH.name}: {entry['id']}.function_hints must be a table")
    for function, tiers in function_hints.items():
        if not isinstance(tiers, list) or len(tiers) < 2:
            raise CatalogError(
                f"{CATALOG_PATH.name}: {entry['id']}.function_hints.{function} needs at least "
                "two tiers of hints"
            )
    return Kata(
        id=entry["id"],
        title=entry["title"],
        question=entry["question"],
        libraries=tuple(entry["libraries"]),
        markers=tuple(entry["markers"]),
        hints=tuple(entry["hints"]),
        function_hints=tuple((name, tuple(tiers)) for name, tiers in function_hints.items()),
    )


@cache
def load_catalog(path: Path = CATALOG_PATH) -> tuple[Kata, ...]:
    """Read every kata from the catalog, in the order the file gives."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CatalogError(f"no catalog at {path}; run from a checkout of the repository") from None
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"{path.name} is not valid TOML: {error}") from None
    return tuple(_parse_entry(i, entry) for i, entry in enumerate(document.get("kata", [])))


def find_kata(kata_id: str) -> Kata:
    """Look a kata up by its folder name, e.g. ``08_imbalance``."""
    for kata in load_catalog():
        if kata.id == kata_id:
            return kata
    raise CatalogError(f"{kata_id!r} is not in {CATALOG_PATH.name}")


def all_markers() -> dict[str, str]:
    """Every marker the catalog uses, with the katas that carry it, for registration."""
    carriers: dict[str, list[str]] = {}
    for kata in load_catalog():
        for marker in kata.markers:
            carriers.setdefault(marker, []).append(kata.id)
    return {marker: ", ".join(ids) for marker, ids in carriers.items()}
