"""Admission: may this spec run? One answer for the CLI, the app's form and the runner.

Three checks, always in this order, each problem tied to the field a person would change:
1. the spec's own fields (engine.spec.field_problems),
2. whether the chosen interpreter can run it (an old one runs only the seed) → `python`, and has
   dask where only dask strategies were asked for, or a scheduler → `strategies`/`dask_scheduler`,
3. the memory guard: the estimated peak against the memory available now → `size`.

The memory guard runs only on a spec whose fields are sound (its estimate reads the catalog by
name) and only for a caller that asks: the CLI skips it with --force, and the runner never runs it,
since the person (or script) who asked for the run has already been told or chose to override it.
"""

from __future__ import annotations

from gilbench_tui.engine.cluster import DASK_STRATEGIES, dask_problem, has_dask
from gilbench_tui.engine.interpreters import InterpreterInfo, unsupported
from gilbench_tui.engine.memory import memory_problem
from gilbench_tui.engine.spec import BenchSpec, Field, Problem, SpecError, field_problems

__all__ = ["Field", "Problem", "admit", "problems"]


def problems(
    spec: BenchSpec,
    *,
    interpreter: InterpreterInfo | None = None,
    memory: bool = True,
    available: int | None = None,
) -> list[Problem]:
    """Everything that stops `spec` from running, first things first; empty when it may run.

    `interpreter` is what the chosen Python said about itself (None: not known yet, not checked);
    `memory` asks for the memory guard, planned against `available` bytes (None: what the machine
    has free now).
    """
    found = field_problems(spec)
    sound = not found
    if interpreter is not None:
        reason = unsupported(interpreter, spec)
        if reason is not None:
            found.append(Problem("python", reason))
    if sound:
        found += dask_problems(spec, interpreter)
    if memory and sound:
        reason = memory_problem(spec, available)
        if reason is not None:
            found.append(Problem("size", reason, guard=True))
    return found


def dask_problems(spec: BenchSpec, interpreter: InterpreterInfo | None) -> list[Problem]:
    """Dask missing where the spec needs it: on the chosen interpreter, or on this one when none
    is chosen (found, not imported); unknown (not inspected yet) is not a problem."""
    if not set(spec.strategies) & set(DASK_STRATEGIES):
        return []
    if interpreter is not None:
        has, label = interpreter.dask, interpreter.label
    elif spec.python is None:
        has, label = has_dask(), "this Python"
    else:
        return []
    reason = dask_problem(spec.strategies, spec.dask_scheduler, has, label)
    if reason is None:
        return []
    return [Problem("dask_scheduler" if spec.dask_scheduler else "strategies", reason)]


def admit(
    spec: BenchSpec,
    *,
    interpreter: InterpreterInfo | None = None,
    memory: bool = True,
    available: int | None = None,
    guard_hint: str = "",
) -> BenchSpec:
    """The spec, or SpecError with the first problem; `guard_hint` ends the memory guard's message
    (the CLI's ", or --force to run it anyway")."""
    found = problems(spec, interpreter=interpreter, memory=memory, available=available)
    if found:
        first = found[0]
        raise SpecError(first.message + (guard_hint if first.guard else ""))
    return spec
