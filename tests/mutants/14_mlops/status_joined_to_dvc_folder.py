"""Mistake: data_status joins DVC's output path onto the .dvc file's folder.

DVC already names the output relative to the working directory (or the repository), so a tracked
data/train.csv comes back as data/data/train.csv; files at the repository root hide the mistake.
"""

from pathlib import Path

from dvc.repo import Repo

from kata_harness.implementation import inherit_reference


def data_status(repo_root):
    repo_root = Path(repo_root).resolve()
    changes = {}
    with Repo(repo_root) as repo:
        for dvc_file, entries in repo.status().items():
            stage_dir = (Path.cwd() / dvc_file).resolve().parent
            for entry in entries:
                if not isinstance(entry, dict):
                    continue
                for output, state in entry.get("changed outs", {}).items():
                    changes[(stage_dir / output).relative_to(repo_root).as_posix()] = state
    return changes


inherit_reference(globals(), "14_mlops")
