"""A task that fails on purpose, registered only for tests (see catalog.TEST_WORKLOADS_ENV)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .tasks_common import Output


def crash(size: int, task_index: int, keep: bool = False) -> Output:
    """Abort the process (a test-only workload, for checking how crashes are reported)"""
    os.abort()
