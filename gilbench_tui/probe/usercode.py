"""Your own code as a workload: `FILE.py:FUNC` or `package.module:FUNC`, loaded where it runs.

A reference names a function the user wrote. The worker process imports it by path (a file) or by
name (a module, from the current directory and PYTHONPATH, which `-I` would otherwise hide), and so
does every process a strategy starts (spawn and forkserver children re-import it by path: a
UserTask pickles as its reference only) and every subinterpreter (which builds its own UserTask).

The contract: `FUNC(size, index)`, or `FUNC()` for a function that takes no arguments. A return
value made of numbers, strings, bytes, None and tuples, lists and dicts of them is folded into the
task's checksum, so every strategy must compute the same; anything else is not checked, and its
type is kept in `UNCHECKED` for the worker to report. An exception inside the function becomes a
UserCodeFailed whose one-line message names the type, the message and the user's own frame.

Run by path, `python -I usercode.py REF` checks that REF imports and has a usable signature on
that interpreter: it prints nothing and exits 0, or prints one line and exits 2.

Standard library only, Python 3.8+.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import inspect
import os
import struct
import sys
import traceback
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple

if not __package__:  # run by path: `-I` keeps this directory off sys.path
    _HERE = os.path.dirname(os.path.abspath(__file__))
    if _HERE not in sys.path:
        sys.path.insert(0, _HERE)

if TYPE_CHECKING or __package__:
    from . import records
    from .tasks_common import Output, fold
else:  # the worker process run by path has put this directory on sys.path
    import records
    from tasks_common import Output, fold

#: The GIL tag of user code in the probe: not declared, the parent measures it.
MEASURED = "measured"
#: The type names of return values that could not be checked, as first seen in this process.
UNCHECKED: List[str] = []
_LOADED: Dict[str, Callable[..., Any]] = {}
_PROBE_DIR = os.path.dirname(os.path.abspath(__file__))


class UserCodeError(ValueError):
    """The reference cannot be used: the message is one line naming the file and line."""


class UserCodeFailed(Exception):
    """The user's function raised; str() is `Type: message (file:line in func)`."""

    #: measurement.explain() shows the message as it is, without this class's name.
    explained = True


def is_reference(name: str) -> bool:
    """A workload given as `target:FUNC`; the catalog's names never hold a colon."""
    return ":" in str(name)


def split(ref: str) -> Tuple[str, str]:
    target, _, func = str(ref).rpartition(":")
    return target, func


def is_file(target: str) -> bool:
    return target.endswith(".py") or "/" in target or os.sep in target


def describe(ref: str) -> str:
    """`work() in work.py`, as people see it."""
    target, func = split(ref)
    return f"{func}() in {os.path.basename(target) if is_file(target) else target}"


def record(ref: str) -> records.Workload:
    """The catalog-shaped record of a user's function, built when a spec names one."""
    return records.Workload(
        ref,
        describe(ref),
        MEASURED,
        "Your own function; how it treats the GIL is measured, not declared.",
        "usercode:UserTask",
        task_args=(ref,),
    )


def load(ref: str) -> Callable[..., Any]:
    """The function `ref` names, imported in this process on first use; UserCodeError if not."""
    found = _LOADED.get(ref)
    if found is not None:
        return found
    target, name = split(ref)
    if not target or not name:
        raise UserCodeError(f"workload {ref!r}: give FILE.py:FUNC or package.module:FUNC")
    module = _import_file(target) if is_file(target) else _import_module(target)
    func = getattr(module, name, None)
    where = target if is_file(target) else module.__name__
    if func is None:
        raise UserCodeError(f"{where} has no function {name!r}")
    if not callable(func):
        raise UserCodeError(f"{where}: {name!r} is a {type(func).__name__}, not a function")
    _LOADED[ref] = func
    loaded: Callable[..., Any] = func
    return loaded


def _import_file(path: str) -> Any:
    path = os.path.abspath(path)
    if not os.path.isfile(path):
        raise UserCodeError(f"no such file: {path}")
    folder = os.path.dirname(path)
    if folder not in sys.path:  # as `python file.py` would, but after the probe's own folder
        sys.path.insert(1 if sys.path and sys.path[0] == _PROBE_DIR else 0, folder)
    stem = os.path.splitext(os.path.basename(path))[0]
    taken = sys.modules.get(stem)
    if taken is not None and getattr(taken, "__file__", None) == path:
        return taken
    ours = os.path.exists(os.path.join(_PROBE_DIR, stem + ".py"))  # a probe module's name
    name = (
        stem
        if taken is None and not ours and stem.isidentifier()
        else "gilbench_user_" + _digest(path)
    )
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise UserCodeError(f"{path} cannot be imported as Python")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException as exc:
        del sys.modules[name]
        raise UserCodeError(_import_problem(exc, path)) from None
    return module


def _import_module(name: str) -> Any:
    """A module from the current directory or PYTHONPATH, which the worker's `-I` leaves out."""
    extra = [os.getcwd()] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    for entry in reversed(extra):
        if entry not in sys.path:
            sys.path.insert(0, entry)
    try:
        return importlib.import_module(name)
    except BaseException as exc:
        if isinstance(exc, ModuleNotFoundError) and exc.name and name.startswith(exc.name):
            raise UserCodeError(f"no module named {name!r} (from here or PYTHONPATH)") from None
        raise UserCodeError(_import_problem(exc, None)) from None


def _import_problem(exc: BaseException, path: Optional[str]) -> str:
    if isinstance(exc, SyntaxError):
        return f"{exc.filename or path}:{exc.lineno}: syntax error: {exc.msg}"
    return "importing {} failed: {}".format(path or "the module", failure(exc))


def _digest(path: str) -> str:
    return hashlib.sha1(path.encode("utf-8", "replace")).hexdigest()[:10]


def arity(func: Callable[..., Any], ref: str) -> int:
    """2 when FUNC(size, index) can be called, 0 when FUNC() can; UserCodeError otherwise."""
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):
        return 2  # a builtin without a signature: try the contract's call
    for count in (2, 0):
        try:
            signature.bind(*range(count))
        except TypeError:
            continue
        return count
    required = [
        p.name
        for p in signature.parameters.values()
        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    return _wrong_signature(func, ref, required)


def _wrong_signature(func: Callable[..., Any], ref: str, required: List[str]) -> int:
    code = getattr(func, "__code__", None)
    where = f"{code.co_filename}:{code.co_firstlineno}: " if code is not None else ""
    name = split(ref)[1]
    raise UserCodeError(
        f"{where}{name}({', '.join(required)}) takes {len(required)} required parameters; "
        f"gilbench calls {name}(size, index) or {name}()"
    )


def problem(ref: str) -> Optional[str]:
    """None when `ref` imports here and has a usable signature, otherwise why not (one line)."""
    try:
        arity(load(ref), ref)
    except UserCodeError as exc:
        return str(exc)
    return None


class UserTask:
    """The task function for a user's function: the contract of tasks_common, any process.

    Pickles as its reference, so a child process imports the function itself; the function and
    how it is called are looked up on first use in each process."""

    def __init__(self, ref: str) -> None:
        self.ref = ref
        self._call: Optional[Callable[[int, int], Any]] = None

    def __getstate__(self) -> Dict[str, Any]:
        return {"ref": self.ref}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.ref = state["ref"]
        self._call = None

    def ready(self) -> Callable[[int, int], Any]:
        """Import the function (in this process or interpreter) and learn how to call it."""
        if self._call is None:
            func = load(self.ref)
            self._call = (lambda size, index: func()) if arity(func, self.ref) == 0 else func
        return self._call

    def __call__(self, size: int, task_index: int, keep: bool = False) -> Output:
        call = self._call or self.ready()
        try:
            value = call(size, task_index)
        except Exception as exc:
            raise UserCodeFailed(failure(exc)) from None
        digest = checksum_of(value)
        if digest is None:
            name = type(value).__name__
            if name not in UNCHECKED:
                UNCHECKED.append(name)
            return Output(fold(size, task_index), value if keep else None)
        return Output(fold(size, task_index, digest), value if keep else None)


def failure(exc: BaseException) -> str:
    """`Type: message (file:line in func)`, the frame the innermost outside gilbench's probe."""
    text = " ".join(str(exc).split())
    head = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if os.path.dirname(os.path.abspath(f.filename)) != _PROBE_DIR
        and not f.filename.startswith("<frozen")
    ]
    if isinstance(exc, SyntaxError) or not frames:
        return head
    frame = frames[-1]
    return f"{head} ({frame.filename}:{frame.lineno} in {frame.name})"


_SCALARS = (bool, int, float, str, bytes, type(None))


def checksum_of(value: Any) -> Optional[int]:
    """An int below 2**63 for a deterministic value, None for anything else (a set, an object)."""
    hasher = hashlib.sha256()
    if not _feed(hasher, value, 0):
        return None
    return int.from_bytes(hasher.digest()[:8], "little") >> 1


def _feed(hasher: Any, value: Any, depth: int) -> bool:
    if depth > 50:
        return False
    kind = type(value)
    if kind in _SCALARS:
        if kind is float:
            data = struct.pack("<d", value)
        elif kind is bytes:
            data = value
        else:
            data = repr(value).encode("utf-8", "surrogatepass")
        hasher.update(b"%s:%d:" % (kind.__name__.encode(), len(data)))
        hasher.update(data)
        return True
    if kind in (tuple, list):
        hasher.update(b"%s:%d:" % (kind.__name__.encode(), len(value)))
        return all(_feed(hasher, item, depth + 1) for item in value)
    if kind is dict:
        hasher.update(b"dict:%d:" % len(value))
        return all(
            _feed(hasher, key, depth + 1) and _feed(hasher, item, depth + 1)
            for key, item in value.items()
        )
    return False


def main(argv: List[str]) -> int:
    if len(argv) != 1:
        print("usage: usercode.py FILE.py:FUNC|package.module:FUNC", file=sys.stderr)
        return 2
    reason = problem(argv[0])
    if reason is None:
        return 0
    print(" ".join(reason.split()))
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
