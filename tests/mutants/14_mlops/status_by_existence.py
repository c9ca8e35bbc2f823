"""Mistake: "status" that only checks whether each tracked file still exists.

An edited file still exists, so silent changes to training data go unnoticed; comparing content
hashes, which is what dvc status does, is the point of versioning data.
"""

from pathlib import Path

import yaml

from kata_harness.implementation import inherit_reference


def data_status(repo_root):
    root = Path(repo_root)
    changes = {}
    for dvc_file in root.rglob("*.dvc"):
        for out in yaml.safe_load(dvc_file.read_text()).get("outs", []):
            path = dvc_file.parent / out["path"]
            if not path.exists():
                changes[path.relative_to(root).as_posix()] = "deleted"
    return changes


inherit_reference(globals(), "14_mlops")
