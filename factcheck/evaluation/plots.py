"""PNG plots of a report: the reliability diagram and the confusion matrix (matplotlib, Agg)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.evaluation.metrics import Confusion, ReliabilityBin

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    # A bare Figure with the Agg canvas: no pyplot state, no GUI backend, nothing at import time.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def reliability_diagram(bins: list[ReliabilityBin], ece: float, title: str, path: Path) -> Path:
    """Accuracy against mean confidence per bin, with the diagonal of perfect calibration."""
    fig, ax = _figure(4.8, 4.8)
    width = bins[0].upper - bins[0].lower if bins else 0.1
    filled = [b for b in bins if b.count]
    ax.bar(
        [b.lower for b in filled],
        [b.accuracy for b in filled],
        width=width,
        align="edge",
        edgecolor="#1f3b57",
        color="#4c8ac4",
        label="accuracy",
    )
    ax.plot([0, 1], [0, 1], linestyle="--", color="#888888", label="perfect calibration")
    ax.plot([b.confidence for b in filled], [b.accuracy for b in filled], "o", color="#c0392b", label="mean confidence")
    for b in filled:
        ax.annotate(str(b.count), (b.lower + width / 2, b.accuracy), ha="center", va="bottom", fontsize=7)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("confidence")
    ax.set_ylabel("accuracy")
    ax.set_title(f"{title}\nECE {ece:.3f} ({len(bins)} equal-width bins)", fontsize=9)
    ax.legend(loc="upper left", fontsize=7)
    fig.tight_layout()
    fig.savefig(path)
    return path


def confusion_matrix(confusion: Confusion, title: str, path: Path) -> Path:
    """Gold rows against predicted columns, counts written in each cell."""
    size = max(4.0, 1.1 * len(confusion.predicted) + 1.5)
    fig, ax = _figure(size, size * 0.85)
    counts = confusion.counts or [[0]]
    image = ax.imshow(counts, cmap="Blues")
    peak = max((max(row) for row in counts if row), default=0)
    for r, row in enumerate(confusion.counts):
        for c, value in enumerate(row):
            color = "white" if peak and value > peak / 2 else "black"
            ax.text(c, r, str(value), ha="center", va="center", color=color, fontsize=9)
    ax.set_xticks(range(len(confusion.predicted)), confusion.predicted, rotation=35, ha="right", fontsize=8)
    ax.set_yticks(range(len(confusion.gold)), confusion.gold, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(title, fontsize=9)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    fig.tight_layout()
    fig.savefig(path)
    return path
