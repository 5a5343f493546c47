"""Confidence: logistic calibration over alignment, retrieval and speaker features, fitted with numpy."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from factcheck.errors import ModelError
from factcheck.types import LABELS

FEATURES: tuple[str, ...] = (
    *(f"label_{label}" for label in LABELS),
    "claimed_coverage",
    "claimed_distortion",
    "claimed_critical",
    "other_coverage",
    "primary_changes",
    "primary_tolerated",
    "primary_meaning",
    "best_dense",
    "best_coverage",
    "phrase_hit",
    "log_quote_words",
    "information",
    *(f"information_{label}" for label in LABELS),
    "phrase_speakers",
    "framed",
    "speaker_unchecked",
    "speaker_compatible",
    "speaker_confidence",
    "claimed_store_passages",
    "kind_indirect",
    "kind_partial",
    "altered_retold",
    "asked",
)


@dataclass(frozen=True)
class LogisticCalibrator:
    """P(label is right) = sigmoid(w . features + b), fitted on the generated training split."""

    weights: Mapping[str, float] = field(default_factory=dict)
    bias: float = 0.0
    meta: Mapping[str, object] = field(default_factory=dict)

    def probability(self, features: Mapping[str, float]) -> float:
        """Calibrated probability for one verdict's features."""
        z = self.bias + sum(w * float(features.get(name, 0.0)) for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))

    def to_json(self) -> str:
        """The shipped file's content."""
        body = {"kind": "logistic", "bias": self.bias, "weights": dict(self.weights), "meta": dict(self.meta)}
        return json.dumps(body, indent=2, sort_keys=True) + "\n"


def read_calibrator(path: Path) -> LogisticCalibrator:
    """A calibrator from its JSON file, with a clear error when it is unusable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return LogisticCalibrator(weights=weights, bias=float(data["bias"]), meta=dict(data.get("meta", {})))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"{path}: not a usable calibration file ({exc})") from exc


def matrix(rows: Sequence[Mapping[str, float]]) -> npt.NDArray[np.float64]:
    """Feature rows as a matrix in FEATURES order."""
    return np.array([[float(r.get(name, 0.0)) for name in FEATURES] for r in rows], dtype=np.float64)


def fit_logistic(
    rows: Sequence[Mapping[str, float]],
    correct: Sequence[bool],
    l2: float = 1.0,
    steps: int = 50,
    sample_weights: Sequence[float] | None = None,
) -> LogisticCalibrator:
    """Maximum-likelihood logistic regression (Newton steps, light L2) of correctness on features; `sample_weights`
    make some rows count more (real articles over generated ones)."""
    x = matrix(rows)
    y = np.array(correct, dtype=np.float64)
    sw = np.ones(len(y)) if sample_weights is None else np.array(sample_weights, dtype=np.float64)
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    reg = np.full(xb.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -40, 40)))
        grad = xb.T @ (sw * (p - y)) + reg * w
        hess = (xb * (sw * p * (1 - p))[:, None]).T @ xb + np.diag(reg + 1e-9)
        delta = np.linalg.solve(hess, grad)
        w -= delta
        if float(np.abs(delta).max()) < 1e-8:
            break
    weights = {name: round(float(v), 6) for name, v in zip(FEATURES, w[:-1], strict=True)}
    return LogisticCalibrator(weights=weights, bias=round(float(w[-1]), 6))
