"""The LLM judge for close calls and one-sentence explanations, bounded by the offline alignment evidence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, ConfigDict

from factcheck.align import align
from factcheck.config import Settings
from factcheck.errors import LLMError
from factcheck.llm.client import StructuredLLM, merge_traces
from factcheck.prompts import load_prompt
from factcheck.stages import Verifier
from factcheck.types import Candidate, CheckedQuote, Evidence, Label, LLMTrace, Quote, Verdict

JudgedLabel = Literal["verified", "altered", "out_of_context"]
JUDGED: frozenset[Label] = frozenset({"verified", "altered", "out_of_context"})
# Offline verdicts at or above this confidence are not close calls, unless the label itself
# hinges on meaning (altered: does the change matter; out_of_context: does the context flip it).
CLOSE_CALL = 0.8
# Near-verbatim: at most one changed content word and no changed negation, number or name may
# still be judged verified; a single word cannot carry an instruction to the judge.
_NEAR_VERBATIM_EDITS = 1
_PASSAGES = 3
_MAX_EXPLANATION = 300
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


class JudgeAnswer(BaseModel):
    """The judge's label for one close call."""

    model_config = ConfigDict(extra="forbid")

    label: JudgedLabel
    reason: str


class Explanation(BaseModel):
    """One sentence explaining a verdict to a reader."""

    model_config = ConfigDict(extra="forbid")

    sentence: str


def allowed_labels(checked: CheckedQuote) -> tuple[Label, ...]:
    """The labels the alignment evidence leaves open; the judge may only choose among these."""
    if checked.verdict.label not in JUDGED or not checked.evidence:
        return ()
    alignment = align(checked.text, checked.evidence[0].text)
    if alignment is None:
        return ()
    if alignment.verbatim:
        return ("verified", "out_of_context")
    if alignment.critical_edits == 0 and alignment.content_edits <= _NEAR_VERBATIM_EDITS:
        return ("verified", "altered")
    return ("altered",)


def is_unsure(verdict: Verdict) -> bool:
    """Whether an offline verdict leaves room for the judge: anything but a confident 'verified'."""
    return verdict.label != "verified" or verdict.confidence < CLOSE_CALL


def _changes(evidence: Evidence) -> str:
    return "; ".join(
        f"{op.quote or '(nothing)'!r} \u2192 {op.source or '(nothing)'!r}" for op in evidence.diff if op.op != "equal"
    )


def _passage(evidence: Evidence) -> dict[str, Any]:
    return {
        "text": evidence.text,
        "speaker": evidence.speaker or evidence.document.speaker,
        "title": evidence.document.title,
        "document": evidence.document.id,
        "date": evidence.document.date,
        "context": evidence.context,
        "changes": _changes(evidence),
    }


def first_sentence(text: str) -> str:
    """The first sentence of `text`, at most a few hundred characters."""
    sentence = _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]
    return sentence if len(sentence) <= _MAX_EXPLANATION else sentence[: _MAX_EXPLANATION - 1].rstrip() + "…"


class LLMJudgeVerifier:
    """Offline verification first; the model settles close calls within the labels the evidence allows."""

    def __init__(self, offline_verifier: Verifier, llm: BaseChatModel, settings: Settings) -> None:
        self.offline = offline_verifier
        self.settings = settings
        self.client = StructuredLLM(llm, settings)
        self.judge_prompt = load_prompt("judge_quote", 1)
        self.explain_prompt = load_prompt("explain_verdict", 1)

    def verify(self, quote: Quote, candidates: Sequence[Candidate], article: str | None = None) -> CheckedQuote:
        """The offline verdict, possibly revised by the judge, with an explanation and the LLM trace."""
        checked = self.offline.verify(quote, candidates, article)
        carried = checked.llm if checked.llm is not None else getattr(quote, "llm", None)
        traces: list[LLMTrace | None] = [carried]
        verdict = checked.verdict
        if self.settings.llm_judge:
            verdict, trace = self._judge(checked)
            traces.append(trace)
        if self.settings.llm_explain:
            explanation, trace = self._explain(checked, verdict)
            verdict = verdict.model_copy(update={"explanation": explanation})
            traces.append(trace)
        return checked.model_copy(update={"verdict": verdict, "llm": merge_traces(*traces)})

    def _judge(self, checked: CheckedQuote) -> tuple[Verdict, LLMTrace | None]:
        offline = checked.verdict
        # The cheap test first: most quotes are confidently verified and need no second alignment.
        if not is_unsure(offline):
            return offline, None
        allowed = allowed_labels(checked)
        if len(allowed) < 2:
            return offline, None
        try:
            answer = self.client.ask(
                self.judge_prompt,
                JudgeAnswer,
                quote=checked.text,
                speaker=checked.speaker.name,
                passages=[_passage(e) for e in checked.evidence[:_PASSAGES]],
                offline_label=offline.label,
                allowed=list(allowed),
            )
        except LLMError as exc:
            if self.settings.llm_only:
                raise
            return offline, self.client.failed(self.judge_prompt, exc.message)
        label = answer.value.label
        if label not in allowed:
            # The evidence rules this label out, whatever the model read in the quote or passages.
            error = f"{self.judge_prompt.key}: judge answered {label}, which the alignment evidence rules out"
            if self.settings.llm_only:
                raise LLMError(error)
            return offline, answer.trace.model_copy(update={"ok": False, "error": error})
        reason = f"LLM judge ({answer.trace.model}): {answer.value.reason}".strip()
        if label == offline.label:
            return offline.model_copy(update={"reasons": [*offline.reasons, reason]}), answer.trace
        # The judge overrides: keep what the offline model gave to the other labels, no more,
        # since an LLM's own certainty is not calibrated.
        confidence = max(0.5, 1.0 - offline.confidence)
        revised = Verdict(
            label=label,
            confidence=confidence,
            reasons=[*offline.reasons, f"offline alignment said {offline.label}", reason],
        )
        return revised, answer.trace

    def _explain(self, checked: CheckedQuote, verdict: Verdict) -> tuple[str | None, LLMTrace]:
        evidence = _passage(checked.evidence[0]) if checked.evidence else None
        try:
            answer = self.client.ask(
                self.explain_prompt,
                Explanation,
                quote=checked.text,
                speaker=checked.speaker.name,
                label=verdict.label,
                actual_speaker=checked.actual_speaker,
                evidence=evidence,
            )
        except LLMError as exc:
            if self.settings.llm_only:
                raise
            return None, self.client.failed(self.explain_prompt, exc.message)
        return first_sentence(answer.value.sentence) or None, answer.trace
