"""Write a kata's stub from its reference, so the two never drift apart.

    python -m kata_harness.stubgen solutions/08_imbalance/imbalance.py > katas/08_imbalance/imbalance.py

The stub keeps the reference's module docstring, its imports, its public constants and the
signature and docstring of every public function, class and method. Each body becomes a TODO and
``raise NotImplementedError``. Private helpers (a leading underscore) are left out: they are one
way to solve the kata, not part of its contract. Edit the TODO lines by hand afterwards if a
function deserves a pointer.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path


def _source_of(lines: list[str], node: ast.AST) -> str:
    start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    return "\n".join(lines[start - 1 : node.end_lineno])


def _stub_function(lines: list[str], node: ast.FunctionDef, indent: str, test_file: str) -> str:
    if not (
        node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    ):
        raise SystemExit(f"line {node.lineno}: public function {node.name} has no docstring")
    start = min([node.lineno] + [d.lineno for d in node.decorator_list])
    header = "\n".join(lines[start - 1 : node.body[0].end_lineno])
    return (
        f"{header}\n{indent}    # TODO: implement {node.name}; {test_file} says what it must do.\n"
        f"{indent}    raise NotImplementedError\n"
    )


def make_stub(reference: Path) -> str:
    source = reference.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    test_file = f"test_{reference.stem}.py"
    parts = []
    for node in tree.body:
        if isinstance(node, ast.Expr) and node is tree.body[0]:
            parts.append(_source_of(lines, node) + "\n")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            # The whole import block once, with its blank lines, at its first statement.
            if not any(
                isinstance(n, ast.Import | ast.ImportFrom)
                for n in tree.body[: tree.body.index(node)]
            ):
                last = max(
                    n.end_lineno for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)
                )
                parts.append("\n".join(lines[node.lineno - 1 : last]))
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if all(isinstance(t, ast.Name) and not t.id.startswith("_") for t in targets):
                parts.append("\n" + _source_of(lines, node))
        elif isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            parts.append("\n\n" + _stub_function(lines, node, "", test_file))
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            header_end = node.body[0].end_lineno if ast.get_docstring(node) else node.lineno
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            block = ["\n\n" + "\n".join(lines[start - 1 : header_end]) + "\n"]
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and (
                    not item.name.startswith("_") or item.name == "__init__"
                ):
                    block.append("\n" + _stub_function(lines, item, "    ", test_file))
            parts.append("".join(block))
    # Two blank lines between top-level definitions, as a formatter would leave them.
    return re.sub(r"\n{4,}", "\n\n\n", "\n".join(parts)).rstrip() + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m kata_harness.stubgen solutions/NN_slug/<slug>.py", file=sys.stderr)
        return 2
    sys.stdout.write(make_stub(Path(argv[0])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
