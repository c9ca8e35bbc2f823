"""Detection where prevention is out of reach: a static scan of each submitted module, and copy
detection against the reference on normalised code.

The learner's code runs in the process that runs its tests, so it can reach into pytest and the
recorder; no sandbox stops that. What it needs to do so (pytest's internals, frames, the garbage
collector, ctypes, a subprocess, an exit hook) is visible in its source, so the scan names it for a
human to review. A flag is not a verdict: it costs no point.
"""

from __future__ import annotations

import ast
import difflib
import re
from dataclasses import dataclass

# Modules whose use in a kata module deserves a look, and why.
_FLAGGED_MODULES = {
    "kata_harness": "imports the grading harness",
    "_pytest": "imports pytest's internals",
    "pytest": "imports pytest",
    "pluggy": "imports pytest's plugin system",
    "atexit": "registers code to run at interpreter exit",
    "gc": "uses the garbage collector (can reach any live object)",
    "ctypes": "uses ctypes (raw memory and system calls)",
    "subprocess": "starts other programs",
    "importlib.metadata": "reads installed packages' metadata (where the course is installed)",
}
# Attribute chains, matched on their dotted text.
_FLAGGED_ATTRIBUTES = {
    "sys._getframe": "walks the call stack (sys._getframe)",
    "inspect.currentframe": "walks the call stack (inspect)",
    "inspect.stack": "walks the call stack (inspect)",
    "inspect.getouterframes": "walks the call stack (inspect)",
    "inspect.trace": "walks the call stack (inspect)",
    "os.fork": "forks the process",
    "os.forkpty": "forks the process",
    "os.system": "starts other programs",
    "os.popen": "starts other programs",
    "os.posix_spawn": "starts other programs",
    "os.execv": "replaces the process",
    "os.execve": "replaces the process",
    "os._exit": "ends the interpreter without cleanup",
    "importlib.metadata": _FLAGGED_MODULES["importlib.metadata"],
    "sys.addaudithook": "installs an audit hook",
    "sys.argv": "reads the test process's command line (where the recorder writes)",
}
_FRAME_ATTRIBUTES = {"f_back", "f_globals", "f_locals", "tb_frame", "gi_frame", "cr_frame"}
_PROC = re.compile(r"/proc(/|$)|/dev/fd")


@dataclass(frozen=True)
class Flag:
    rule: str
    line: int
    detail: str

    def to_json(self) -> dict:
        return {"rule": self.rule, "line": self.line, "detail": self.detail}


def _dotted(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _module_rule(name: str) -> tuple[str, str] | None:
    for module, why in _FLAGGED_MODULES.items():
        if name == module or name.startswith(module + "."):
            return module, why
    return None


def static_flags(source: bytes | str) -> list[Flag]:
    """Everything in ``source`` that could reach the test process or the outside, with its line."""
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return _flags_from_text(text)
    flags: set[Flag] = set()
    aliases: dict[str, str] = {}  # local name -> module it stands for
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                aliases[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
                found = _module_rule(alias.name)
                if found:
                    flags.add(Flag(found[0], node.lineno, f"import {alias.name}: {found[1]}"))
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                aliases[alias.asname or alias.name] = full
                found = _module_rule(node.module) or _module_rule(full)
                if found:
                    flags.add(
                        Flag(
                            found[0],
                            node.lineno,
                            f"from {node.module} import {alias.name}: {found[1]}",
                        )
                    )
                elif full in _FLAGGED_ATTRIBUTES:
                    flags.add(Flag(full, node.lineno, _FLAGGED_ATTRIBUTES[full]))
        elif isinstance(node, ast.Attribute):
            dotted = _dotted(node)
            if dotted:
                head, _, rest = dotted.partition(".")
                resolved = f"{aliases.get(head, head)}.{rest}" if rest else aliases.get(head, head)
                for pattern, why in _FLAGGED_ATTRIBUTES.items():
                    if resolved == pattern or resolved.startswith(pattern + "."):
                        flags.add(Flag(pattern, node.lineno, why))
            if node.attr in _FRAME_ATTRIBUTES:
                flags.add(Flag("frame walking", node.lineno, f".{node.attr}: reads another frame"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _PROC.search(node.value):
                flags.add(Flag("/proc", node.lineno, "names a /proc path"))
            found = _module_rule(node.value)
            if found:
                flags.add(
                    Flag(
                        found[0],
                        node.lineno,
                        f"the string {node.value!r}: {found[1]} (dynamic import?)",
                    )
                )
    return sorted(flags, key=lambda flag: (flag.line, flag.rule))


def _flags_from_text(text: str) -> list[Flag]:
    """For a file that does not parse: the same rules on the raw text, line by line."""
    flags = []
    for number, line in enumerate(text.splitlines(), 1):
        for word in (*_FLAGGED_MODULES, *_FLAGGED_ATTRIBUTES):
            if re.search(rf"\b{re.escape(word)}\b", line):
                flags.append(Flag(word, number, "named in a file that does not parse"))
        if _PROC.search(line):
            flags.append(Flag("/proc", number, "names a /proc path"))
    return flags


# --- copy detection -----------------------------------------------------------------------------


class _Normaliser(ast.NodeTransformer):
    """Drops docstrings and renames every local name to its order of first appearance."""

    def __init__(self, keep: set[str]):
        self.keep = keep
        self.names: dict[str, str] = {}

    def _rename(self, name: str) -> str:
        if name in self.keep:
            return name
        return self.names.setdefault(name, f"_v{len(self.names)}")

    def _drop_docstring(self, node):
        body = getattr(node, "body", None)
        if (
            body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            node.body = body[1:] or [ast.Pass()]
        return node

    def visit_Module(self, node):
        return self.generic_visit(self._drop_docstring(node))

    def visit_FunctionDef(self, node):
        node = self._drop_docstring(node)
        node.name = self._rename(node.name)
        node.returns = None  # annotations are style, not substance
        return self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        node = self._drop_docstring(node)
        node.name = self._rename(node.name)
        return self.generic_visit(node)

    def visit_arg(self, node):
        node.arg = self._rename(node.arg)
        node.annotation = None
        return node

    def visit_Name(self, node):
        node.id = self._rename(node.id)
        return node


def normalised_dump(source: bytes | str, public: set[str] | None = None) -> str | None:
    """An AST dump without comments, docstrings or annotations, with local names normalised.

    ``public`` names (the kata's API) and builtins keep their names. None if it does not parse.
    """
    text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    import builtins

    keep = set(dir(builtins)) | set(public or ())
    tree = _Normaliser(keep).visit(tree)
    return ast.dump(tree, annotate_fields=False, include_attributes=False)


@dataclass(frozen=True)
class CopyCheck:
    verdict: str  # "copy", "similar", "distinct" or "unknown"
    similarity: float | None = None

    def to_json(self) -> dict:
        return {"verdict": self.verdict, "similarity": self.similarity}


SIMILAR_RATIO = 0.9


def compare_with_reference(submitted: bytes | None, reference: bytes | None) -> CopyCheck:
    """ "copy" when the normalised code is the reference's, "similar" above 90 % alike,
    "unknown" when there is no reference (or either side does not parse)."""
    if submitted is None or reference is None:
        return CopyCheck("unknown")
    public = _public_names(reference)
    mine, theirs = normalised_dump(submitted, public), normalised_dump(reference, public)
    if mine is None or theirs is None:
        return CopyCheck("unknown")
    if mine == theirs:
        return CopyCheck("copy", 1.0)
    matcher = difflib.SequenceMatcher(None, mine, theirs, autojunk=False)
    ratio = round(matcher.quick_ratio(), 3)
    if ratio >= SIMILAR_RATIO:
        ratio = round(matcher.ratio(), 3)
    return CopyCheck("similar" if ratio >= SIMILAR_RATIO else "distinct", ratio)


def _public_names(source: bytes) -> set[str]:
    try:
        tree = ast.parse(source.decode("utf-8", "replace"))
    except (SyntaxError, ValueError):
        return set()
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names
