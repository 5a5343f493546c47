"""Our embedding function, registered with Chroma so a collection reopened anywhere embeds the same way."""

from __future__ import annotations

from typing import Any

from chromadb.api.types import Embeddable, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

from factcheck.stages import Embedder

FUNCTION_NAME = "factcheck-embedder"


class StoreEmbeddingFunction(EmbeddingFunction[Embeddable]):
    """Wraps an `Embedder`; rebuilt from its config it loads the default model on first use."""

    def __init__(self, embedder: Embedder | None = None, model: str | None = None) -> None:
        self._embedder = embedder
        self._model = model or (embedder.name if embedder is not None else "")

    def __call__(self, input: Embeddable) -> Embeddings:
        texts = [str(item) for item in input]
        return list(self._get_embedder().embed(texts))

    def _get_embedder(self) -> Embedder:
        if self._embedder is None:
            from factcheck.embed import load_embedder

            self._embedder = load_embedder()
        return self._embedder

    @staticmethod
    def name() -> str:
        return FUNCTION_NAME

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine"]

    def get_config(self) -> dict[str, Any]:
        return {"model": self._model}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> StoreEmbeddingFunction:
        return StoreEmbeddingFunction(model=str(config.get("model") or ""))

    def validate_config_update(self, old_config: dict[str, Any], new_config: dict[str, Any]) -> None:
        return None


def register() -> None:
    """Make Chroma able to rebuild our function from a stored collection config (idempotent)."""
    register_embedding_function(StoreEmbeddingFunction)  # type: ignore[no-untyped-call]
