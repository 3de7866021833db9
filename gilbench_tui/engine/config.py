"""The user's settings: `config.toml` in the user config dir (or `$GILBENCH_CONFIG_DIR`).

    theme = "textual-dark"      # the app's theme; the one picked in its command palette is kept
    meter_rate = 2              # meter samples a second, above 0 and at most 2

    [spec]                      # what the app and `gilbench run` start from
    workload = "seed"
    size = "1M"                 # as --size: 2000000, 2M, 2e6, 500k
    workers = "2"               # as --workers ("1,2,4", "1-cores") or a list [1, 2, 4]
    strategies = ["serial", "threads", "processes"]
    repeat = "auto"             # or a count

Options on the command line win over the file. Each value is checked by the same parsers as the
options; a bad one is one line naming the file and the key, and its default is used (a file
that is not TOML at all: one line, and every default). A missing file is no problem.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gilbench_tui.engine import spec as specs
from gilbench_tui.engine.spec import BenchSpec, SpecError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the 3.10 branch
    import tomli as tomllib

ENV_VAR = "GILBENCH_CONFIG_DIR"
CONFIG_FILE = "config.toml"
#: The meters never sample faster than this (the app keeps its own CPU use small).
MAX_METER_RATE = 2.0


def config_path() -> Path:
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser() / CONFIG_FILE
    from platformdirs import user_config_dir

    return Path(user_config_dir("gilbench", appauthor=False)) / CONFIG_FILE


def _listed(value: Any) -> str:
    """A TOML list or a comma-separated string, as the option's text."""
    if isinstance(value, list):
        return ",".join(str(item) for item in value)
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value)
    raise SpecError(f"{value!r} is neither a string nor a list")


def _text(value: Any) -> str | int:
    if isinstance(value, str | int) and not isinstance(value, bool):
        return value
    raise SpecError(f"{value!r} is neither a string nor a number")


#: Each `[spec]` key → how its value becomes BenchSpec changes (SpecError when it cannot).
SPEC_KEYS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "workload": lambda v: {"workload": specs.parse_workload(str(_text(v)))},
    "size": lambda v: {"size": specs.parse_size(_text(v))},
    "workers": lambda v: {"workers": specs.parse_workers(_listed(v))},
    "strategies": lambda v: {"strategies": specs.parse_strategies(_listed(v))},
    "repeat": lambda v: _repeat(specs.parse_repeat(_text(v))),
}


def _repeat(repeat: int | None) -> dict[str, Any]:
    if repeat is None:
        return {"auto_repeat": True}
    return {"repeat": repeat, "auto_repeat": False, "max_time_s": None}


@dataclass
class Settings:
    path: Path
    #: Whether the file exists (a missing one is all defaults).
    exists: bool = False
    #: The theme's name as written; the app checks it against the themes it has.
    theme: str | None = None
    meter_rate: float = MAX_METER_RATE
    #: BenchSpec changes from `[spec]`, only for the keys given and valid.
    spec_changes: dict[str, Any] = field(default_factory=dict)
    #: The `[spec]` values as written, for `gilbench config show`.
    spec_written: dict[str, Any] = field(default_factory=dict)
    #: One line each: what in the file was not used, and why.
    problems: list[str] = field(default_factory=list)

    @property
    def meter_interval_s(self) -> float:
        return 1 / self.meter_rate

    def over(self, base: BenchSpec) -> BenchSpec:
        """`base` with the file's `[spec]` on top."""
        return base.with_changes(**self.spec_changes) if self.spec_changes else base

    def problem(self, key: str, why: str, outcome: str = "using the default") -> None:
        self.problems.append(f"config {self.path}: {key}: {why}; {outcome}")


def load(path: Path | None = None) -> Settings:
    """The settings in `path` (default: config_path()), defaults where the file says nothing
    usable, and one problem line per key that was not used."""
    path = path or config_path()
    settings = Settings(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return settings
    except (OSError, UnicodeDecodeError) as exc:
        settings.exists = True
        why = getattr(exc, "strerror", None) or exc
        settings.problems.append(f"config {path}: cannot be read ({why}); using the defaults")
        return settings
    except tomllib.TOMLDecodeError as exc:
        settings.exists = True
        settings.problems.append(f"config {path}: not TOML ({exc}); using the defaults")
        return settings
    settings.exists = True
    _read(data, settings)
    return settings


def _read(data: dict[str, Any], settings: Settings) -> None:
    for key, value in data.items():
        if key == "theme":
            if isinstance(value, str) and value.strip():
                settings.theme = value.strip()
            else:
                settings.problem("theme", f"{value!r} is not a theme's name")
        elif key == "meter_rate":
            _meter_rate(value, settings)
        elif key == "spec" and isinstance(value, dict):
            _spec(value, settings)
        else:
            settings.problem(key, "not a setting (known: theme, meter_rate, [spec])", "ignored")


def _meter_rate(value: Any, settings: Settings) -> None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if ok and 0 < value <= MAX_METER_RATE:
        settings.meter_rate = float(value)
    else:
        why = f"{value!r} is not a rate above 0 and at most {MAX_METER_RATE:g} samples a second"
        settings.problem("meter_rate", why)


def _spec(table: dict[str, Any], settings: Settings) -> None:
    for key, value in table.items():
        parse = SPEC_KEYS.get(key)
        if parse is None:
            known = ", ".join(SPEC_KEYS)
            settings.problem(f"spec.{key}", f"not a spec setting (known: {known})", "ignored")
            continue
        try:
            settings.spec_changes.update(parse(value))
        except SpecError as exc:
            settings.problem(f"spec.{key}", str(exc))
            continue
        settings.spec_written[key] = value


def save_theme(name: str, path: Path | None = None) -> Path:
    """Remember the app's theme: the file's top-level `theme = …` line is replaced (or one is
    added at the top), every other line kept as it was. Written beside and renamed, so a crash
    leaves the old file or the new one. OSError when it cannot be written; ValueError when the
    file is not TOML (it is then left alone rather than made worse)."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    tomllib.loads(text)  # TOMLDecodeError is a ValueError
    line = f"theme = {json.dumps(name)}"
    lines = text.splitlines()
    tables = [i for i, raw in enumerate(lines) if raw.lstrip().startswith("[")]
    top = tables[0] if tables else len(lines)
    for i in range(top):
        if re.match(r"\s*theme\s*=", lines[i]):
            lines[i] = line
            break
    else:
        lines.insert(0, line)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


def show(settings: Settings) -> str:
    """The settings in effect, as TOML a user can copy into the file; `[spec]` as `gilbench run`
    starts from it (the app's own defaults differ only where the file is silent)."""
    spec = settings.over(BenchSpec())
    theme = settings.theme or "textual-dark"
    lines = [
        f"theme = {json.dumps(theme)}",
        f"meter_rate = {settings.meter_rate:g}",
        "",
        "[spec]",
        f"workload = {json.dumps(spec.workload)}",
        f"size = {json.dumps(specs.format_size(spec.size))}",
        f"workers = {json.dumps(specs.format_workers(spec.workers))}",
        f"strategies = {json.dumps(list(spec.strategies))}",
        f"repeat = {json.dumps(specs.AUTO) if spec.auto_repeat else spec.repeat}",
    ]
    return "\n".join(lines) + "\n"
