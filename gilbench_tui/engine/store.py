"""History: every finished run, one JSON line each, in `<data dir>/runs.jsonl`.

Appends are a single write of a whole line to a file opened with O_APPEND, so concurrent writers
(the CLI and the app) never interleave and a killed writer leaves at most one torn last line. Reading
skips and counts lines that are not valid runs instead of failing: a torn or garbage line, another
schema, and a run with a field of the wrong type (see RunDocument.from_json) all take that one path.
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from gilbench_tui.engine.references import UnreadableRun, resolve
from gilbench_tui.engine.results import RunDocument, SchemaError

__all__ = ["History", "Store", "StoreError", "UnreadableRun", "default_data_dir"]

ENV_VAR = "GILBENCH_DATA_DIR"
HISTORY_FILE = "runs.jsonl"


class StoreError(OSError):
    """The data dir or the history file cannot be used; the message is for the user."""


def default_data_dir() -> Path:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("gilbench", appauthor=False))


@dataclass
class History:
    runs: list[RunDocument] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    #: Where an unreadable history file was moved, when it was.
    moved_to: Path | None = None
    #: The id of each skipped line that has one → why it was skipped, so that asking for that run
    #: says it is damaged rather than unknown.
    unreadable: dict[str, str] = field(default_factory=dict)

    def find(self, ref: str) -> RunDocument:
        """The readable run `ref` names (see references.resolve); LookupError if none or several
        match, UnreadableRun if the one that matches is a skipped line."""
        return resolve(self.runs, ref, self.unreadable)

    def describe_problems(self) -> str | None:
        """One line about what could not be read, or None."""
        if self.moved_to is not None:
            return f"the history file could not be read; it was moved to {self.moved_to}"
        if not self.skipped:
            return None
        count = len(self.skipped)
        lines = "line" if count == 1 else "lines"
        detail = "; ".join(self.skipped[:3]) + ("; …" if count > 3 else "")
        return f"skipped {count} unreadable {lines} in the history ({detail})"


class Store:
    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = Path(data_dir).expanduser() if data_dir else default_data_dir()
        self.path = self.data_dir / HISTORY_FILE

    def check_writable(self) -> None:
        """Fail before a run, not after it, when the history cannot be written."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create data dir {self.data_dir}: {exc.strerror}") from exc
        if self.path.exists() and not self.path.is_file():
            raise StoreError(f"cannot write history: {self.path} is not a file")
        target = self.path if self.path.exists() else self.data_dir
        if not os.access(target, os.W_OK):
            raise StoreError(f"cannot write history in {self.data_dir}: permission denied")

    def append(self, run: RunDocument) -> None:
        line = json.dumps(run.to_json(), separators=(",", ":"), ensure_ascii=False) + "\n"
        data = line.encode("utf-8")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # a delete rewriting the file waits for the append
            if os.fstat(fd).st_size and not _ends_with_newline(fd):
                data = b"\n" + data
            written = os.write(fd, data)
            if written != len(data):
                raise StoreError(f"short write to {self.path}: history may hold a torn line")
            os.fsync(fd)
        finally:
            os.close(fd)

    def load(self) -> History:
        history = History()
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return history
        except OSError as exc:
            raise StoreError(f"cannot read history {self.path}: {exc.strerror}") from exc
        for number, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                history.runs.append(RunDocument.from_json(json.loads(line)))
            except (ValueError, SchemaError, UnicodeDecodeError, RecursionError) as exc:
                run_id = _line_id(line)
                named = f" (run {run_id})" if run_id else ""
                history.skipped.append(f"line {number}{named}: {_reason(exc)}")
                if run_id:
                    history.unreadable[run_id] = f"line {number}: {_reason(exc)}"
        if history.skipped and not history.runs and _looks_binary(raw):
            history.moved_to = self._move_aside()
            history.skipped = []
            history.unreadable = {}
        return history

    def delete(self, run_id: str) -> None:
        """Remove one run; every other line, readable or not, is kept as it was.

        The file is rewritten beside itself and renamed over the old one, so a crash leaves
        either the old history or the new one, never half of each.
        """
        try:
            lock = os.open(self.path, os.O_RDWR)
        except FileNotFoundError:
            raise LookupError(f"no run with id {run_id!r}") from None
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)  # no append can land between the read and the rename
            self._rewrite_without(run_id)
        finally:
            os.close(lock)

    def _rewrite_without(self, run_id: str) -> None:
        raw = self.path.read_bytes()
        kept: list[bytes] = []
        found = False
        for line in raw.splitlines(keepends=True):
            if _line_id(line) == run_id:
                found = True
                continue
            kept.append(line if line.endswith(b"\n") else line + b"\n")
        if not found:
            raise LookupError(f"no run with id {run_id!r}")
        temporary = self.path.with_name(f".{HISTORY_FILE}.{os.getpid()}.tmp")
        with open(temporary, "wb") as f:
            f.write(b"".join(kept))
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, self.path)

    def _move_aside(self) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{HISTORY_FILE}.unreadable-{stamp}")
        os.replace(self.path, target)
        return target


def _line_id(line: bytes) -> str | None:
    try:
        data = json.loads(line)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    run_id = data.get("id") if isinstance(data, dict) else None
    return run_id if isinstance(run_id, str) else None


def _looks_binary(raw: bytes) -> bool:
    """A file with NUL bytes or that is not text at all, rather than one with a few bad lines."""
    if b"\x00" in raw:
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _ends_with_newline(fd: int) -> bool:
    size = os.fstat(fd).st_size
    return os.pread(fd, 1, size - 1) == b"\n"


def _reason(exc: Exception) -> str:
    if isinstance(exc, SchemaError):
        return str(exc)
    return "not valid JSON"
