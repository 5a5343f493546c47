"""The default extractor: quote marks and reporting cues over one spaCy parse, speakers resolved per article."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.attrs import POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

from factcheck.clean import CleanText, clean
from factcheck.errors import ModelError
from factcheck.extract.columns import token_starts, tokens_with
from factcheck.extract.cues import Cue, find_cues, relative_misparsed, trim_span
from factcheck.extract.entities import is_date_word, mark_names
from factcheck.extract.layout import LABELLED_LINE, Layout, lines_doc, read_layout
from factcheck.extract.lexicon import (
    CREDITING_VERBS,
    CUE_VERBS,
    DIRECTIVE_VERBS,
    EVIDENCE_VERBS,
    NAMING_VERBS,
    PERSON_TITLES,
    QUOTE_VERBS,
    ROLE_NOUNS,
    STANCE_VERBS,
    STATEMENT_NOUNS,
)
from factcheck.extract.marks import MarkedSpan, find_marked_spans
from factcheck.extract.mentions import SPOKES, Mention, can_speak, mention_for, subject_of
from factcheck.extract.speakers import SpeakerResolver
from factcheck.extract.tags import CoarseTagger, verb_lemma
from factcheck.names import is_common_noun, wordset
from factcheck.numbers import clock_time
from factcheck.types import Quote, QuoteKind, Speaker

_SUBORDINATORS = wordset("after before because since when while if although though until unless once")
_SIGNED_NAME = r"[—\u2013\u2015-]{1,2}[ \t]*([A-Z][\w.'\u2019-]*(?:[ \t][A-Z][\w.'\u2019-]*){0,3})"
_DASH_NAME = re.compile(r"[ \t]*" + _SIGNED_NAME)
# A signature on the line after a pull quote: the line opens with a dash and a name.
_SIGNATURE_LINE = re.compile(r"[ \t]*\n[ \t]*" + _SIGNED_NAME)
_SCARE_BEFORE = re.compile(
    r"(?:so[- ]called|dubbed|titled|entitled|nicknamed|named|known as|film|movie|book|song|album|show|"
    r"novel|series|play|headline|hashtag|slogan|term|word|phrase)\s*$",
    re.IGNORECASE,
)
_SKIPPED_PIPES = frozenset({"ner"})
_ACCORDING_TO = re.compile(r"\b[Aa]ccording to ((?:[\w.'\u2019-]+[ \t]){0,4}[\w.'\u2019-]+)[ \t]*,?[ \t]*$")
# A speaker label opening quoted transcript lines ('RAMOS:', 'Mrs. Clinton:'), and labels that name no one.
_TRANSCRIPT_LABEL = re.compile(r"((?:[A-Z][A-Za-z.'\u2019-]+[ \t]){0,2}[A-Z][A-Z.'\u2019-]+):[ \t]+")
_NOT_SPEAKERS = frozenset({"VIDEO", "AUDIO", "Q", "QUESTION", "ANNOUNCER", "NARRATOR", "UNIDENTIFIED", "CROSSTALK"})
_DASH_AFTER = re.compile(r"[ \t]*[\u2014\u2013]|[ \t]+--?[ \t]")
# The name that opens a sentence (or follows a comma) right before a dash: 'Marsh — "..." — shrugged'.
_DASH_BEFORE = re.compile(
    r"(?:^|[.!?,][ \t]+)((?:[A-Z][\w.'\u2019-]*[ \t]+){0,3}[A-Z][\w.'\u2019-]*)[ \t]*(?:[\u2014\u2013]|--?)[ \t]*$"
)
# A title-cased quotation right after an owner or 'on' names a work or programme ("on CNN's 'State of the Union'").
_OWNED_TITLE = re.compile(r"(?:['\u2019]s|\bon|\bin)\s*$")
_SENTENCE_MARK = re.compile(r"[.!?…]")
# Full stops that close a title or abbreviation, not a sentence ('Rep. Elijah E. Cummings said').
_ABBREVIATIONS = wordset(
    "mr mrs ms dr st jr sr sen rep gov gen lt col sgt capt adm prof rev fr no vs sept cmdr atty supt ft mt del "
    "ald asst dept sec amb pres"
)
# Parts of one utterance: quotes in a paragraph separated by at most a short attribution frame.
_SPLIT_FRAME_WORDS = 10
_MARKS_AND_SPACE = " \t,.;:!?\"\u201c\u201d\u2018\u2019'«»"
_BETWEEN_QUOTES = re.compile(r"[\"“”«»]")
_NOT_CONTENT_DEPS = frozenset({"conj", "cc", "punct", "advcl", "parataxis", "mark"})
# A headline line 'Name: what they said' with a quotation in it; the name is a few capitalised words.
_CLAUSE_BREAKS = frozenset({"—", "--", "\u2013", ";"})
_FOLLOW_UP_CHARS = 600  # how far back a speaker-less quote may inherit the previous speaker
_GOES_ON = 0.85  # how sure the speaker of a quotation after an attributed one in its paragraph is
# 'a.m.', 'pm': the time of a live blog's entry, before its speaker.
_DAY_HALVES = frozenset({"am", "pm"})
# Pronouns of a topic that point to a person ('On his future:').
_PERSONAL_POSSESSIVES = frozenset({"his", "her", "him", "he", "she"})


def _name_part(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha and (tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "NAME"))


def _title_case(words: list[str]) -> bool:
    return all(w[:1].isupper() or w.lower() in ("of", "the", "a", "and", "in", "to", "for", "on") for w in words)


def _names_a_speaker(tokens: list[Token]) -> bool:
    """A few words that name a person or organisation (not a place, a law or a party)."""
    if not tokens or len(tokens) > 5:
        return False
    return all(t.ent_type_ in ("PERSON", "NAME", "ORG") or t.pos_ == "PROPN" for t in tokens) and not any(
        t.ent_type_ in ("GPE", "MISC", "NORP") for t in tokens
    )


def _phrase_head(tok: Token) -> Token:
    """The noun a compound word of a name or phrase hangs on ('Ann' of 'Ann Weber' is 'Weber')."""
    while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
        tok = tok.head
    return tok


def _describes_a_noun(verb: Token) -> bool:
    """The verb is in a clause or a participle that describes a noun ('the engineer who designed it', 'the man
    named in the report')."""
    for tok in (verb, *verb.ancestors):
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
    return relative_misparsed(verb)


def _headline_verb(tok: Token) -> bool:
    """A verb of saying or stance in a headline: a title-cased one ('Says', 'Calls'), which the tagger may take for a
    name, or one in lower case, which the tagger reads as a verb ("... 'This is not who we are,' Merritt told her
    team")."""
    word = tok.lower_
    if not tok.is_alpha:
        return False
    if not tok.text[:1].isupper():
        return tok.pos_ in ("VERB", "AUX") and verb_lemma(tok) in CUE_VERBS
    forms = {word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word}
    return any(f in CUE_VERBS or f in STANCE_VERBS or f in QUOTE_VERBS for f in forms)


def _inherited(previous: _Attribution) -> _Attribution:
    """The previous quotation's speaker, for words that carry no attribution of their own (less sure)."""
    return _Attribution(previous.mention, previous.name, min(previous.speaker_confidence, 0.65), None, 0.6)


def _sentence_ends(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets just after each sentence-ending mark in text[start:end], skipping titles and initials."""
    for match in _SENTENCE_MARK.finditer(text, start, end):
        if match.group() == ".":
            word = text[max(0, match.start() - 5) : match.start()].split()[-1:] or [""]
            stem = word[0].strip("\"'\u201c\u201d(").lower()
            initial = len(stem) == 1 and stem.isalpha() and word[0][-1:].isupper()
            if stem in _ABBREVIATIONS or initial or text[match.end() : match.end() + 1] == ")":
                continue
        yield match.end()


# How sure a speaker reached through a spokesperson is ('a spokesman for Amis'): below what can accuse.
DELEGATED_SPEAKER = 0.75


def _spoken_for(spokesperson: Token) -> bool:
    """The spokesperson speaks for someone named after 'for', 'of' or 'at' ('a spokesman for Amis'), rather than
    being named ('a spokesman, John Doe,')."""
    return any(c.dep_ == "prep" and c.lower_ in ("for", "of", "at") for c in spokesperson.rights)


@dataclass(frozen=True)
class _Attribution:
    mention: Mention | None
    name: str | None
    speaker_confidence: float
    cue: str | None
    cue_strength: float


# start, end, kind, attribution, content start, content end, confidence
_Found = tuple[int, int, QuoteKind, _Attribution, int, int, float]


def _keep_marks(content: tuple[int, int], span: MarkedSpan) -> tuple[int, int]:
    """Keep the quote's own marks when it sits at an edge of the content, so the content stays balanced."""
    start, end = content
    if start == span.start:
        start = span.outer_start
    if end == span.end and span.closed:
        end = span.outer_end
    return start, end


def _coarse_tagger(nlp: Language) -> CoarseTagger | None:
    """The compiled attribute-ruler lookup, or None when the pipeline's ruler is absent or not of the simple kind."""
    if "attribute_ruler" not in nlp.pipe_names:
        return None
    try:
        return CoarseTagger(nlp)
    except ValueError:
        return None  # patterns this lookup cannot express: keep the ruler in the pipeline


@dataclass(frozen=True)
class Reading:
    """One text's quotes, its parse (over `cleaned.text`), the reports found in it and the map back to the text as
    given."""

    quotes: list[Quote]
    doc: Doc
    cleaned: CleanText
    cues: list[Cue]


class RuleExtractor:
    """Finds direct, partial and indirect quotations and resolves their speakers (the `Extractor` stage)."""

    def __init__(self, nlp: object) -> None:
        if not isinstance(nlp, Language):
            raise ModelError(f"RuleExtractor needs a loaded spaCy pipeline, got {type(nlp).__name__}")
        self.nlp = nlp
        # The statistical NER costs as much as the parse; names come from the tagger's proper nouns instead.
        # The attribute ruler's matcher is replaced by a compiled lookup of its own patterns.
        names = nlp.pipe_names
        self._coarse = _coarse_tagger(nlp)
        lemmatizer = nlp.get_pipe("lemmatizer") if self._coarse and "lemmatizer" in names else None
        # A rule lemmatizer needs the coarse tags, so it runs after them on verbs only; others stay in the pipe.
        self._lemmatizer = lemmatizer if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule" else None
        skipped = set(_SKIPPED_PIPES)
        if self._coarse is not None:
            skipped.add("attribute_ruler")
        if self._lemmatizer is not None:
            skipped.add("lemmatizer")
        self._disable = [name for name in names if name in skipped]

    def _article(self, cleaned: CleanText, doc: Doc, layout: Layout) -> _Article:
        if self._coarse is not None:
            self._coarse(doc)
            if self._lemmatizer is not None:
                # Only verbs are matched against the cue lists, so only verbs need a lemma.
                for tok in tokens_with(doc, {POS: ("VERB", "AUX")}):
                    tok.lemma_ = self._lemmatizer.rule_lemmatize(tok)[0]
        if "ner" in self._disable:
            mark_names(doc)
        return _Article(cleaned, doc, layout)

    def extract(self, text: str) -> list[Quote]:
        """Quotes in `text`, with offsets into `text` exactly as given."""
        return self.read(text).quotes

    def read(self, text: str) -> Reading:
        """Quotes in `text` and the parse they were found in (the source analysis reads both)."""
        cleaned = clean(text)
        layout = read_layout(cleaned.text)
        doc = self.nlp(lines_doc(self.nlp, cleaned.text, layout.breaks), disable=self._disable)
        article = self._article(cleaned, doc, layout)
        return Reading(article.quotes(), doc, cleaned, article.cues)

    def extract_many(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[list[Quote]]:
        """Quotes for each text, parsing in batches."""
        cleaned = [clean(t) for t in texts]
        layouts = [read_layout(c.text) for c in cleaned]
        prepared = (lines_doc(self.nlp, c.text, layout.breaks) for c, layout in zip(cleaned, layouts, strict=True))
        docs = self.nlp.pipe(prepared, batch_size=batch_size, disable=self._disable)
        for item, doc, layout in zip(cleaned, docs, layouts, strict=True):
            yield self._article(item, doc, layout).quotes()


def _last_named(tokens: Sequence[Token], kind: Callable[[Token], bool]) -> Token | None:
    """The last capitalised word of `tokens` of a kind (the head of a name the tagger marks)."""
    return next((t for t in reversed(tokens) if kind(t) and t.text[:1].isupper()), None)


class _Article:
    """One parsed text and the state its quotes share (speakers seen so far)."""

    def __init__(self, cleaned: CleanText, doc: Doc, layout: Layout) -> None:
        self.cleaned = cleaned
        self.doc = doc
        self.text = cleaned.text  # the parsed text itself; Doc.text would rebuild it from the tokens
        self.token_starts = token_starts(doc)
        self.layout = layout
        self.spans = [span for span in find_marked_spans(self.text) if not self._is_nickname(span)]
        self.span_starts = [s.outer_start for s in self.spans]
        quoted = tuple((s.start, s.end) for s in self.spans)
        self.resolver = SpeakerResolver(doc, ignored=layout.quiet, headlines=layout.headlines, quoted=quoted)
        self.paragraph_breaks = [m.start() for m in re.finditer(r"\n", self.text)]
        # Every report in the text; the source analysis reads them too.
        self.cues = find_cues(doc, self.text)

    @functools.cached_property
    def capitalised(self) -> frozenset[str]:
        """Words written with a capital where no sentence opens: names, whatever the tagger made of them."""
        return frozenset(t.lower_ for t in self.doc if t.is_alpha and t.text[:1].isupper() and not t.is_sent_start)

    def _is_nickname(self, span: MarkedSpan) -> bool:
        """'Marcia "Cia" Price': one or two capitalised words in marks between a first name and a surname."""
        words = self.text[span.start : span.end].split()
        if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
            return False
        before = self._tokens(max(0, span.outer_start - 30), span.outer_start)
        after = self._tokens(span.outer_end, span.outer_end + 30)
        # The surname may be a word the tagger takes for a noun ('Price'): its capital is enough after a name.
        surname = bool(after) and after[0].text[:1].isupper() and after[0].is_alpha
        if surname and before and self.layout.is_headline(span.outer_start):
            # Every word of a title-cased headline has a capital: the name must be one the article writes out.
            surname = f"{before[-1].text} {after[0].text}" in self.text[self._line_end(span.outer_end) :]
        return bool(before) and _name_part(before[-1]) and surname

    # --- geometry -------------------------------------------------------------------------------
    def _outside_quotes(self, tok: Token) -> bool:
        return not self._inside_quote(tok.idx)

    def _may_speak(self, tok: Token) -> bool:
        """Outside the quotes and outside a quiet line part ('Headline:' the parse took for a subject)."""
        return self._outside_quotes(tok) and not self.layout.is_quiet(tok.idx)

    def _inside_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.span_starts, pos) - 1
        return k >= 0 and self.spans[k].outer_start < pos < self.spans[k].outer_end

    def _tokens(self, start: int, end: int) -> list[Token]:
        lo = bisect.bisect_left(self.token_starts, start)
        hi = bisect.bisect_left(self.token_starts, end)
        return list(self.doc[lo:hi])

    def _line_end(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        return len(self.text) if end < 0 else end

    def _paragraph(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_left(self.paragraph_breaks, pos)
        start = self.paragraph_breaks[k - 1] + 1 if k > 0 else 0
        end = self.paragraph_breaks[k] if k < len(self.paragraph_breaks) else len(self.text)
        return start, end

    # --- attribution ----------------------------------------------------------------------------
    def _attribute(self, subject: Token | None, cue: str | None, strength: float) -> _Attribution:
        quiet = subject is not None and self.layout.is_quiet(subject.idx)
        mention = mention_for(subject) if subject is not None and not quiet else None
        if mention is None:
            return _Attribution(None, None, 0.0, cue, strength)
        name, confidence = self.resolver.resolve(mention)
        if subject is not None and subject.lower_ in SPOKES and mention.kind == "person" and _spoken_for(subject):
            # 'a spokesman for Amis said': the words are said for her, not by her; an attribution that cannot
            # accuse anyone of a misquote.
            confidence = min(confidence, DELEGATED_SPEAKER)
        if is_common_noun(name):
            # A common-noun phrase ('the attorney general's office') names no one: the words are judged alone.
            name, confidence = None, 0.3
        return _Attribution(mention, name, confidence, cue, strength)

    def _frame_after(self, span: MarkedSpan) -> tuple[int, int]:
        end = self._paragraph(span.outer_end)[1] if span.closed else span.outer_end
        k = bisect.bisect_left(self.span_starts, span.outer_end)
        if k < len(self.spans):
            end = min(end, self.spans[k].outer_start)
        found = next(_sentence_ends(self.text, span.outer_end, end), None)
        return span.outer_end, found if found is not None else end

    def _frame_before(self, span: MarkedSpan) -> tuple[int, int]:
        start = self._paragraph(span.outer_start)[0]
        if not self.text[start : span.outer_start].strip():
            # 'Cruz continued:' closing the paragraph before introduces a quote that opens this one.
            previous = self.text[:start].rstrip()
            if previous.endswith(":") and start > 0:
                intro_start = self._paragraph(len(previous) - 1)[0]
                ends = list(_sentence_ends(self.text, intro_start, len(previous) - 1))
                return (ends[-1] if ends else intro_start), len(previous)
        k = bisect.bisect_left(self.span_starts, span.outer_start) - 1
        if k >= 0:
            start = max(start, self.spans[k].outer_end)
        ends = list(_sentence_ends(self.text, start, span.outer_start))
        return (ends[-1] if ends else start), span.outer_start

    def _opens_line(self, span: MarkedSpan) -> bool:
        """Nothing but spaces stands before the quotation on its line."""
        return not self.text[self._paragraph(span.outer_start)[0] : span.outer_start].strip()

    def _leads_line(self, span: MarkedSpan) -> bool:
        """The quotation opens its line and a colon follows it ("'It's the only road we've got': Carrabost counts
        the cost"): a headline or caption led by someone's words, not a word set off in single marks."""
        return self._opens_line(span) and self.text[span.outer_end : span.outer_end + 1] == ":"

    def _ends_own_sentence(self, span: MarkedSpan) -> bool:
        """The quoted words end a sentence begun before them ('Sanders called it a symptom of "a corrupt
        system."'): their frame is in that sentence, and the next one ('Bloomberg retorted ...') is about
        something else."""
        start, end = self._frame_before(span)
        return self.text[span.start : span.end].rstrip()[-1:] in (".", "!", "?") and bool(self.text[start:end].strip())

    def _adjacent_cue(self, span: MarkedSpan, next_sentence: bool = False) -> _Attribution | None:
        """The cue beside the quote, before or after it; words that end their own sentence take the sentence
        after theirs only when asked (`next_sentence`), once nothing in their own names a speaker."""
        after = self._frame_after(span)
        dash = _DASH_NAME.match(self.text, after[0]) or self._signature_line(span)
        if dash and self.text[after[0] : dash.start(1)].strip():
            name_tokens = [t for t in self._tokens(dash.start(1), dash.end(1)) if not t.is_punct]
            if name_tokens:
                return self._attribute(name_tokens[-1], None, 0.8)
        according = _ACCORDING_TO.search(self.text, *self._frame_before(span))
        if according is not None:
            # 'According to Limbaugh, "..."' (a long quote the sentence's own clause does not cover).
            name_tokens = self._tokens(according.start(1), according.end(1))
            if name_tokens:
                return self._attribute(name_tokens[-1], "according to", 0.85)
        owner = self._owner_beside(span)
        if owner is not None:
            return owner
        candidates: list[tuple[int, Token]] = []
        before = self._frame_before(span)
        own_only = not next_sentence and self._ends_own_sentence(span)
        frames = (("before", before),) if own_only else (("after", after), ("before", before))
        for side, (start, end) in frames:
            colon = self.text[start:end].rstrip().endswith(":")
            for tok in self._tokens(start, end):
                if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "amod" and verb_lemma(tok) in QUOTE_VERBS:
                    if tok.dep_ == "advcl" and tok.tag_ == "VBN":
                        continue  # 'Asked what she would miss, she did not hesitate:' - the one asked speaks
                    if side == "after" and self._subordinate(tok):
                        continue  # '"a disgrace" after she attacked the police': another clause, not the frame
                    if side == "after" and self._says_its_own_object(tok):
                        continue  # '"..." Klobuchar added her own refrain': what she added is its object
                    if side == "after" and next_sentence and self._reports_its_own(tok, span):
                        continue  # '"..." Kelly asks how flexible he is': the next sentence reports its own words
                    if tok.dep_ == "relcl" and not any(span.start <= t.idx < span.end for t in tok.subtree):
                        continue  # 'said students who start later "sleep less"': the clause describes a noun
                    if relative_misparsed(tok):
                        continue  # 'Biden, on the bill Sanders opposed: "..."': the bill's clause, not a frame
                    if side == "before" and colon and self._under_preposition(tok, start, end):
                        continue  # 'on learning to code: "..."': a topic, no one saying anything
                    distance = tok.idx - span.outer_end if side == "after" else span.outer_start - tok.idx
                    if side == "after" and colon:
                        # 'When Ryan interjected, "...," Sanders replied: "..."': a clause that ends in a colon
                        # introduces the words after it; it speaks these only when nothing before them does.
                        distance += len(self.text)
                    candidates.append((distance, tok))
            if side == "before":
                # 'A caption credits Ruiz with "..."': the words given to someone, whoever gives them.
                credited = [t for t in self._tokens(start, end) if self._credited(t, span) is not None]
                candidates.extend((span.outer_start - t.idx, t) for t in credited)
            if side == "before" and self.text[start:end].rstrip().endswith(":"):
                # 'Cruz called them on it: "..."' — the clause before a colon introduces the quote.
                verbs = [
                    t for t in self._tokens(start, end)
                    if t.pos_ in ("VERB", "AUX") and subject_of(t) and not self._under_preposition(t, start, end)
                    and not _describes_a_noun(t)
                ]  # fmt: skip
                # 'When Buttigieg needled her ..., Klobuchar snapped:', 'As voices rose, Okafor pleaded:': an
                # adverbial clause sets the scene.
                main = [t for t in verbs if not self._subordinate(t) and t.dep_ != "advcl"]
                verbs = main or verbs
                if verbs:
                    candidates.append((end - start, verbs[0]))
        for _distance, verb in sorted(candidates, key=lambda c: c[0]):
            subject = (
                self._credited(verb, span)
                or subject_of(verb, self._may_speak)
                or self._name_before(verb, span.outer_end)
                or self._name_left_of(verb)
                or self._inverted_subject(verb, after[1])
            )
            if subject is None or self._inside_quote(subject.idx):
                continue
            attribution = self._attribute(subject, verb.text, 0.9)
            if not self._says(verb) and (
                not can_speak(attribution.mention) or self.resolver.mere_word(attribution.name or "")
            ):
                # 'the budget has shrunk again: "..."', 'Recruitment has collapsed: "..."': a clause about a thing
                # elaborates, no one speaks it.
                continue
            return attribution
        return None

    def _owner_beside(self, span: MarkedSpan) -> _Attribution | None:
        """'"a fifth of the island", by the convener's count', '"...", in Rennie's words': a phrase of 'by' or 'in'
        set right after the quotation, whose noun has an owner who can speak, says whose count or words they are."""
        start, end = self._frame_after(span)
        words = [t for t in self._tokens(start, end) if not t.is_punct and not t.is_space]
        if not words or words[0].lower_ not in ("by", "in") or words[0].dep_ not in ("prep", "agent"):
            return None
        noun = next((c for c in words[0].children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
        owner = next((c for c in noun.children if c.dep_ == "poss"), None) if noun is not None else None
        if owner is None or self._inside_quote(owner.idx):
            return None
        attribution = self._attribute(owner, f"{words[0].text} {owner.head.text}", 0.85)
        return attribution if can_speak(attribution.mention) else None

    def _elaborates(self, span: MarkedSpan, last_end: int) -> bool:
        """The quotation follows a clause of its own sentence that ends in a colon and has a subject (one no rule
        let speak), in the paragraph of the last quotation."""
        start, end = self._frame_before(span)
        if not self.text[start:end].rstrip().endswith(":") or not self._same_paragraph(last_end, span.outer_start):
            return False
        subjects = [subject_of(t) for t in self._tokens(start, end) if t.pos_ in ("VERB", "AUX")]
        # A thing: a noun with its determiner ('the new vessel'), or a word capitalised only where a sentence opens
        # ('Recruitment has collapsed:'); one capitalised mid-sentence elsewhere is a name the tagger may have missed
        # ('Trump, for his part, brushed off the scrutiny:').
        return any(
            s is not None
            and (any(c.dep_ in ("det", "poss") for c in s.children) or s.lower_ not in self.capitalised)
            for s in subjects
        )

    def _reports_its_own(self, verb: Token, span: MarkedSpan) -> bool:
        """The verb is a report whose content is words of its own after the quotation."""
        return any(cue.start == verb.idx and cue.content_start >= span.outer_end for cue in self.cues)

    def _credited(self, verb: Token, span: MarkedSpan) -> Token | None:
        """Whom a verb of crediting gives the quoted words to: the object of 'quotes' and 'credits ... with', the
        one after 'to' of 'attributes'. Words in lower case credited 'with' are a characterisation ('credited the
        crews with "an extraordinary effort"'), the subject's own."""
        # 'A caption credits Ruiz with' with 'credits' tagged a plural noun (the sentence's root, or the subject of
        # the quoted verb): the verb's third person, when a name stands beside it as its object.
        if verb.pos_ == "VERB":
            lemma = verb_lemma(verb)
        elif verb.tag_ == "NNS":
            lemma = verb.lower_.removesuffix("s")  # the verb's third person, which the lemmatizer left alone
        else:
            return None
        if lemma not in CREDITING_VERBS or verb.idx > span.outer_start:
            return None
        for child in verb.children:
            if child.dep_ == "dative" or (child.dep_ == "prep" and child.lower_ == "to"):
                person = next((c for c in child.children if c.dep_ == "pobj"), None if child.dep_ == "prep" else child)
                if person is not None and self._may_speak(person):
                    return person
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "appos") and self._may_speak(c)), None)
        if obj is None or not can_speak(mention_for(obj)):
            return None
        with_ = self.text[obj.idx + len(obj.text) : span.outer_start].strip().lower() == "with"
        if with_ and not self.text[span.start : span.start + 1].isupper():
            return None
        return obj

    @staticmethod
    def _subordinate(verb: Token) -> bool:
        """The verb heads a clause opened by 'when', 'after', 'because' and the like."""
        return any(c.dep_ in ("mark", "advmod") and c.lower_ in _SUBORDINATORS for c in verb.children)

    @staticmethod
    def _says_its_own_object(verb: Token) -> bool:
        """The verb's direct object is what was said ('added her own refrain'), not whom it was said to ('told
        reporters') nor a quotation."""
        addressed = verb_lemma(verb) in DIRECTIVE_VERBS
        for obj in (c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"):
            if addressed and obj.lemma_.lower() not in STATEMENT_NOUNS:
                continue  # 'told the hall', 'warned the room': a verb of address takes its listeners as object
            mention = mention_for(obj)
            # A thing in the singular; people ('reporters', plural) or a body ('the court') are listeners.
            if mention is not None and mention.kind == "group" and mention.gender != "p":
                return True
        return False

    def _says(self, verb: Token) -> bool:
        lemma = verb_lemma(verb)
        return lemma in CUE_VERBS or lemma in STANCE_VERBS or lemma in QUOTE_VERBS

    def _same_paragraph(self, a: int, b: int) -> bool:
        return self._paragraph(a) == self._paragraph(b)

    def _narrator_subject(self, span: MarkedSpan, lead: bool = False) -> _Attribution | None:
        """'Okoro, asked whether she would retire, laughed. "Retire? I've only just started."': a quotation standing
        as its own sentence, with no frame (or, with `lead`, after a topic and a colon), after a sentence about a
        person in the same paragraph is that person's."""
        frame_start, _ = self._frame_before(span)
        paragraph_start = self._paragraph(span.outer_start)[0]
        if (self.text[frame_start : span.outer_start].strip() and not lead) or frame_start <= paragraph_start:
            return None
        previous = self._tokens(frame_start - 1, frame_start)
        if not previous:
            return None
        sentence = previous[0].sent
        if self._spans_between(sentence.start_char, sentence.end_char):
            return None  # a sentence with its own quotation: the follow-up rules decide
        subject = subject_of(sentence.root, self._outside_quotes)
        if subject is None:
            return None
        attribution = self._attribute(subject, None, 0.6)
        if not can_speak(attribution.mention) or attribution.name is None:
            return None
        return replace(attribution, speaker_confidence=min(attribution.speaker_confidence, 0.7))

    def _topic_lead(self, span: MarkedSpan, last: tuple[int, _Attribution] | None) -> _Attribution | None:
        """A round-up's line: words with no verb of their own, then a colon, then the quotation. A line that opens
        with a person ('Rovers manager Gareth Pryce, after the defeat, on the booing: "..."') is theirs; a topic
        ('On his future: "..."', 'And, on the radio: "..."') is the one its pronoun means, else the person the
        sentence before is about, else the one the quotation just before was by."""
        start, end = self._frame_before(span)
        paragraph = self._paragraph(span.outer_start)[0]
        if not self.text[start:end].strip().endswith(":") or start < paragraph:
            return None
        tokens = [t for t in self._tokens(start, end) if not t.is_punct]
        if not tokens or any(
            t.pos_ in ("VERB", "AUX") and not self._under_preposition(t, start, end) and not _describes_a_noun(t)
            for t in tokens
        ):
            # A clause, which the rules of cues read ('on learning to gut fish' is a topic, no clause); a verb that
            # describes a noun ('the engineer who designed the charger') makes none.
            return None
        segment = self._opening_segment(start, end)
        if segment and segment[0].pos_ not in ("ADP", "CCONJ", "SCONJ"):
            # A line that opens with a noun phrase names its speaker there ('Rovers manager Gareth Pryce, after the
            # defeat, ...', 'Head of hardware Dana Okoro:'): the person it names, else its name before a preposition.
            # The last name the tagger marks is the head of the phrase ('Ashworth Rovers manager Gareth Pryce').
            # A person named before a preposition is the one the line is about ('Pauline Rudd from Holt End:'); the
            # phrase after it only places them.
            before_prep = list(itertools.takewhile(lambda t: t.pos_ != "ADP", segment))
            # A person the lead names after its opening words ('Reaction of the week, from party spokeswoman Alana
            # Reyes:') is its speaker before a capitalised opening word that names no one.
            lead = [t for t in tokens if not self._inside_quote(t.idx)]
            person = (
                _last_named(before_prep, lambda t: t.ent_type_ == "PERSON")
                or _last_named(segment, lambda t: t.ent_type_ == "PERSON")
                or _last_named(lead, lambda t: t.ent_type_ == "PERSON")
                or _last_named(before_prep, lambda t: t.pos_ == "PROPN")
                # 'A personal note from the Vice-Chancellor:': an office, whose holder the article has named.
                or _last_named(segment, lambda t: t.pos_ == "PROPN" and t.lower_ in PERSON_TITLES)
            )
            if person is None:
                return self._described_lead(segment)
            head = _phrase_head(person)
            attribution = self._attribute(head, None, 0.7)
            # The name must be the one written there, not someone the resolver reached for ('Trump' tagged a noun); an
            # office ('from the Vice-Chancellor') is its holder's.
            written = attribution.mention is not None and attribution.mention.kind == "role"
            named = attribution.name is not None and (written or head.lower_ in attribution.name.lower())
            return attribution if named and can_speak(attribution.mention) else None
        pronoun = next((t for t in tokens if t.lower_ in _PERSONAL_POSSESSIVES), None)
        if pronoun is not None:
            attribution = self._attribute(pronoun, None, 0.6)
            if attribution.name is not None:
                return replace(attribution, speaker_confidence=min(attribution.speaker_confidence, 0.7))
        narrator = self._narrator_subject(span, lead=True) if start > paragraph else None
        if narrator is not None:
            return narrator
        # The quotation just before, in this paragraph or the one before it.
        if last is None or last[1].name is None or self.text.count("\n\n", last[0], span.outer_start) > 1:
            return None
        return _inherited(last[1]) if span.outer_start - last[0] <= _FOLLOW_UP_CHARS else None

    def _signature_line(self, span: MarkedSpan) -> re.Match[str] | None:
        """A pull quote alone on its line, signed on the next ('"..."' then '- Lewis Drummond, former captain'): the
        signature line names the speaker, and quotes nothing itself."""
        if not self._opens_line(span):
            return None
        signed = _SIGNATURE_LINE.match(self.text, span.outer_end)
        if signed is None:
            return None
        line_end = self.text.find("\n", signed.end())
        rest = self.text[signed.end() : len(self.text) if line_end < 0 else line_end]
        return None if _BETWEEN_QUOTES.search(rest) else signed

    def _described_lead(self, segment: list[Token]) -> _Attribution | None:
        """'The company: "..."', 'The regulator's chair: "..."': a line that opens with a body or a role the article
        has named is theirs."""
        inside = {t.i for t in segment}
        heads = [t for t in segment if t.pos_ == "NOUN" and (t.head.i == t.i or t.head.i not in inside)]
        head = heads[0] if len(heads) == 1 else None
        if head is None or not any(c.dep_ in ("det", "poss") for c in head.children):
            return None
        attribution = self._attribute(head, None, 0.6)
        return attribution if attribution.name is not None and can_speak(attribution.mention) else None

    def _opening_segment(self, start: int, end: int) -> list[Token]:
        """A lead's words up to its first comma or colon, after a live blog's time and dash ('9:52 p.m. —') or a
        caption's label ('Photo:')."""
        segment: list[Token] = []
        for t in self._tokens(start, end):
            time = t.like_num or clock_time([t.text]) is not None or t.lower_.replace(".", "") in _DAY_HALVES
            if not segment and (t.is_punct or t.is_space or time or self.layout.is_quiet(t.idx)):
                continue
            if t.text in (",", ":", ";") or (t.is_punct and t.text != "-"):
                break
            segment.append(t)
        return [t for t in segment if not t.is_punct]

    @staticmethod
    def _under_preposition(verb: Token, start: int, end: int) -> bool:
        """A verb inside a prepositional phrase of the lead ('on | learning to gut fish')."""
        return any(a.pos_ == "ADP" and start <= a.idx < end for a in verb.ancestors)

    def _dash_aside(self, span: MarkedSpan) -> _Attribution | None:
        """'Marsh — "the numbers were checked" — shrugged it off': a quote set off by dashes after its speaker."""
        if not _DASH_AFTER.match(self.text, span.outer_end):
            return None
        start = self._paragraph(span.outer_start)[0]
        before = _DASH_BEFORE.search(self.text[start : span.outer_start])
        if before is None:
            return None
        name_tokens = self._tokens(start + before.start(1), start + before.end(1))
        if not _names_a_speaker(name_tokens):
            return None
        attribution = self._attribute(name_tokens[-1], None, 0.7)
        return attribution if attribution.name is not None else None

    def _name_before(self, verb: Token, quote_end: int) -> Token | None:
        """'"...," Flynn, a top Trump surrogate, said': the name between the quote and a verb the parser left
        without a subject (it took the name for part of the quote's last phrase)."""
        if verb.idx <= quote_end:
            return None
        between = [t for t in self._tokens(quote_end, verb.idx)[:8] if not self._inside_quote(t.idx)]
        for tok in between:
            if tok.ent_type_ in ("PERSON", "NAME", "ORG"):
                while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i and tok.head.ent_type_ == tok.ent_type_:
                    tok = tok.head
                return tok
        # '"...," the minister, speaking through an interpreter, said': a description of a person opening the frame.
        first = next((t for t in between if not t.is_punct and t.lower_ not in ("the", "a", "an")), None)
        if first is not None and first.pos_ == "NOUN" and first.lower_ in ROLE_NOUNS:
            return first
        return None

    def _name_left_of(self, verb: Token) -> Token | None:
        """'Trump himself, in a speech, said ...' when the parser hung the name on the verb as a loose clause: a
        name to the left of a verb that has no subject is who speaks."""
        for child in verb.lefts:
            named = child.ent_type_ in ("PERSON", "ORG") or child.pos_ == "PROPN"
            if child.dep_ in ("parataxis", "dep", "npadvmod") and named and not self._inside_quote(child.idx):
                return child
        return None

    def _inverted_subject(self, verb: Token, frame_end: int) -> Token | None:
        """'..., said Ann Weber.' when the parser left the verb without a subject."""
        for tok in self._tokens(verb.idx + len(verb.text), frame_end)[:6]:
            if tok.dep_ == "npadvmod" or is_date_word(tok):
                continue  # 'said Thursday morning': when, not who
            head = _phrase_head(tok)
            if head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ in ("ccomp", "xcomp") and head.head.head == verb:
                return None  # 'said the Green New Deal would ...': the subject of what was said, not who said it
            if tok.pos_ in ("PROPN", "NOUN", "PRON"):
                return head
        return None

    def _containing_cue(self, span: MarkedSpan, cues: list[Cue]) -> Cue | None:
        """The innermost reporting clause around the quote: in 'Rubio suggested X, while Cruz said that "Y"'
        the words are Cruz's, not Rubio's."""
        around = [
            cue
            for cue in cues
            if (overlap := min(cue.content_end, span.end) - max(cue.content_start, span.start)) > 0
            and overlap >= 0.6 * (span.end - span.start)
        ]
        # 'Mook told CBS that the campaign expects ... "lies"': a belief inside a statement is the statement's.
        said = [cue for cue in around if not cue.belief]
        # 'He added that Kim had told him North Korea was "..."': what someone told the speaker, inside the
        # speaker's statement, is the speaker's telling of it; the words in the marks are what the reporter heard.
        # ('Flynn said Trump was right when he said "..."' reports Trump's own words, told to no one in particular.)
        relayed = [c for c in said if self._told_to_someone(c) and any(
            o is not c and o.content_start <= c.start < o.content_end for o in said
        )]  # fmt: skip
        # 'The judge found that the company's own records showed the works had discharged "..."': what evidence
        # shows, inside someone's statement, is that someone's claim; records and figures say nothing themselves.
        shown = [c for c in said if self._evidence(c) and any(
            o is not c and o.content_start <= c.start < o.content_end for o in said
        )]  # fmt: skip
        kept = [c for c in said if c not in relayed and c not in shown]
        return min(kept or said or around, key=lambda c: c.content_end - c.content_start, default=None)

    def _evidence(self, cue: Cue) -> bool:
        """The cue is a verb of evidence ('showed', 'revealed') whose subject cannot speak ('the records')."""
        verbs = [t for t in self._tokens(cue.start, cue.end) if t.pos_ in ("VERB", "AUX")]
        if not verbs or verb_lemma(verbs[-1]) not in EVIDENCE_VERBS:
            return False
        return cue.subject is None or not can_speak(mention_for(cue.subject))

    def _told_to_someone(self, cue: Cue) -> bool:
        """The reporting verb has a personal pronoun as the one told ('told him', 'said to me')."""
        for verb in self._tokens(cue.start, cue.end):
            for child in verb.children:
                told = [child] if child.dep_ in ("dobj", "dative") else [
                    c for c in child.children if child.dep_ == "prep" and child.lower_ == "to" and c.dep_ == "pobj"
                ]  # fmt: skip
                if any(t.pos_ == "PRON" and t.lower_ not in ("it", "that", "this", "what") for t in told):
                    return True
        return False

    def _is_scare(self, span: MarkedSpan) -> bool:
        words = self.text[span.start : span.end].split()
        before = self.text[max(0, span.outer_start - 20) : span.outer_start]
        if 2 <= len(words) <= 8 and _OWNED_TITLE.search(before) and _title_case(words):
            return True  # 'on Fox News's "Fox and Friends."': a programme or work, even with a full stop
        if len(words) > 10 or re.search(r"[.!?…]\W*$", self.text[span.start : span.end]):
            return False
        if _SCARE_BEFORE.search(before):
            return True
        if len(words) > 4 and not all(w[:1].isupper() for w in words if len(w) > 3):
            return False
        prev_tokens = self._tokens(max(0, span.outer_start - 30), span.outer_start)
        next_tokens = self._tokens(span.outer_end, span.outer_end + 30)
        if prev_tokens and next_tokens and prev_tokens[-1].pos_ == "PROPN" and next_tokens[0].pos_ == "PROPN":
            return True  # a nickname between first and last name
        return _title_case(words) and len(words) >= 2

    # --- assembly -------------------------------------------------------------------------------
    def quotes(self) -> list[Quote]:
        # A reporting verb inside the marks is part of the quoted words ('would "show that ..."'), not their cue.
        cues = [c for c in self.cues if not self._inside_quote(c.start) and not self._inside_quote(c.end - 1)]
        found: list[_Found] = []
        used_cues: set[int] = set()
        last: tuple[int, _Attribution] | None = None
        for span in self.spans:
            start, end = trim_span(self.text, span.start, span.end)
            if end <= start:
                continue
            labelled = self._transcript_label(start, end)
            if labelled is not None:
                found.extend(labelled)
                continue
            signed = self._signed(start, end, span)
            if signed is not None:
                found.append(signed)
                continue
            words = len(self.text[start:end].split())
            containing = self._containing_cue(span, cues)
            headline = self._headline_quote(span, start, end) or self._title_line_quote(span, start, end)
            if headline is not None:
                found.append(headline)
                continue
            scare = self._is_scare(span)
            if scare and (
                containing is None or (end - start) < 0.7 * (containing.content_end - containing.content_start)
            ):
                continue
            attribution: _Attribution | None = None
            content = (start, end)
            kind: QuoteKind = "direct"
            penalty = 0.0 if span.closed else 0.15
            if containing is not None:
                attribution = self._attribute(containing.subject, containing.text, 0.9)
                covered = (end - start) >= 0.7 * (containing.content_end - containing.content_start)
                if not covered:
                    kind = "partial"
                    content = (min(containing.content_start, start), max(containing.content_end, end))
                    inner = self._inner_speaker(span, containing)
                    if inner is not None:
                        attribution = inner
            owned = self._statement_owner(span)
            if owned is not None:
                attribution, kind, content = owned, "partial", (start, end)
            if attribution is None or attribution.mention is None:
                adjacent = self._adjacent_cue(span)
                if adjacent is not None:
                    attribution = adjacent
                    lead = self.text[: span.outer_start].rstrip()[-1:]
                    # Lowercase words mid-sentence are a fragment; after ", " or ": " they continue a quote.
                    if self.text[start].islower() and lead not in (",", ":") and containing is None:
                        kind = "partial"
                        verb = self._governing_verb(span)
                        content = self._object_content(verb, span) if verb else self._sentence_around(span)
                    elif (
                        self.text[start].islower()
                        and lead == ","
                        and containing is None
                        and (mixed := self._clause_after_cue(span))
                    ):
                        # 'Ryan says no matter what Obama does, "his word does not trump ..."': the words
                        # between the cue and the quote are part of what is attributed.
                        kind = "partial"
                        content = mixed
                    elif self.text[start].islower() and lead == "," and containing is None:
                        # 'The rules, the lawyers said, "all command the same conclusion"': the clause
                        # before the attribution frame is part of what is attributed.
                        frame_start = self._frame_before(span)[0]
                        before = self.text[frame_start : span.outer_start]
                        after_quote = self.text[max(0, frame_start - 2) : frame_start].strip(" ,") in ('"', "\u201d")
                        if len(before.split()) >= 6 and not _BETWEEN_QUOTES.search(before) and not after_quote:
                            kind = "partial"
                            content = self._sentence_around(span)
            if (attribution is None or attribution.mention is None) and self.text[start].islower():
                verb = self._governing_verb(span)
                subject = subject_of(verb) if verb is not None else None
                found_by = None
                if verb is not None and subject is not None and not self._inside_quote(subject.idx):
                    found_by = self._attribute(subject, verb.text, 0.7)
                speaks = verb is not None and (self._says(verb) or can_speak(found_by.mention if found_by else None))
                after_last = last is not None and self._same_paragraph(last[0], span.outer_start)
                if not speaks and attribution is None and last is not None and after_last:
                    # '"The plan is fragile," the analyst wrote. It is "one bad winter away from failure."': words
                    # no one in their sentence says go on the last quote's speaker.
                    attribution = _inherited(last[1])
                    kind = "partial"
                    if verb is not None:
                        content = self._object_content(verb, span)
                elif verb is not None and found_by is not None:
                    attribution = found_by
                    kind = "partial"
                    content = self._object_content(verb, span)
            if attribution is None and last is not None and self._same_sentence_goes_on(span, last[0]):
                # 'Sanders said that "...," then turned to electability: "..."': the sentence that gave the last
                # quote its speaker goes on to this one, and names no one else.
                attribution = _inherited(last[1])
            if attribution is None and last is not None and self._elaborates(span, last[0]):
                # 'Boakye introduces the paper: "...". Recruitment has collapsed: "..."': a clause about a thing before
                # a colon elaborates what the last speaker of its paragraph is saying.
                attribution = _inherited(last[1])
            if attribution is None and self._ends_own_sentence(span):
                # Nothing in their own sentence names a speaker: the next sentence's, as a last resort.
                attribution = self._adjacent_cue(span, next_sentence=True)
                if attribution is not None:
                    kind, content = "partial", self._sentence_around(span)
            if attribution is None:
                attribution = self._dash_aside(span)
            if attribution is None and not span.single:
                attribution = self._narrator_subject(span)
            if attribution is None and not span.single and last is not None and self._is_follow_up(span, last[0]):
                attribution = _inherited(last[1])
                if self._same_paragraph(last[0], span.outer_start) and last[1].cue is not None:
                    # '"...," Dr Adeyemi said. "Parents should not wait ..."': a quotation that opens the sentence
                    # after an attributed one in its paragraph goes on with the same speaker, as news writing has it.
                    attribution = replace(attribution, speaker_confidence=min(last[1].speaker_confidence, _GOES_ON))
            if attribution is None and not span.single:
                attribution = self._topic_lead(span, last)
            if attribution is None:
                if (span.single and not self._leads_line(span)) or words < 5:
                    continue
                attribution = _Attribution(None, None, 0.0, None, 0.4)
            elif attribution.mention is None and (words < 3 or scare):
                continue
            if containing is not None:
                used_cues.add(id(containing))
            if attribution.name is not None:
                self.resolver.remember(start, attribution.name)
                last = (span.outer_end, attribution)
            elif attribution.mention is not None:
                last = (span.outer_end, attribution)
            confidence = self._confidence(attribution, kind) - penalty
            if kind == "partial":
                content = _keep_marks(self._cut_trailing_clause(content, span), span)
            found.append((start, end, kind, attribution, content[0], content[1], confidence))
        found.extend(self._labelled_lines())
        found.extend(self._bare_answers())
        quoted = [(f[0], f[1]) for f in found]
        for cue in cues:
            if id(cue) in used_cues or cue.subject is None:
                continue
            if any(min(cue.content_end, e) > max(cue.content_start, s) for s, e in quoted):
                continue
            attribution = self._attribute(cue.subject, cue.text, 0.75)
            if attribution.mention is None:
                continue
            if attribution.name is not None:
                self.resolver.remember(cue.start, attribution.name)
            confidence = self._confidence(attribution, "indirect")
            s, e = cue.content_start, cue.content_end
            found.append((s, e, "indirect", attribution, s, e, confidence))
        found.sort(key=lambda f: f[0])
        return [self._quote(*f) for f in self._join_split_quotes(found)]

    def _join_split_quotes(self, found: list[_Found]) -> list[_Found]:
        """'"A," she said, "B. C."': the parts of one utterance in a paragraph share one content span."""
        groups: list[list[int]] = []
        for i, item in enumerate(found):
            if item[2] != "direct":
                continue
            if groups and self._continues(found[groups[-1][-1]], item):
                groups[-1].append(i)
            else:
                groups.append([i])
        joined = list(found)
        for group in groups:
            if len(group) < 2:
                continue
            start = min(found[i][4] for i in group)
            end = max(found[i][5] for i in group)
            for i in group:
                joined[i] = (*found[i][:4], start, end, found[i][6])
        return joined

    def _continues(self, first: _Found, second: _Found) -> bool:
        between = self.text[first[1] : second[0]]
        if "\n" in between or len(between.split()) > _SPLIT_FRAME_WORDS:
            return False
        if _BETWEEN_QUOTES.search(between.strip(_MARKS_AND_SPACE)):
            return False  # another quotation lies between them
        a, b = first[3], second[3]
        return a.name is None or b.name is None or a.name == b.name

    def _headline(self, span: MarkedSpan) -> tuple[_Attribution, tuple[int, int]] | None:
        """'Issa: Clinton's 'Honesty Is In Question'' - a name and a colon open the line that holds the quote."""
        para_start, para_end = self._paragraph(span.outer_start)
        match = LABELLED_LINE.match(self.text, para_start, para_end)
        if match is None or not match.start(2) <= span.outer_start:
            return None
        name_tokens = self._tokens(match.start(1), match.end(1))
        if not _names_a_speaker(name_tokens):
            return None
        if any(
            match.end(1) <= cue.start < span.outer_start and cue.subject is not None and cue.subject.idx > match.end(1)
            for cue in self.cues
        ):
            return None  # 'Verdict: False. He said: "..."': a clause of the line names its own speaker after the label
        if any(t.is_sent_start for t in self._tokens(match.end(1) + 1, span.outer_start) if not t.is_punct):
            return None  # 'Verdict: Wrong figure. The recording has: "..."': the label's value ends before the quote
        if not any(t.ent_type_ in ("PERSON", "ORG") for t in name_tokens):
            # A capitalised word the tagger names no one by ('Closing:') is a topic when the line names a person
            # outside its quotation ('... — Trump').
            rest = self._tokens(match.end(1), para_end)
            if any(t.ent_type_ == "PERSON" and not self._inside_quote(t.idx) for t in rest):
                return None
        attribution = self._attribute(name_tokens[-1], None, 0.7)
        if attribution.mention is None or attribution.mention.kind == "pronoun":
            return None
        return attribution, trim_span(self.text, match.start(2), match.end(2))

    def _inner_speaker(self, span: MarkedSpan, containing: Cue) -> _Attribution | None:
        """'Trump said that Clinton described the deal as "the gold standard"': a fragment under a verb of
        saying or naming inside the reported clause is the words of that verb's subject."""
        verb = self._governing_verb(span)
        if verb is None or not containing.content_start <= verb.idx < containing.content_end:
            return None
        lemma = verb_lemma(verb)
        if lemma not in NAMING_VERBS:
            return None
        subject = subject_of(verb, self._outside_quotes)
        if subject is None or subject is containing.subject or self._inside_quote(subject.idx):
            return None
        return self._attribute(subject, verb.text, 0.85)

    def _statement_owner(self, span: MarkedSpan) -> _Attribution | None:
        """'Trump's statement about "thousands of shootings"', 'her promise of "a new day"': the quoted words
        belong to whoever owns the statement, not to the subject of the sentence around it."""
        tokens = [t for t in self._tokens(span.start, span.end) if not t.is_punct]
        heads = [t for t in tokens if not span.start <= t.head.idx < span.end]
        if len(heads) != 1:
            return None
        head = heads[0]
        if head.dep_ == "pobj" and head.head.lower_ in ("about", "of", "on") and head.head.dep_ == "prep":
            noun = head.head.head
        elif head.dep_ == "appos":
            noun = head.head
        else:
            return None
        if noun.lower_ not in STATEMENT_NOUNS:
            return None
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None or self._inside_quote(owner.idx):
            return None
        return self._attribute(owner, noun.text, 0.85)

    def _signed(self, start: int, end: int, span: MarkedSpan) -> _Found | None:
        """A pull quote signed on its own last line inside the marks ('... problems for her here.\nS.C. Rep. Jim
        Clyburn."'): the signature is the speaker, the lines above are the quote."""
        cut = self.text.rfind("\n", start, end)
        if cut < 0 and not span.closed:
            # The closing mark comes after the signature line, past the paragraph break that ended the span.
            break_at = self.text.find("\n", end)
            if break_at < 0:
                return None
            line_end = self.text.find("\n", break_at + 1)
            line_end = len(self.text) if line_end < 0 else line_end
            if not self.text[:line_end].rstrip().endswith(('"', "\u201d")):
                return None
            cut, end = break_at, line_end
        if cut < 0:
            return None
        sign_start, sign_end = trim_span(self.text, cut, end)
        name_tokens = [t for t in self._tokens(sign_start, sign_end) if not t.is_punct]
        if not 1 < len(name_tokens) <= 6 or not any(t.ent_type_ == "PERSON" for t in name_tokens):
            return None
        if not all(t.text[:1].isupper() for t in name_tokens):
            return None
        quote_start, quote_end = trim_span(self.text, start, cut)
        if quote_end - quote_start < 8:
            return None
        person = next(t for t in reversed(name_tokens) if t.ent_type_ == "PERSON")
        attribution = self._attribute(person, None, 0.8)
        if attribution.name is not None:
            self.resolver.remember(quote_start, attribution.name)
        kind: QuoteKind = "direct"
        return quote_start, quote_end, kind, attribution, quote_start, quote_end, self._confidence(attribution, kind)

    def _transcript_label(self, start: int, end: int) -> list[_Found] | None:
        """'"RAMOS: Secretary Clinton, did you lie to them?' - a transcript quoted in an article: each paragraph's
        label is its speaker and the words after it are the quote."""
        if _TRANSCRIPT_LABEL.match(self.text, start, end) is None:
            return None
        found: list[_Found] = []
        position = start
        while position < end:
            stop = self.text.find("\n", position, end)
            stop = end if stop < 0 else stop
            segment_start, segment_end = trim_span(self.text, position, stop)
            label = _TRANSCRIPT_LABEL.match(self.text, segment_start, segment_end)
            if label is not None and segment_end - label.end() >= 8:
                found.append(self._labelled(label.group(1), label.end(), segment_end))
            position = stop + 1
        return found or None

    def _labelled(self, raw: str, start: int, end: int) -> _Found:
        if raw.upper() in _NOT_SPEAKERS:
            attribution = _Attribution(None, None, 0.0, None, 0.6)
        else:
            name = raw.title() if raw.isupper() else raw
            canonical, confidence = self.resolver.resolve_name(name, start)
            attribution = _Attribution(None, canonical, confidence, None, 0.8)
            self.resolver.remember(start, canonical)
        return start, end, "direct", attribution, start, end, self._confidence(attribution, "direct")

    def _bare_answers(self) -> list[_Found]:
        """The answers of a Q&A printed without labels, the interviewee's words (the questions are the asker's)."""
        if not self.layout.bare_answers:
            return []
        interviewee = self.resolver.interviewee(self.layout.bare_questions[0][0])
        if interviewee is None:
            return []
        found: list[_Found] = []
        for a, b in self.layout.bare_answers:
            start, end = trim_span(self.text, a, b)
            if len(self.text[start:end].split()) < 4:
                continue
            attribution = _Attribution(None, interviewee[0], interviewee[1], None, 0.6)
            found.append((start, end, "direct", attribution, start, end, self._confidence(attribution, "direct")))
        return found

    def _labelled_lines(self) -> list[_Found]:
        """'Rubio: I still believe ...' and transcript lines 'SMITH: ...', 'A: ...': the line is the name's words."""
        found: list[_Found] = []
        for match in LABELLED_LINE.finditer(self.text):
            start, end = trim_span(self.text, match.start(2), match.end(2))
            if len(self.text[start:end].split()) < 4 or self._spans_between(match.start(), match.end()):
                continue
            label = match.group(1)
            if label == "Q":
                continue  # the interviewer's question
            if label == "A":
                asked = [q for q, _ in self.layout.questions if q < start]
                interviewee = self.resolver.interviewee(asked[0] if asked else match.start())
                if interviewee is None:
                    continue
                attribution = _Attribution(None, interviewee[0], interviewee[1], None, 0.6)
            else:
                name_tokens = self._tokens(match.start(1), match.end(1))
                if self.layout.is_quiet(match.start(1)):
                    continue
                named = self.resolver.person_named(label.title(), 0) if label.isupper() else None
                if named is not None and label not in _NOT_SPEAKERS:
                    # 'KIERAN RODDY:' in capitals, which the tagger reads as common nouns: the person the article
                    # names so.
                    attribution = _Attribution(None, named, 0.85, None, 0.7)
                elif not _names_a_speaker(name_tokens):
                    continue
                else:
                    attribution = self._attribute(name_tokens[-1], None, 0.7)
                    if attribution.name is None or attribution.mention is None or attribution.mention.kind != "person":
                        continue
            self.resolver.remember(start, attribution.name or "")
            found.append((start, end, "direct", attribution, start, end, self._confidence(attribution, "direct")))
        return found

    def _spans_between(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.span_starts, start)
        return k < len(self.spans) and self.spans[k].outer_start < end

    def _headline_quote(self, span: MarkedSpan, start: int, end: int) -> _Found | None:
        headline = self._headline(span)
        if headline is None:
            return None
        attribution, (c_start, c_end) = headline
        kind: QuoteKind = "direct" if (end - start) >= 0.7 * (c_end - c_start) else "partial"
        if attribution.name is not None:
            self.resolver.remember(start, attribution.name)
        return start, end, kind, attribution, c_start, c_end, self._confidence(attribution, kind)

    def _title_line_quote(self, span: MarkedSpan, start: int, end: int) -> _Found | None:
        """'Christie Calls Clinton 'A Disgrace'', '... Clean Energy, Lindsey Graham Says.': in a title-cased
        headline the parse cannot tell names from verbs, so the speaker is a person the body names, either the
        one a verb of saying follows or the one the line opens with."""
        if not self.layout.is_headline(span.outer_start):
            return None
        line_start, line_end = self._paragraph(span.outer_start)
        tokens = self._tokens(line_start, line_end)
        runs: list[tuple[list[Token], Token | None]] = []  # capitalised words, and the verb of saying after them
        run: list[Token] = []
        # A line in sentence case (a noun, verb or adjective of its own in lower case) capitalises names only: its
        # 'State' is a word of 'Halden State', not a verb.
        sentence_case = any(
            t.is_alpha and t.text[:1].islower() and t.pos_ in ("NOUN", "VERB", "ADJ") and not self._inside_quote(t.idx)
            for t in tokens
        )
        for tok in tokens:
            says = _headline_verb(tok) and not (sentence_case and tok.text[:1].isupper())
            if says and not self._inside_quote(tok.idx):
                runs.append((run, tok))
                run = []
            elif tok.is_alpha and tok.text[:1].isupper() and not self._inside_quote(tok.idx):
                run.append(tok)
            else:
                runs.append((run, None))
                run = []
        runs.append((run, None))
        said = [(words[-3:], verb) for words, verb in runs if words and verb is not None]
        opening = [(words[:3], None) for words, _ in runs[:1] if words and words[0].idx < span.outer_start]
        for words, verb in said + opening:
            found = self._person_in(words, line_end, from_end=verb is not None)
            if found is None:
                continue
            (name_start, name_end), name = found
            mention = Mention(name_start, name_end, self.text[name_start:name_end], "person", named=True, name=name)
            attribution = _Attribution(mention, name, 0.7, verb.text if verb else None, 0.6 if verb else 0.4)
            cut = verb.idx + len(verb.text) if verb is not None else name_end
            if cut <= span.outer_start:
                content = trim_span(self.text, cut, line_end)
            else:
                content = trim_span(self.text, line_start, name_start)
            content = (min(content[0], start), max(content[1], end))
            kind: QuoteKind = "direct" if (end - start) >= 0.7 * (content[1] - content[0]) else "partial"
            return start, end, kind, attribution, content[0], content[1], self._confidence(attribution, kind)
        return None

    def _person_in(self, words: list[Token], after: int, from_end: bool) -> tuple[tuple[int, int], str] | None:
        """The longest run of `words` (kept from its end or its start) that names a person the body names."""
        for size in range(len(words), 0, -1):
            part = words[-size:] if from_end else words[:size]
            first, last = part[0], part[-1]
            name = self.resolver.person_named(" ".join(t.text for t in part), after)
            if name is not None:
                return (first.idx, last.idx + len(last.text)), name
        return None

    def _governing_verb(self, span: MarkedSpan) -> Token | None:
        """The reporting or stance verb a quoted fragment hangs from ('called him a "loser"')."""
        tokens = self._tokens(span.start, span.end)
        if not tokens:
            return None
        node = next((t for t in tokens if not span.outer_start <= t.head.idx < span.outer_end), tokens[0])
        fallback: Token | None = None
        for _ in range(6):
            if node.head is node:
                break
            node = node.head
            if node.pos_ != "VERB" or self._inside_quote(node.idx) or node.idx > span.outer_start:
                continue
            if relative_misparsed(node):
                return None  # the verb of a noun's relative clause, which the parse hung the fragment from
            lemma = verb_lemma(node)
            if lemma in CUE_VERBS or lemma in STANCE_VERBS or lemma in QUOTE_VERBS:
                return node
            if fallback is None and subject_of(node) is not None:
                fallback = node
        return fallback

    def _object_content(self, verb: Token, span: MarkedSpan) -> tuple[int, int]:
        """What the verb attributes: its right-hand dependents, without coordinated or adverbial clauses."""
        right = [c for c in verb.rights if c.dep_ not in _NOT_CONTENT_DEPS]
        if not right:
            return span.start, span.end
        first, last = right[0].left_edge, right[-1].right_edge
        start = min(first.idx, span.start)
        end = max(last.idx + len(last.text), span.end)
        return _keep_marks(trim_span(self.text, start, end), span)

    def _clause_after_cue(self, span: MarkedSpan) -> tuple[int, int] | None:
        """From just after a reporting verb earlier in the sentence to the end of the quote, if words lie between."""
        tokens = self._tokens(span.start, span.end)
        if not tokens:
            return None
        sent = tokens[0].sent
        for tok in reversed(self._tokens(sent.start_char, span.outer_start)):
            if tok.pos_ in ("VERB", "AUX") and verb_lemma(tok) in CUE_VERBS and not self._inside_quote(tok.idx):
                k = bisect.bisect_right(self.span_starts, tok.idx) - 1
                if subject_of(tok) is None or (k >= 0 and self.spans[k].outer_end >= sent.start_char):
                    return None  # no subject, or the verb frames an earlier quote: '"A," she said, "b"'
                start, _ = trim_span(self.text, tok.idx + len(tok.text), span.outer_start, that=True)
                if len(self.text[start : span.outer_start].split()) < 3:
                    return None
                return start, span.outer_end if span.closed else span.end
        return None

    def _cut_trailing_clause(self, content: tuple[int, int], span: MarkedSpan) -> tuple[int, int]:
        """End a fragment's content before a clause that follows the quote ('... and criticized him')."""
        for tok in self._tokens(span.outer_end, content[1]):
            if tok.text in _CLAUSE_BREAKS or (tok.dep_ == "conj" and tok.pos_ == "VERB" and tok.head.idx < span.start):
                cut = tok.idx if tok.text in _CLAUSE_BREAKS else tok.left_edge.idx
                if cut > span.outer_end:
                    return content[0], trim_span(self.text, content[0], cut)[1]
                break
        return content

    def _sentence_around(self, span: MarkedSpan) -> tuple[int, int]:
        tokens = self._tokens(span.start, span.end)
        if not tokens:
            return span.start, span.end
        sent = tokens[0].sent
        return trim_span(self.text, min(sent.start_char, span.start), max(sent.end_char, span.end))

    def _same_sentence_goes_on(self, span: MarkedSpan, last_end: int) -> bool:
        """The quote stands in the sentence of the last one, after words with no subject of their own."""
        start, end = self._frame_before(span)
        if start != last_end or next(_sentence_ends(self.text, last_end, span.outer_start), None) is not None:
            return False
        words = [t for t in self._tokens(start, end) if not t.is_punct]
        return bool(words) and not any(t.dep_ in ("nsubj", "nsubjpass") for t in words)

    def _is_follow_up(self, span: MarkedSpan, last_end: int) -> bool:
        if span.outer_start - last_end > _FOLLOW_UP_CHARS:
            return False
        before = self.text[self._frame_before(span)[0] : span.outer_start].strip()
        return before == "" and self.text[span.start : span.start + 1].isupper()

    @staticmethod
    def _confidence(attribution: _Attribution, kind: QuoteKind) -> float:
        speaker = attribution.speaker_confidence if attribution.name else 0.3 if attribution.mention else 0.0
        base = 0.35 + 0.25 * attribution.cue_strength + 0.35 * speaker
        if kind == "indirect":
            base -= 0.1
        return round(max(0.05, min(0.98, base)), 3)

    def _quote(
        self, start: int, end: int, kind: QuoteKind, attribution: _Attribution,
        content_start: int, content_end: int, confidence: float,
    ) -> Quote:  # fmt: skip
        original = self.cleaned.original
        o_start, o_end = self.cleaned.to_original(start, end)
        c_start, c_end = self.cleaned.to_original(content_start, content_end)
        mention = attribution.mention
        speaker = Speaker(name=attribution.name, confidence=round(attribution.speaker_confidence, 3))
        if mention is not None:
            m_start, m_end = self.cleaned.to_original(mention.start, mention.end)
            speaker = Speaker(
                name=attribution.name,
                mention=original[m_start:m_end],
                start=m_start,
                end=m_end,
                confidence=round(attribution.speaker_confidence if attribution.name else 0.3, 3),
            )
        return Quote(
            text=original[o_start:o_end],
            start=o_start,
            end=o_end,
            kind=kind,
            speaker=speaker,
            cue=attribution.cue,
            content=original[c_start:c_end],
            content_start=c_start,
            content_end=c_end,
            confidence=confidence,
        )
