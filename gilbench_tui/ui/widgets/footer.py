"""Textual's Footer, without the watchers it leaves behind each time the bindings change.

The stock Footer recomposes on every change of the bindings (a run starting or ending changes
them), and each FooterKey it yields binds `compact` with a watcher on the Footer. Watchers of
removed keys are only dropped when `compact` itself changes, so over many runs the old keys pile
up in memory. Pruning the watchers of closed keys after each recompose keeps the footer's memory
flat (benchmarks/soak.py measures it).
"""

from __future__ import annotations

from textual.widgets import Footer


class AppFooter(Footer):
    async def recompose(self) -> None:
        await super().recompose()
        watchers = getattr(self, "__watchers", {})
        for name, entries in watchers.items():
            watchers[name] = [(node, callback) for node, callback in entries if not node._closing]
