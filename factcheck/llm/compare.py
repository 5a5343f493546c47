"""Offline and LLM-assisted runs of one evaluation suite, compared in one report with the LLM's usage."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pydantic import Field

from factcheck.errors import InputError
from factcheck.evaluation import EvalReport
from factcheck.pipeline import Components, Pipeline
from factcheck.stages import Extractor, Verifier
from factcheck.types import Candidate, CheckedQuote, Frozen, LLMTrace, Quote

SuiteRun = Callable[[Components, Callable[[], Pipeline]], EvalReport]
_MAX_CHANGES = 50


class LLMUsage(Frozen):
    """What the LLM did over one suite run: calls, failures, cache hits, tokens and estimated cost."""

    model: str
    results: int = 0
    failed: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    errors: dict[str, int] = Field(default_factory=dict)


class LabelChange(Frozen):
    """An item whose predicted label differs between the two modes."""

    id: str
    gold: str | None
    offline: str | None
    llm: str | None


class ModeComparison(Frozen):
    """Both runs of a suite, the difference of every shared figure, and the LLM's usage."""

    suite: str
    offline: EvalReport
    llm: EvalReport
    deltas: dict[str, float]
    usage: LLMUsage
    changes: list[LabelChange]

    def markdown(self) -> str:
        """The comparison as a Markdown section."""
        lines = [
            f"## {self.suite}: offline vs LLM ({self.usage.model})",
            "",
            "| metric | offline | llm | delta |",
            "|---|---:|---:|---:|",
        ]
        for name, delta in self.deltas.items():
            lines.append(f"| {name} | {self.offline.metrics[name]:.4f} | {self.llm.metrics[name]:.4f} | {delta:+.4f} |")
        u = self.usage
        lines += [
            "",
            f"LLM results: {u.results} ({u.failed} failed, {u.cached} from cache); "
            f"tokens {u.prompt_tokens} in / {u.completion_tokens} out; estimated cost ${u.cost_usd:.4f}.",
        ]
        lines += [f"- failure: {reason} (x{count})" for reason, count in u.errors.items()]
        if self.changes:
            lines += ["", "| item | gold | offline | llm |", "|---|---|---|---|"]
            lines += [f"| {c.id} | {c.gold or ''} | {c.offline or ''} | {c.llm or ''} |" for c in self.changes]
        return "\n".join(lines) + "\n"


def write_comparison(comparison: ModeComparison, folder: Path) -> list[Path]:
    """Write `comparison.json` and `comparison.md` into `folder`; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    json_path, md_path = folder / "comparison.json", folder / "comparison.md"
    json_path.write_text(comparison.model_dump_json(indent=2), encoding="utf-8")
    md_path.write_text(comparison.markdown(), encoding="utf-8")
    return [json_path, md_path]


@dataclass
class UsageMeter:
    """Collects the LLM traces of the results a wrapped stage returns."""

    traces: list[LLMTrace | None] = field(default_factory=list)

    def usage(self, model: str) -> LLMUsage:
        """Totals over every result seen."""
        seen = [t for t in self.traces if t is not None]
        reasons = Counter((t.error or "").split(": ", 1)[-1] for t in seen if not t.ok)
        return LLMUsage(
            model=model,
            results=len(seen),
            failed=sum(not t.ok for t in seen),
            cached=sum(t.cached for t in seen),
            prompt_tokens=sum(t.prompt_tokens for t in seen),
            completion_tokens=sum(t.completion_tokens for t in seen),
            cost_usd=sum(t.cost_usd for t in seen),
            errors=dict(reasons.most_common()),
        )


@dataclass(frozen=True)
class _MeteredExtractor:
    inner: Extractor
    meter: UsageMeter

    def extract(self, text: str) -> list[Quote]:
        quotes = self.inner.extract(text)
        self.meter.traces.extend(q.llm for q in quotes)
        return quotes


@dataclass(frozen=True)
class _MeteredVerifier:
    inner: Verifier
    meter: UsageMeter

    def verify(self, quote: Quote, candidates: Sequence[Candidate], article: str | None = None) -> CheckedQuote:
        checked = self.inner.verify(quote, candidates, article)
        self.meter.traces.append(checked.llm)
        return checked


@dataclass
class MeteredComponents(Components):
    """Components whose LLM traces are counted: per checked quote in a pipeline, per quote when extracting."""

    meter: UsageMeter = field(default_factory=UsageMeter)

    def extractor(self) -> Extractor:
        """The configured extractor, metered."""
        return _MeteredExtractor(super().extractor(), self.meter)

    def pipeline(self) -> Pipeline:
        """The configured pipeline; the checked quote already carries the extraction trace."""
        built = super().pipeline()
        extractor = built.extractor.inner if isinstance(built.extractor, _MeteredExtractor) else built.extractor
        return replace(built, extractor=extractor, verifier=_MeteredVerifier(built.verifier, self.meter))


def _changes(offline: EvalReport, llm: EvalReport) -> list[LabelChange]:
    before = {(i.id, i.predicted_quote): i for i in offline.items}
    out = []
    for item in llm.items:
        old = before.get((item.id, item.predicted_quote))
        if old is not None and old.predicted_label != item.predicted_label:
            out.append(
                LabelChange(id=item.id, gold=item.gold_label, offline=old.predicted_label, llm=item.predicted_label)
            )
    return out[:_MAX_CHANGES]


def compare_modes(run: SuiteRun, components: Components) -> ModeComparison:
    """Run one suite offline and with the configured LLM, sharing the loaded models and the store."""
    settings = components.settings
    if not settings.llm_enabled:
        raise InputError("--llm needs a model: set FACTCHECK_LLM_MODEL (and FACTCHECK_LLM_BASE_URL or a key)")

    def runner(chosen: Components) -> EvalReport:
        # Built on first use only: extraction-only suites need no store.
        pipeline = functools.cache(chosen.pipeline)
        return run(chosen, pipeline)

    offline_components = Components(
        settings.model_copy(update={"llm_model": None}),
        embedder=components.embedder,
        nlp=components.nlp,
        store=components.store,
    )
    offline = runner(offline_components)
    # The offline run loaded what both modes share; hand it over rather than load it twice.
    llm_components = MeteredComponents(
        settings, embedder=offline_components.embedder, nlp=offline_components.nlp, store=offline_components.store
    )
    llm = runner(llm_components)
    deltas = {k: llm.metrics[k] - v for k, v in sorted(offline.metrics.items()) if k in llm.metrics}
    return ModeComparison(
        suite=offline.suite,
        offline=offline,
        llm=llm,
        deltas=deltas,
        usage=llm_components.meter.usage(settings.llm_model or "unknown"),
        changes=_changes(offline, llm),
    )
