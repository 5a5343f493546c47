"""The one wiring point: concrete stages chosen from settings, assembled into a `Pipeline`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.config import Settings
from factcheck.stages import Embedder, Extractor, Retriever, SourceStore, Verifier, VoiceReader
from factcheck.types import CheckedQuote, CheckResult, Document, ExtractResult, Quote, Speaker


@dataclass(frozen=True)
class Pipeline:
    """Extract, retrieve and verify; every entry point (CLI, API, eval) goes through this."""

    extractor: Extractor
    retriever: Retriever
    verifier: Verifier
    store: SourceStore
    top_k: int = 5

    def extract(self, text: str) -> ExtractResult:
        """Quotes in `text`, without verdicts."""
        return ExtractResult(quotes=self.extractor.extract(text))

    def check_quote(self, quote: Quote, top_k: int | None = None) -> CheckedQuote:
        """Verdict and evidence for one extracted quote."""
        k = top_k or self.top_k
        with self.store.snapshot():
            candidates = self.retriever.retrieve(quote.text, quote.speaker.name, k)
            return self.verifier.verify(quote, candidates)

    def check_quotes(
        self, quotes: Sequence[Quote], top_k: int | None = None, article: str | None = None
    ) -> CheckResult:
        """Verdicts for several quotes (of `article`, when given), retrieved in one batch over one view of the store."""
        if not quotes:
            return CheckResult(quotes=[])
        with self.store.snapshot():
            batches = self.retriever.retrieve_many([(q.text, q.speaker.name) for q in quotes], top_k or self.top_k)
            checked = [self.verifier.verify(q, c, article) for q, c in zip(quotes, batches, strict=True)]
            return CheckResult(quotes=checked)

    def check_text(self, text: str, top_k: int | None = None) -> CheckResult:
        """Every quote in `text` with its verdict."""
        return self.check_quotes(self.extractor.extract(text), top_k, text)

    def check_claim(self, quote: str, speaker: str | None, top_k: int | None = None) -> CheckedQuote:
        """A single quote credited to `speaker`, as typed by a user."""
        claimed = Quote(
            text=quote,
            start=0,
            end=len(quote),
            kind="direct",
            speaker=Speaker(name=speaker, mention=speaker, confidence=1.0 if speaker else 0.0),
            content=quote,
            content_start=0,
            content_end=len(quote),
            confidence=1.0,
        )
        return self.check_quote(claimed, top_k)


@dataclass
class Components:
    """Loaded heavy components, shareable across pipelines (tests, API workers)."""

    settings: Settings
    embedder: Embedder | None = None
    nlp: object | None = None
    store: SourceStore | None = None

    def get_embedder(self) -> Embedder:
        """The sentence-embedding model (built in, or an endpoint's when configured), loaded on first use."""
        if self.embedder is None:
            if self.settings.embeddings_url:
                from factcheck.remote_embed import endpoint_embedder

                self.embedder = endpoint_embedder(self.settings)
            else:
                from factcheck.embed import load_embedder

                self.embedder = load_embedder()
        return self.embedder

    def get_nlp(self) -> object:
        """The spaCy pipeline, loaded on first use."""
        if self.nlp is None:
            from factcheck.nlp import load_spacy

            self.nlp = load_spacy(self.settings.spacy_model)
        return self.nlp

    def get_store(self) -> SourceStore:
        """The source store (local directory or Chroma server), opened on first use."""
        if self.store is None:
            from factcheck.store import open_store

            self.store = open_store(self.settings, self.get_embedder(), _DeferredVoices(self))
        return self.store

    def voice_reader(self) -> VoiceReader:
        """The source analysis: the rule extractor reading whose words each span of a source is."""
        from factcheck.extract import RuleExtractor
        from factcheck.sources.voices import SourceVoices

        return SourceVoices(RuleExtractor(self.get_nlp()))

    def extractor(self) -> Extractor:
        """The quote extractor chosen by settings."""
        from factcheck.extract import RuleExtractor

        extractor: Extractor = RuleExtractor(self.get_nlp())
        if self.settings.llm_enabled and self.settings.llm_extract:
            from factcheck.llm import LLMAssistedExtractor, build_llm

            extractor = LLMAssistedExtractor(extractor, build_llm(self.settings), self.settings)
        return extractor

    def pipeline(self) -> Pipeline:
        """A full pipeline over the configured store."""
        from factcheck.context import FrameReader
        from factcheck.retrieve import HybridRetriever
        from factcheck.verify import AlignmentVerifier, load_calibrator
        from factcheck.verify.statement import ParsedStatements

        store = self.get_store()
        frames = FrameReader(self.get_nlp())  # type: ignore[arg-type]
        statements = ParsedStatements(self.get_nlp)
        verifier: Verifier = AlignmentVerifier(
            store, load_calibrator(self.settings.calibration), frames, statements
        )
        if self.settings.llm_enabled and (self.settings.llm_judge or self.settings.llm_explain):
            from factcheck.llm import LLMJudgeVerifier, build_llm

            verifier = LLMJudgeVerifier(verifier, build_llm(self.settings), self.settings)
        return Pipeline(
            extractor=self.extractor(),
            retriever=HybridRetriever(store, self.get_embedder()),
            verifier=verifier,
            store=store,
            top_k=self.settings.top_k,
        )


class _DeferredVoices:
    """The source analysis, loaded (with spaCy) only when a document is first written to the store."""

    def __init__(self, components: Components) -> None:
        self._components = components
        self._reader: VoiceReader | None = None

    def read(self, document: Document) -> Document:
        """Whose words each span of `document` is."""
        if self._reader is None:
            self._reader = self._components.voice_reader()
        return self._reader.read(document)


def build_pipeline(settings: Settings) -> Pipeline:
    """Wire a pipeline from settings alone."""
    return Components(settings).pipeline()
