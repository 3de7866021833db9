"""A one-line input that only takes the characters its field can hold.

Every other printable key is left to the bindings, so `r`, `s`, `x`, `q` and `?` still work while
the cursor sits in a field; the footer keeps showing them for the same reason. A field may also
take whole words (the workers field's `cores`): a letter is kept only while it continues one of
them, so `4` then `r` runs, while `1-co` then `r` goes on spelling `cores`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual import events
from textual.widgets import Input


class FieldInput(Input):
    """An Input whose `allowed` pattern (one character) and `words` decide which keys it keeps."""

    DEFAULT_CSS = """
    FieldInput {
        width: 1fr;
    }
    """

    def __init__(
        self,
        value: str = "",
        *,
        allowed: str,
        words: Sequence[str] = (),
        placeholder: str = "",
        id: str | None = None,
        tooltip: str | None = None,
    ) -> None:
        super().__init__(value, placeholder=placeholder, id=id, compact=True, select_on_focus=True)
        self._allowed = re.compile(allowed)
        self._words = tuple(word.lower() for word in words)
        if tooltip:
            self.tooltip = tooltip

    def accepts(self, character: str) -> bool:
        if self._allowed.fullmatch(character) is not None:
            return True
        if not character.isalpha() or not self._words:
            return False
        before = self.value[: min(self.selection.start, self.selection.end)]
        token = re.split(r"[^A-Za-z]", before)[-1] + character
        return any(word.startswith(token.lower()) for word in self._words)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and character.isprintable() and self.accepts(character)

    async def _on_key(self, event: events.Key) -> None:
        character = event.character
        if event.is_printable and character is not None and not self.accepts(character):
            # Skip Input's handler; the key bubbles on to the bindings.
            event.prevent_default()
