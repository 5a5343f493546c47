"""The optional LLM path: any OpenAI-compatible chat model through langchain-openai."""

from factcheck.llm.cache import ResponseCache
from factcheck.llm.client import Answer, StructuredLLM, build_llm, estimate_cost, merge_traces
from factcheck.llm.extract import LLMAssistedExtractor
from factcheck.llm.judge import LLMJudgeVerifier

__all__ = [
    "Answer",
    "LLMAssistedExtractor",
    "LLMJudgeVerifier",
    "ResponseCache",
    "StructuredLLM",
    "build_llm",
    "estimate_cost",
    "merge_traces",
]
