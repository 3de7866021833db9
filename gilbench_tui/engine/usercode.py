"""A user's own function as a workload, seen from the parent: read, never imported or run here.

`FILE.py:FUNC` and `package.module:FUNC` are checked by parsing the source (ast): the file is
there, it parses, FUNC is defined at its top level, and FUNC(size, index) or FUNC() can be called.
That is all the app does with a file (the function list under "your code…" comes from the same
parse). Whether it also imports on the chosen interpreter is asked of that interpreter, in a
process of its own (`interpreter_problem`, which the CLI runs when the user names the code), since
only importing can tell. A file's SHA-256 goes with the run, so a rerun can see the file changed.
"""

from __future__ import annotations

import ast
import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from gilbench_tui.probe.usercode import describe, is_file, is_reference, split

__all__ = [
    "FunctionInfo",
    "changed_since",
    "file_sha256",
    "functions_in",
    "interpreter_problem",
    "is_reference",
    "normalise",
    "short_name",
    "source_of",
    "static_problem",
]

PROBE_CHECK = Path(__file__).resolve().parent.parent / "probe" / "usercode.py"
CHECK_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class FunctionInfo:
    """A top-level function of a file, as parsing finds it."""

    name: str
    params: tuple[str, ...]
    line: int
    #: None when gilbench can call it as FUNC(size, index) or FUNC(), else why not.
    problem: str | None

    @property
    def signature(self) -> str:
        return f"{self.name}({', '.join(self.params)})"


def short_name(workload: str) -> str:
    """What a list shows for a workload: a catalog name as it is, a user's `work() in file.py`."""
    return describe(workload) if is_reference(workload) else workload


def normalise(ref: str) -> str:
    """The reference as it is kept: a file's path made absolute (`~` expanded); a module's as is."""
    target, func = split(ref.strip())
    if is_file(target):
        target = os.path.abspath(os.path.expanduser(target))
    return f"{target}:{func}"


def source_of(ref: str) -> Path | None:
    """The source file behind a reference: the file itself, or the module's file found from the
    current directory and PYTHONPATH (None when it is elsewhere, an installed package say)."""
    target, _ = split(ref)
    if is_file(target):
        return Path(target).expanduser()
    parts = target.split(".")
    roots = [os.getcwd(), *[p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]]
    for root in roots:
        base = Path(root, *parts)
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
    return None


def file_sha256(ref: str) -> str | None:
    """The SHA-256 of the reference's source file, or None when there is no file to read."""
    path = source_of(ref)
    if path is None:
        return None
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def changed_since(workload: str, sha256: str | None) -> str | None:
    """Why a stored run of a user's file may no longer apply: the file changed since (None when
    it did not, when no hash was kept, or when the file is gone, which running will report)."""
    if sha256 is None or not is_reference(workload):
        return None
    now = file_sha256(workload)
    if now is None or now == sha256:
        return None
    path = source_of(workload)
    return (
        f"{path} changed since this run was measured (SHA-256 {sha256[:12]}… is now "
        f"{now[:12]}…): the new run measures the code as it is now. Run it anyway?"
    )


def functions_in(path: Path) -> list[FunctionInfo]:
    """The file's top-level functions in source order; ValueError (one line) when it cannot be
    read or parsed."""
    tree = _parse(path)
    return [
        _info(node)
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]


def static_problem(ref: str) -> str | None:
    """None when parsing finds nothing wrong with `ref`, otherwise one line naming file and line."""
    target, func = split(ref)
    if not target:
        return "no file given: FILE.py:FUNC or package.module:FUNC"
    if not func:
        return f"choose a function of {target}"
    if not func.isidentifier():
        return f"{func!r} is not a function name: FILE.py:FUNC or package.module:FUNC"
    path = source_of(ref)
    if path is None:
        if is_file(target):
            return f"no such file: {target}"
        return None  # an installed module: only the interpreter can tell
    if not path.is_file():
        return f"no such file: {path}"
    try:
        tree = _parse(path)
    except ValueError as exc:
        return str(exc)
    found = [
        node
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == func
    ]
    if not found:
        if func in _other_names(tree):
            return None  # bound some other way (an import, an assignment): the interpreter checks
        return f"{path} has no top-level function {func!r}"
    info = _info(found[-1])
    return None if info.problem is None else f"{path}:{info.line}: {info.problem}"


def interpreter_problem(ref: str, python: str) -> str | None:
    """Import `ref` on `python` in a process of its own: None when it imports with a usable
    signature, otherwise the one line that interpreter gave."""
    try:
        done = subprocess.run(
            [python, "-I", str(PROBE_CHECK), ref],
            capture_output=True,
            text=True,
            timeout=CHECK_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return f"importing {ref} took over {CHECK_TIMEOUT_S:g} s"
    except OSError as exc:
        return f"cannot run {python}: {exc.strerror or exc}"
    if done.returncode == 0:
        return None
    lines = [line.strip() for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    return lines[-1] if lines else f"checking {ref} failed with exit code {done.returncode}"


def _parse(path: Path) -> ast.Module:
    try:
        source = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return ast.parse(source, filename=str(path))
    except SyntaxError as exc:
        raise ValueError(f"{path}:{exc.lineno}: syntax error: {exc.msg}") from None
    except ValueError as exc:
        raise ValueError(f"{path}: cannot be parsed: {exc}") from None


def _info(node: ast.FunctionDef | ast.AsyncFunctionDef) -> FunctionInfo:
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    required = len(positional) - len(args.defaults)
    kw_required = [
        a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is None
    ]
    names = [a.arg for a in positional]
    names += [f"*{args.vararg.arg}"] if args.vararg else []
    names += [a.arg for a in args.kwonlyargs]
    names += [f"**{args.kwarg.arg}"] if args.kwarg else []
    two = required <= 2 and (len(positional) >= 2 or args.vararg is not None)
    problem: str | None = None
    if isinstance(node, ast.AsyncFunctionDef):
        problem = f"{node.name} is a coroutine function; gilbench calls plain functions"
    elif kw_required:
        problem = f"{node.name} needs keyword arguments {', '.join(kw_required)}"
    elif not (two or required == 0):
        required_names = ", ".join(a.arg for a in positional[:required])
        problem = (
            f"{node.name}({required_names}) takes {required} required parameters; "
            f"gilbench calls {node.name}(size, index) or {node.name}()"
        )
    return FunctionInfo(node.name, tuple(names), node.lineno, problem)


def _other_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign | ast.AugAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.ClassDef):
            names.add(node.name)
    return names
