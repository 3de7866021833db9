"""Scan log text with regular expressions, as a log analyser or a grep-like tool does.

gilbench calls `scan(size, index)`: task `index` scans about `size` characters of web-server log
lines (made up from the index, so every task with the same index sees the same text) for request
lines and IP addresses, and returns the counts. The `re` engine is C code that holds the GIL.

    gilbench run --workload examples/regex_scan.py:scan --size 20M --workers 2
"""

from __future__ import annotations

import random
import re

REQUEST = re.compile(r'"(GET|POST|PUT|DELETE) (/[^ "]*) HTTP/1\.[01]" (\d{3}) (\d+)')
ADDRESS = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
CHUNK_LINES = 2_000


def _log(index: int) -> str:
    rng = random.Random(index)
    lines = []
    for _ in range(CHUNK_LINES):
        ip = ".".join(str(rng.randrange(256)) for _ in range(4))
        method = rng.choice(["GET", "GET", "GET", "POST", "PUT", "DELETE"])
        path = "/" + "/".join(rng.choice(["api", "user", "item", "cart", "img"]) for _ in range(3))
        status = rng.choice([200, 200, 200, 301, 404, 500])
        lines.append(
            f'{ip} - - [30/Nov/2026:12:{rng.randrange(60):02d}:00 +0000] "{method} {path} '
            f'HTTP/1.1" {status} {rng.randrange(100_000)} "-" "Mozilla/5.0"'
        )
    return "\n".join(lines)


def scan(size: int, index: int) -> dict[str, int]:
    """Scan the text until `size` characters are read; count requests by status, and addresses."""
    text = _log(index)
    counts: dict[str, int] = {}
    addresses = 0
    for _ in range(max(1, size // len(text))):
        for match in REQUEST.finditer(text):
            counts[match.group(3)] = counts.get(match.group(3), 0) + 1
        addresses += len(ADDRESS.findall(text))
    counts["addresses"] = addresses
    return dict(sorted(counts.items()))
