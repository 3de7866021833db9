"""The verdict as data (`verdict_detail` in a run's JSON): a headline, the reasons behind it, and
how far the measurements bear it out. Its one-line form is the run's `verdict` string.

Kept apart from the rules (`verdict.py`) so the data model can hold it without importing them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Confidence = Literal["clear", "likely", "inconclusive"]
#: Most to least sure: a verdict is as sure as its least sure finding.
CONFIDENCES: tuple[Confidence, ...] = ("clear", "likely", "inconclusive")


@dataclass(frozen=True)
class Verdict:
    headline: str
    reasons: list[str] = field(default_factory=list)
    confidence: Confidence = "likely"

    @property
    def line(self) -> str:
        """`At 2 workers: processes 1.96× faster; threads 0.97×: the GIL serialises this workload.`"""
        text = ": ".join(
            [self.headline, "; ".join(self.reasons)] if self.reasons else [self.headline]
        )
        return text if text.endswith(".") else text + "."

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def least_sure(*confidences: Confidence) -> Confidence:
    return max(confidences, key=CONFIDENCES.index)
