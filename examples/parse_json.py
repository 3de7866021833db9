"""Parse JSON documents, as a web service or an ETL job does with incoming records.

gilbench calls `parse(size, index)`: task `index` parses about `size` characters of JSON (documents
of roughly 1 kB, the same for every task with the same index) and returns what it found, so every
strategy must agree. `json.loads` is C code, but it builds Python objects and holds the GIL.

    gilbench run --workload examples/parse_json.py:parse --size 20M --workers 2
"""

from __future__ import annotations

import json
import random

DOCUMENT_CHARS = 1_000


def _document(rng: random.Random) -> str:
    order = {
        "id": rng.randrange(10**9),
        "customer": {"name": f"customer-{rng.randrange(10**6)}", "vip": rng.random() < 0.1},
        "items": [
            {"sku": f"SKU-{rng.randrange(10**5):05d}", "qty": rng.randint(1, 9),
             "price": round(rng.uniform(1, 500), 2)}
            for _ in range(rng.randint(4, 10))
        ],
        "note": "".join(rng.choice("abcdefghij ") for _ in range(80)),
    }  # fmt: skip
    return json.dumps(order)


def _documents(index: int, count: int = 64) -> list[str]:
    rng = random.Random(index)
    return [_document(rng) for _ in range(count)]


def parse(size: int, index: int) -> tuple[int, float]:
    """Parse size / 1000 documents; return how many items they order and what they cost."""
    documents = _documents(index)
    items = 0
    total = 0.0
    for n in range(max(1, size // DOCUMENT_CHARS)):
        order = json.loads(documents[n % len(documents)])
        items += sum(item["qty"] for item in order["items"])
        total += sum(item["qty"] * item["price"] for item in order["items"])
    return items, round(total, 2)
