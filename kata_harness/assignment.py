"""An assignment: which katas, how much each weighs, the deadline and the seed policy (TOML).

```toml
[assignment]
name = "Week 1"
katas = ["01_bias_variance", "02_regularization"]   # default: every kata in the catalog
deadline = 2026-12-08T23:59:00Z                      # optional; commits after it are late
seed = "secret"                                      # "secret" (from KATAS_GRADE_SEED) or an integer

[assignment.weights]                                 # optional; every kata weighs 1 by default
"01_bias_variance" = 2
```

A kata's weighted points are its weight times the share of its claims that pass, so a kata with 34
claims weighs no more than one with 9 unless the assignment says so.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from kata_harness.catalog import load_catalog
from kata_harness.repo import KatasError

SECRET_SEED_VARIABLE = "KATAS_GRADE_SEED"


class AssignmentError(KatasError):
    """The assignment file is missing, unreadable or names what the catalog does not have."""


@dataclass(frozen=True)
class Assignment:
    name: str
    katas: tuple[str, ...]
    weights: dict[str, float] = field(default_factory=dict)
    deadline: dt.datetime | None = None
    seed: str = "secret"  # "secret", or the text of a fixed integer seed

    def weight(self, kata_id: str) -> float:
        return self.weights.get(kata_id, 1.0)

    @property
    def max_points(self) -> float:
        return sum(self.weight(kata_id) for kata_id in self.katas)

    def points(self, kata_id: str, claims_passed: int, claims_total: int) -> float:
        """Weighted points: the weight times the share of the kata's claims that pass."""
        if kata_id not in self.katas or claims_total <= 0:
            return 0.0
        return round(self.weight(kata_id) * claims_passed / claims_total, 4)

    def is_late(self, commit_time: str | None) -> bool:
        if self.deadline is None or not commit_time:
            return False
        return dt.datetime.fromisoformat(commit_time) > self.deadline

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "katas": list(self.katas),
            "weights": {kata_id: self.weight(kata_id) for kata_id in self.katas},
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "seed": "secret" if self.seed == "secret" else int(self.seed),
        }


def default_assignment() -> Assignment:
    """Every kata in the catalog, each weighing 1, no deadline."""
    return Assignment("all katas", tuple(k.id for k in load_catalog()))


def load_assignment(path: Path) -> Assignment:
    """Read and check an assignment file; every problem is one message naming the file."""
    try:
        document = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AssignmentError(f"no assignment file at {path}") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise AssignmentError(f"{path} is not a readable TOML file: {error}") from None
    table = document.get("assignment")
    if not isinstance(table, dict):
        raise AssignmentError(f"{path} has no [assignment] table")
    known = [k.id for k in load_catalog()]
    katas = table.get("katas", known)
    if not isinstance(katas, list) or not katas or not all(isinstance(k, str) for k in katas):
        raise AssignmentError(f"{path}: katas must be a non-empty list of kata ids")
    unknown = [k for k in katas if k not in known]
    if unknown:
        raise AssignmentError(f"{path}: {unknown} are not in katas.toml; choose from {known}")
    if len(set(katas)) != len(katas):
        raise AssignmentError(f"{path}: a kata is listed twice in {katas}")
    weights = table.get("weights", {})
    if not isinstance(weights, dict):
        raise AssignmentError(f"{path}: [assignment.weights] must be a table of kata = number")
    for kata_id, weight in weights.items():
        if kata_id not in katas:
            raise AssignmentError(f"{path}: a weight for {kata_id}, which the assignment omits")
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
            raise AssignmentError(f"{path}: the weight of {kata_id} must be a number >= 0")
    deadline = table.get("deadline")
    if deadline is not None:
        if not isinstance(deadline, dt.datetime) or deadline.tzinfo is None:
            raise AssignmentError(
                f"{path}: deadline must be a TOML date-time with a time zone, "
                "e.g. 2026-12-08T23:59:00Z"
            )
    seed = table.get("seed", "secret")
    if not (seed == "secret" or (isinstance(seed, int) and not isinstance(seed, bool))):
        raise AssignmentError(f'{path}: seed must be "secret" or an integer')
    return Assignment(
        name=str(table.get("name", Path(path).stem)),
        katas=tuple(katas),
        weights={k: float(v) for k, v in weights.items()},
        deadline=deadline,
        seed=str(seed),
    )


def annotate(document: dict, assignment: Assignment) -> dict:
    """Add the assignment and the weighted points to a grade document, beside the raw claims."""
    document["assignment"] = assignment.to_json()
    weighted = 0.0
    for kata in document.get("katas", []):
        kata["weight"] = assignment.weight(kata["id"])
        kata["weighted_points"] = assignment.points(
            kata["id"], kata.get("claims_passed", 0), kata.get("claims_total", 0)
        )
        weighted += kata["weighted_points"]
    score = document.setdefault("score", {})
    score["weighted_points"] = round(weighted, 4)
    score["weighted_max_points"] = assignment.max_points
    commit_time = (document.get("submission") or {}).get("commit_time")
    document["late"] = assignment.is_late(commit_time)
    return document
