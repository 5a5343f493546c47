"""`--min METRIC=VALUE` / `--max METRIC=VALUE` bounds, checked against reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from factcheck.errors import InputError
from factcheck.evaluation.report import EvalReport, Shortfall


@dataclass(frozen=True)
class Bound:
    """A lower (`min`) or upper (`max`) bound on one named metric, optionally of one suite only."""

    metric: str
    value: float
    direction: Literal["min", "max"]
    suite: str | None = None


def parse_bound(text: str, direction: Literal["min", "max"]) -> Bound:
    """`macro_f1=0.9` or `SUITE:macro_f1=0.9` -> Bound; a clear error for anything else."""
    name, sep, raw = text.partition("=")
    suite, colon, name = name.strip().rpartition(":")
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not sep or not name or value != value:
        raise InputError(f"--{direction} {text!r}: expected METRIC=NUMBER, for example macro_f1=0.9")
    return Bound(name, value, direction, suite if colon else None)


def check_bounds(reports: Sequence[EvalReport], bounds: Sequence[Bound]) -> list[Shortfall]:
    """Figures that miss a bound; a bound no report can answer is an input error, not a pass."""
    shortfalls: list[Shortfall] = []
    for bound in bounds:
        scoped = [r for r in reports if bound.suite in (None, r.suite)]
        if not scoped:
            names = ", ".join(r.suite for r in reports)
            raise InputError(f"--{bound.direction} {bound.suite}:{bound.metric}: no suite {bound.suite!r} ({names})")
        answering = [r for r in scoped if bound.metric in r.metrics]
        if not answering:
            known = sorted({m for r in scoped for m in r.metrics})
            raise InputError(
                f"--{bound.direction} {bound.metric}: no suite reports this metric; reported: {', '.join(known)}"
            )
        for report in answering:
            value = report.metrics[bound.metric]
            short = value < bound.value if bound.direction == "min" else value > bound.value
            if short:
                shortfalls.append(
                    Shortfall(
                        suite=report.suite,
                        metric=bound.metric,
                        value=value,
                        bound=bound.value,
                        direction=bound.direction,
                    )
                )
    return shortfalls
