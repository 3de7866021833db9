from __future__ import annotations

from collections.abc import Iterator

import pytest
from plotext._dict import themes as plotext_themes


@pytest.fixture(autouse=True)
def fresh_plot_themes() -> Iterator[None]:
    """textual-plotext caches the theme it derives from an app's colours in a module global, by
    theme name; one test's app (NO_COLOR, say) must not colour the next test's charts."""
    yield
    for name in [n for n in plotext_themes if str(n).startswith("textual-auto-")]:
        del plotext_themes[name]
