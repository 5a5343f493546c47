"""Sentence embeddings from an OpenAI-compatible endpoint (a GPU server, a hosted service), via `openai`."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import openai

from factcheck.config import Settings
from factcheck.errors import ModelError
from factcheck.stages import Vectors

# Texts per request: servers cap a request's inputs (OpenAI at 2,048), and smaller requests fail smaller.
BATCH = 256


class EndpointEmbedder:
    """Vectors from `POST {base_url}/embeddings`, L2-normalised like the built-in model's."""

    def __init__(
        self, base_url: str, model: str, api_key: str | None = None, timeout: float = 60.0, retries: int = 2
    ) -> None:
        self.name = model
        self._where = base_url
        # The openai client insists on a key; servers on a private network often need none.
        self._client = openai.OpenAI(
            base_url=base_url, api_key=api_key or "unused", timeout=timeout, max_retries=retries
        )
        probe = self._request(["dimension probe"])
        self.dimension = int(probe.shape[1])

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Embed texts in requests of up to BATCH; returns float32 (n, dimension), each row of unit length."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        parts = [self._request(list(texts[lo : lo + BATCH])) for lo in range(0, len(texts), BATCH)]
        out = np.concatenate(parts)
        if out.shape[1] != self.dimension:
            raise ModelError(
                f"the embeddings service at {self._where} returned {out.shape[1]} dimensions for model "
                f"{self.name!r}, not the {self.dimension} it gave before"
            )
        return out

    def _request(self, texts: list[str]) -> Vectors:
        try:
            response = self._client.embeddings.create(model=self.name, input=texts)
        except openai.OpenAIError as exc:
            raise ModelError(f"the embeddings service at {self._where} failed for model {self.name!r}: {exc}") from exc
        rows = sorted(response.data, key=lambda item: item.index)
        if len(rows) != len(texts) or not rows:
            raise ModelError(
                f"the embeddings service at {self._where} returned {len(rows)} vectors for {len(texts)} texts"
            )
        vectors = np.asarray([row.embedding for row in rows], dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[1] == 0 or not np.isfinite(vectors).all():
            raise ModelError(f"the embeddings service at {self._where} returned malformed vectors")
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        unit: Vectors = (vectors / np.clip(norms, 1e-12, None)).astype(np.float32)
        return unit


def endpoint_embedder(settings: Settings) -> EndpointEmbedder:
    """The endpoint embedder the settings name (`embeddings_url`, `embeddings_model`, `embeddings_api_key`)."""
    if not settings.embeddings_url:
        raise ModelError("no embeddings endpoint is configured (FACTCHECK_EMBEDDINGS_URL)")
    if not settings.embeddings_model:
        raise ModelError("FACTCHECK_EMBEDDINGS_URL is set but FACTCHECK_EMBEDDINGS_MODEL is not: name the model")
    key = settings.embeddings_api_key.get_secret_value() if settings.embeddings_api_key else None
    return EndpointEmbedder(
        settings.embeddings_url, settings.embeddings_model, key, settings.embeddings_timeout, settings.llm_retries
    )
