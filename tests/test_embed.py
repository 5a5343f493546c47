"""The embedded model: real vectors that match the reference fp32 all-MiniLM-L6-v2."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from factcheck.embed import DIMENSION, MiniLMEmbedder
from factcheck.errors import ModelError

REFERENCE = Path(__file__).parent / "data" / "minilm_reference.json"


def test_vectors_match_reference_model(embedder: Any) -> None:
    ref = json.loads(REFERENCE.read_text(encoding="utf-8"))
    ours = embedder.embed(ref["sentences"])
    theirs = np.asarray(ref["vectors"], dtype=np.float32)
    cosines = (ours * theirs).sum(axis=1) / np.linalg.norm(theirs, axis=1)
    assert cosines.min() >= 0.99, dict(zip(ref["sentences"], cosines.round(4).tolist(), strict=True))


def test_vectors_are_unit_length_and_order_preserving(embedder: Any) -> None:
    texts = ["a much longer sentence about taxes, budgets and the state treasury", "short", "tax cuts"]
    together = embedder.embed(texts)
    alone = np.vstack([embedder.embed([t]) for t in texts])
    assert together.shape == (3, DIMENSION)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.allclose(together, alone, atol=1e-4)


def test_similar_sentences_are_closer_than_unrelated(embedder: Any) -> None:
    a, b, c = embedder.embed(
        ["We will not raise taxes this year.", "Taxes will not go up this year.", "The dog chased a ball."]
    )
    assert float(a @ b) > float(a @ c) + 0.3


def test_empty_input_gives_empty_matrix(embedder: Any) -> None:
    assert embedder.embed([]).shape == (0, DIMENSION)


def test_missing_model_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not found"):
        MiniLMEmbedder(tmp_path / "missing.onnx", tmp_path / "vocab.txt")
