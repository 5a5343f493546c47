"""The chat model from settings, and structured calls with caching, usage, cost and visible failures."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import openai
from langchain_core.exceptions import OutputParserException
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage
from pydantic import BaseModel, SecretStr, ValidationError

from factcheck.config import Settings
from factcheck.errors import LLMError
from factcheck.llm.cache import ResponseCache, cache_key
from factcheck.prompts import PromptTemplate
from factcheck.types import LLMTrace

log = logging.getLogger(__name__)

T = TypeVar("T", bound=BaseModel)

# Published list prices in USD per million tokens (input, output); an estimate only, and
# FACTCHECK_LLM_PRICE_INPUT / _OUTPUT override it for other models or servers.
PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
}

# A local OpenAI-compatible server (vLLM, llama.cpp, Ollama) usually needs no key, but the
# client insists on one.
_NO_KEY = "not-needed"


def build_llm(settings: Settings) -> BaseChatModel:
    """A `ChatOpenAI` for `settings.llm_model` at `settings.llm_base_url`, temperature 0."""
    from langchain_openai import ChatOpenAI

    if not settings.llm_model:
        raise LLMError("no LLM configured: set FACTCHECK_LLM_MODEL")
    key = settings.llm_api_key
    if key is None:
        if not settings.llm_base_url:
            raise LLMError("the OpenAI API needs a key: set FACTCHECK_LLM_API_KEY or OPENAI_API_KEY")
        key = SecretStr(_NO_KEY)
    return ChatOpenAI(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        api_key=key,
        timeout=settings.llm_timeout,
        max_retries=settings.llm_retries,
        temperature=0,
        use_responses_api=False,
    )


def estimate_cost(settings: Settings, model: str, prompt_tokens: int, completion_tokens: int) -> float:
    """Estimated USD cost of one call; 0 for models without a known or configured price."""
    listed = PRICES.get(model, (0.0, 0.0))
    price_in = settings.llm_price_input if settings.llm_price_input is not None else listed[0]
    price_out = settings.llm_price_output if settings.llm_price_output is not None else listed[1]
    return (prompt_tokens * price_in + completion_tokens * price_out) / 1_000_000


def merge_traces(*traces: LLMTrace | None) -> LLMTrace | None:
    """One trace summing several LLM steps for the same result; failed if any step failed."""
    present = [t for t in traces if t is not None]
    if not present:
        return None
    errors = [t.error for t in present if t.error]
    return LLMTrace(
        model=present[0].model,
        prompts=[p for t in present for p in t.prompts],
        ok=all(t.ok for t in present),
        error="; ".join(errors) if errors else None,
        prompt_tokens=sum(t.prompt_tokens for t in present),
        completion_tokens=sum(t.completion_tokens for t in present),
        cost_usd=sum(t.cost_usd for t in present),
        cached=all(t.cached for t in present),
    )


@dataclass(frozen=True)
class Answer(Generic[T]):
    """A parsed structured answer and the trace of the call that produced it."""

    value: T
    trace: LLMTrace


class StructuredLLM:
    """Renders a prompt, asks the model for a pydantic object, caches it, and reports usage and cost."""

    def __init__(self, llm: BaseChatModel, settings: Settings, cache: ResponseCache | None = None) -> None:
        self.llm = llm
        self.settings = settings
        self.model = settings.llm_model or "unknown"
        self.cache = cache if cache is not None else ResponseCache.from_settings(settings)

    def failed(self, prompt: PromptTemplate, error: str) -> LLMTrace:
        """The trace of a step that did not produce an answer."""
        return LLMTrace(model=self.model, prompts=[prompt.key], ok=False, error=self._scrub(error))

    def ask(self, prompt: PromptTemplate, schema: type[T], **variables: Any) -> Answer[T]:
        """The model's answer to `prompt` as a `schema` object; any failure raises `LLMError`."""
        rendered = prompt.render(**variables)
        method = self.settings.llm_method
        key = cache_key(
            self.model, rendered.id, method, json.dumps(schema.model_json_schema()), rendered.system, rendered.user
        )
        hit = self._from_cache(key, schema)
        if hit is not None:
            value, prompt_tokens, completion_tokens = hit
            log.info("llm %s %s: cache hit", self.model, rendered.id)
            trace = LLMTrace(
                model=self.model,
                prompts=[rendered.id],
                prompt_tokens=prompt_tokens,
                completion_tokens=completion_tokens,
                cached=True,
            )
            return Answer(value, trace)

        runnable = self.llm.with_structured_output(schema, method=method, include_raw=True)
        messages = [("system", rendered.system), ("user", rendered.user)]
        try:
            result: Any = runnable.invoke(messages)
        except openai.APITimeoutError as exc:
            raise self._error(rendered.id, f"timed out after {self.settings.llm_timeout:g}s") from exc
        except openai.RateLimitError as exc:
            raise self._error(
                rendered.id, f"rate limited (HTTP 429) after {self.settings.llm_retries} retries"
            ) from exc
        except openai.APIStatusError as exc:
            raise self._error(rendered.id, f"HTTP {exc.status_code} from the LLM server") from exc
        except openai.APIConnectionError as exc:
            raise self._error(rendered.id, f"cannot reach the LLM server: {exc}") from exc
        except (ValidationError, OutputParserException, ValueError) as exc:
            raise self._error(rendered.id, f"invalid structured output: {_first_line(exc)}") from exc
        except openai.OpenAIError as exc:
            raise self._error(rendered.id, f"LLM client error: {_first_line(exc)}") from exc

        raw, parsed = result.get("raw"), result.get("parsed")
        if result.get("parsing_error") is not None:
            raise self._error(rendered.id, f"invalid structured output: {_first_line(result['parsing_error'])}")
        if not isinstance(parsed, schema):
            raise self._error(rendered.id, "invalid structured output: the reply held no parsable answer")
        prompt_tokens, completion_tokens = _usage(raw)
        cost = estimate_cost(self.settings, self.model, prompt_tokens, completion_tokens)
        self.cache.put(
            key,
            {
                "model": self.model,
                "prompt": rendered.id,
                "value": parsed.model_dump(mode="json"),
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
            },
        )
        log.info("llm %s %s: %d+%d tokens", self.model, rendered.id, prompt_tokens, completion_tokens)
        trace = LLMTrace(
            model=self.model,
            prompts=[rendered.id],
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            cost_usd=cost,
        )
        return Answer(parsed, trace)

    def _from_cache(self, key: str, schema: type[T]) -> tuple[T, int, int] | None:
        entry = self.cache.get(key)
        if entry is None:
            return None
        try:
            value = schema.model_validate(entry["value"])
            return value, int(entry.get("prompt_tokens", 0)), int(entry.get("completion_tokens", 0))
        except (KeyError, TypeError, ValueError, ValidationError):
            return None

    def _error(self, prompt_id: str, reason: str) -> LLMError:
        message = self._scrub(f"{prompt_id}: {reason}")
        log.warning("llm %s %s", self.model, message)
        return LLMError(message)

    def _scrub(self, text: str) -> str:
        # Client errors can echo request details; the key must never reach a log or a result.
        secret = self.settings.llm_api_key.get_secret_value() if self.settings.llm_api_key else ""
        return text.replace(secret, "***") if secret else text


def _usage(raw: object) -> tuple[int, int]:
    usage = raw.usage_metadata if isinstance(raw, AIMessage) else None
    if not usage:
        return 0, 0
    return int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0))


def _first_line(exc: object) -> str:
    if isinstance(exc, ValidationError) and exc.errors():
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "reply"
        return f"{first['msg']} at {where}"[:300]
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:300]
