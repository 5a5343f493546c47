"""Whose words each span of a source is: the people it quotes and the claims it reports from others.

The extractor that reads articles reads each source document at ingest. Words in quotation marks with their
attribution are the quoted person's ("...," said Director Ines Calder). A clause reported from a subject other
than the document's speaker ("Some analysts have said that ...", "People call this plan reckless") is theirs,
not the speaker's, unless the speaker adopts it ("As analysts have said, ..." is the speaker's own claim); the
speaker's next sentence, when it answers the claim ("They are mistaken."), is kept to show the frame.

Parsing every sentence would cost as much as embedding it, so only sentences where a voice can change are
parsed: those holding a quotation mark or a form of a reporting verb (other than after "I" or "we"), and the
sentence after a report, which may answer it. The rest is blanked out with whitespace of the same length, so
every offset stays the document's.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property

from spacy.attrs import POS
from spacy.tokens import Doc, Span, Token

from factcheck.context import supposes
from factcheck.extract.columns import token_starts, tokens_with
from factcheck.extract.cues import that_clause_under_prep, trim_span
from factcheck.extract.lexicon import (
    ASSENT_VERBS,
    BELIEF_NOUNS,
    COMMISSIVE_VERBS,
    CUE_VERBS,
    DENIAL_FORMS,
    DENIAL_VERBS,
    DIRECTIVE_VERBS,
    EVIDENCE_VERBS,
    FACTIVE_VERBS,
    FALSITY,
    HEARSAY_NOUNS,
    NAMING_VERBS,
    STATEMENT_NOUNS,
    regular_forms,
)
from factcheck.extract.marks import DOUBLE_MARKS, SINGLE_MARKS, find_marked_spans
from factcheck.extract.mentions import can_speak, mention_for, subject_of
from factcheck.extract.rules import Reading, RuleExtractor
from factcheck.extract.tags import verb_lemma
from factcheck.names import is_generic, speaker_relation, wordset
from factcheck.sources.chunking import split_sentences
from factcheck.tokens import NEGATIONS
from factcheck.types import Document, Frozen, Quote, Speaker, Turn, Voice

_REPORTING = CUE_VERBS | COMMISSIVE_VERBS | DIRECTIVE_VERBS | NAMING_VERBS
_WORD = re.compile(r"[\w'\u2019]+")
_MARKS = re.compile(f"[{DOUBLE_MARKS}]|''|``")
# Double or single quotation marks, straight or curly, and guillemets.
_ANY_MARK = re.compile(f"[{DOUBLE_MARKS}{SINGLE_MARKS}]|``")
# How far from a quotation's words its marks may be (a space, a comma, an ellipsis).
_MARK_REACH = 4
# A pronoun that may name the speaker of a quotation or report from the sentence before ('She wrote: "..."').
_PRONOUN = re.compile(r"\b(?:he|she|they|him|her|them|his|their)\b", re.IGNORECASE)
# Pronouns that make the speaker (or a group with the speaker in it) the subject of a report.
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "i'm", "we're", "i've", "we've", "i'd", "we'd"})
# Words after which a reporting verb's form is a noun ('the state', 'these attacks', 'of order'): closed classes.
_NOUN_BEFORE = wordset(
    "the a an this that these those our their his her its my your every each no any of in on for to with by from "
    "at united"
)
# Words after which a reporting verb's form reports no clause ('attacks on', 'hope for', 'continue to serve',
# 'the state is'): prepositions, conjunctions and auxiliaries, closed classes.
_NO_CLAUSE_AFTER = wordset(
    "of on for in to with at by from and or but about against into over under is are was were will would can "
    "could has have had"
)
_WORD_BEFORE_COMMA = re.compile(r"\b([A-Za-z]+),")
# 'my opponent says', 'our critics claim': others, named through the speaker.
_POSSESSIVE = frozenset({"my", "our"})
# Modals that foretell or require, not only allow.
_FORETELLING = frozenset({"will", "'ll", "\u2019ll", "would", "'d", "\u2019d", "must", "shall", "can", "ca"})
# Heads of an answer that stands without a clause of its own ('Yes.', 'Quite right.', 'Correct, yes.').
_PARTICLE_HEADS = frozenset({"INTJ", "ADV", "ADJ"})
# An answer to what was put opens with its verdict on it: the words before its first break.
_OPENING_BREAKS = frozenset({",", ";", ":", "-", "--", "\u2013", "\u2014"})
# A sentence answering a reported claim is short: a longer one makes claims of its own.
ANSWER_WORDS = 12
# How many sentences parsed alone are kept for another reading.
_PARSES_KEPT = 512
# What follows a naming verb's complement without being part of it: punctuation, another clause.
_NOT_CALLED = frozenset({"punct", "cc", "conj", "advcl", "parataxis", "mark", "relcl"})
_CORE_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "expl", "csubj"})
# Nouns that report a claim in a clause or a phrase of their own: hearsay with no one behind it ('reports that
# ...', 'talk of ...'), and what someone said when the noun names its owner ('Dunmore's claim that ...'). A stance
# or a plan with no owner ('the hope that ...', 'the announcement that ...') may well be the speaker's own.
_REPORT_NOUNS = HEARSAY_NOUNS | STATEMENT_NOUNS | BELIEF_NOUNS
# Report nouns that report a claim with no one holding it ('there is talk of ...', 'there is a view that ...').
_UNOWNED_NOUNS = HEARSAY_NOUNS | BELIEF_NOUNS
# Verbs whose subject holds the belief their object names ('I have the impression', 'critics share the view').
_HOLDING_VERBS = frozenset({"have", "hold", "share", "take", "get", "form"})
# How far after a report noun the 'that' of its clause may come, a phrase between them ('a view in the market that',
# 'Reports in this weekend's papers that'): where a sentence is worth parsing; the parse decides.
_NOUN_REACH = 8
# What a clause's verb needs to leave no place open for a relative 'that': its object, complement or a passive.
_COMPLETE = frozenset({"dobj", "attr", "acomp", "oprd", "ccomp", "xcomp", "nsubjpass", "auxpass"})
# Prepositions that open what a report noun reports ('talk of a second pier', 'rumours about the mill').
_REPORTING_PREPOSITIONS = frozenset({"of", "about"})
# Forms of the report nouns, and the words that open what they report, that make a sentence worth parsing.
_NOUN_FORMS = frozenset(_REPORT_NOUNS | {noun + "s" for noun in _REPORT_NOUNS})
_NOUN_OPENERS = _REPORTING_PREPOSITIONS | {"that"}
# Verbs whose 'that' clause states what their subject found, knows or grants ('It was found that ...', 'We accept
# that ...'): a finding, not a claim put to be answered.
_FINDING_VERBS = EVIDENCE_VERBS | FACTIVE_VERBS | ASSENT_VERBS
# 'on your behalf': on behalf of you.
_OBJECT_FORMS = {"my": "me", "your": "you", "his": "him", "her": "her", "its": "it", "our": "us", "their": "them"}
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# The word that opens a clause a verb puts as a claim.
_THAT = re.compile(r"\bthat\b", re.IGNORECASE)
# Where an answer's opening ends and its reasons begin ('We do not accept that submission: the evidence ...'), or
# another clause is joined to it ('Not one person has leaned on me, and I'd like to see them try').
_OPENING_END = re.compile(r"[:;]|\s[-\u2013\u2014]+\s|,\s+(?:and|but)\s")


class SourceVoices:
    """Reads the voices of source documents with the article extractor (the source analysis stage)."""

    def __init__(self, extractor: RuleExtractor) -> None:
        self.extractor = extractor
        # Sentences parsed alone, by their text: one opening is read both as an answer and as a denial, and short
        # answers recur ('Thank you.', 'Yes.'). Nothing changes a parse once made.
        self._parsed: dict[str, Span] = {}

    @cached_property
    def _cue_forms(self) -> frozenset[str]:
        """Every form of a reporting verb: regular endings, and the irregular ones from the pipeline's own
        lemmatizer tables (said, told, thought, wrote, ...)."""
        forms: set[str] = set()
        for lemma in _REPORTING:
            forms.update(regular_forms(lemma))
        nlp = self.extractor.nlp
        lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        lookups = getattr(lemmatizer, "lookups", None)
        if lookups is not None and lookups.has_table("lemma_exc"):
            verbs = lookups.get_table("lemma_exc").get("verb", {})
            forms.update(form for form, lemmas in verbs.items() if set(lemmas) & _REPORTING)
        return frozenset(forms)

    def read(self, document: Document) -> Document:
        """The document with its voices: quoted people and claims reported from others, in document offsets."""
        if document.voices or not document.text.strip():
            return document
        turns = document.turns or [Turn(speaker=document.speaker, start=0, end=len(document.text))]
        sentences = [(turn, span) for turn in turns for span in split_sentences(document.text, turn.start, turn.end)]
        spans = [span for _, span in sentences]
        chosen = self._chosen(document.text, spans)
        # A sentence with a 'that' which a short denial follows may put a claim in any words; it is parsed alone, so
        # that what the rest of the document is read as does not change with it.
        claims = [
            i - 1
            for i in range(1, len(spans))
            if i - 1 not in chosen
            and _THAT.search(document.text[slice(*spans[i - 1])])
            and _may_reject(document.text[slice(*spans[i])])
        ]
        if not chosen and not claims and len(turns) < 2:
            return document  # no quotation, no report, no denial and no one to put a question to
        blanked = _blank(document.text, spans, chosen)
        reading = self.extractor.read(blanked)
        readers = _Readers(self._answers, self._agrees, self._rejects, self._parse)
        voices = _Voices(document, turns, reading, spans, readers).found(claims)
        return document.model_copy(update={"voices": voices}) if voices else document

    def _answers(self, sentence: str, speaker: str | None) -> bool:
        """Whether a sentence of `speaker`'s, parsed alone, answers what came before it: a short one, or a long one
        whose opening, before a colon, a semicolon or a dash, is a short answer its reasons follow ('We do not
        accept that submission: the evidence ...')."""
        opening = _opening(sentence)
        if len(opening.split()) > ANSWER_WORDS:
            return False
        return _answers(self._parse(opening), speaker)

    def _rejects(self, sentence: str) -> bool:
        """Whether an answer, parsed alone, says what it answers is not so: its opening negates, calls it false or
        has a verb of denial ('We do not accept that.', 'I reject that submission.', 'That is simply wrong.')."""
        opening = _opening(sentence)
        if len(opening.split()) > ANSWER_WORDS:
            return False
        return any(_negative(t) or verb_lemma(t) in DENIAL_VERBS for t in self._parse(opening))

    def _agrees(self, sentence: str) -> bool:
        """Whether an answer to what was put, parsed alone, agrees with it (see `affirms`)."""
        return len(sentence.split()) <= ANSWER_WORDS and affirms(self._parse(sentence))

    def _parse(self, sentence: str) -> Span:
        parsed = self._parsed.get(sentence)
        if parsed is None:
            if len(self._parsed) >= _PARSES_KEPT:
                self._parsed.clear()
            nlp = self.extractor.nlp
            parsed = nlp(sentence, disable=[p for p in ("ner", "lemmatizer") if p in nlp.pipe_names])[:]
            self._parsed[sentence] = parsed
        return parsed

    def _chosen(self, text: str, sentences: Sequence[tuple[int, int]]) -> set[int]:
        """Indices of the sentences worth parsing: a quotation mark or a report, and the sentence before one that
        holds a pronoun (who it may stand for). The sentence after a report is parsed only for a report found."""
        forms = self._cue_forms
        chosen: set[int] = set()
        # Every sentence of a quotation that runs over several, the ones between its marks included: blanked, they
        # would cut it short ('told the jury: "This was no accident. The junction played no part. The cause ...').
        starts = [start for start, _ in sentences]
        for span in find_marked_spans(text):
            first = max(0, bisect.bisect_right(starts, span.outer_start) - 1)
            chosen.update(range(first, bisect.bisect_left(starts, span.outer_end)))
        for i, (start, end) in enumerate(sentences):
            sentence = text[start:end]
            words = _WORD.findall(sentence)
            reported = _reports(words, forms) or _reports_by_noun(words) or _set_off(sentence, forms)
            if reported:
                chosen.add(i)
            if _MARKS.search(sentence):
                chosen.add(i)
            if (reported or _MARKS.search(sentence)) and _PRONOUN.search(sentence) and i > 0:
                chosen.add(i - 1)
        return {i for i in chosen if i < len(sentences)}


def _shifted(base: int) -> Callable[[int, int], tuple[int, int]]:
    """Offsets in a sentence parsed alone, as offsets in the document it starts at `base` of."""

    def shift(start: int, end: int) -> tuple[int, int]:
        return base + start, base + end

    return shift


def _may_reject(sentence: str) -> bool:
    """Whether a sentence may answer the one before it by denying it: its opening is short and has a word of
    negation, of falsity or of denial ('I reject that submission.', 'I am not sure of that.')."""
    words = [w.lower() for w in _WORD.findall(_opening(sentence))]
    if not words or len(words) > ANSWER_WORDS:
        return False
    return any(w in NEGATIONS or w.endswith(("n't", "n\u2019t")) or w in FALSITY or w in DENIAL_FORMS for w in words)


def _reports(words: Sequence[str], forms: frozenset[str]) -> bool:
    """Whether a sentence may report someone other than its speaker: a reporting verb's form, not after 'I' or
    'we' (in the two words before: 'we will continue'), not a noun (after a determiner or a preposition, or a
    capital inside the sentence: 'the state', 'the United States'), and with words after it that can open what
    it reports (not a preposition, a conjunction or the sentence's end, unless a 'that' follows later)."""
    lower = [w.lower() for w in words]
    for k, word in enumerate(lower):
        if word not in forms or (k > 0 and words[k][:1].isupper()):
            continue
        before = lower[max(0, k - 2) : k]
        # 'to' before the bare verb is an infinitive ('writing in to say ...'), before other forms a preposition.
        noun = bool(before) and before[-1] in _NOUN_BEFORE and not (before[-1] == "to" and word in _REPORTING)
        if any(w in _FIRST_PERSON and w not in _POSSESSIVE for w in before) or noun:
            continue
        if k + 1 == len(lower):
            continue
        # A phrase or an aside may come between the verb and what it reports ('told on social media that ...').
        if lower[k + 1] in _NO_CLAUSE_AFTER and "that" not in lower[k + 2 :]:
            continue
        return True
    return False


def _set_off(sentence: str, forms: frozenset[str]) -> bool:
    """A reporting verb set off by a comma may open what it reports after an aside ('The first text says, and I'm
    quoting, the barrier ...')."""
    return any(m.group(1).lower() in forms for m in _WORD_BEFORE_COMMA.finditer(sentence))


def _reports_by_noun(words: Sequence[str]) -> bool:
    """Whether a sentence may report a claim by a noun: a report noun and 'that', 'of' or 'about' after it."""
    lower = [w.lower() for w in words]
    return any(
        w in _NOUN_FORMS and (nxt in _NOUN_OPENERS or "that" in lower[k + 1 : k + _NOUN_REACH])
        for k, (w, nxt) in enumerate(itertools.pairwise(lower))
    )


def _blank(text: str, sentences: Sequence[tuple[int, int]], chosen: set[int]) -> str:
    """The text with every sentence not chosen turned into whitespace of the same length; a line break opens
    each blanked stretch, so a kept sentence never runs into the words before it."""
    out: list[str] = []
    cursor = 0
    for i, (start, end) in enumerate(sentences):
        if i not in chosen:
            continue
        gap = text[cursor:start]
        joined = i - 1 in chosen and not gap.strip()
        out.append(gap if joined or not gap else "\n" + " " * (len(gap) - 1))
        out.append(text[start:end])
        cursor = end
    rest = len(text) - cursor
    if rest:
        out.append("\n" + " " * (rest - 1))
    return "".join(out)


class _Answer(Frozen):
    """The sentence answering a reported claim, and who answered it when that is not the source's speaker."""

    response: str | None = None
    respondent: str | None = None


class _Readers:
    """How a sentence parsed alone is read: whether it answers what came before it, agrees or rejects it; its parse."""

    def __init__(
        self,
        answers: Callable[[str, str | None], bool],
        agrees: Callable[[str], bool],
        rejects: Callable[[str], bool],
        parse: Callable[[str], Span],
    ) -> None:
        self.answers = answers
        self.agrees = agrees
        self.rejects = rejects
        self.parse = parse


class _Voices:
    """The voices of one parsed document."""

    def __init__(
        self,
        document: Document,
        turns: Sequence[Turn],
        reading: Reading,
        sentences: Sequence[tuple[int, int]],
        readers: _Readers,
    ) -> None:
        self.document = document
        self.turns = sorted(turns, key=lambda t: t.start)
        self.turn_starts = [t.start for t in self.turns]
        self.reading = reading
        self.sentences = sentences
        self.sentence_starts = [start for start, _ in sentences]
        self.readers = readers
        self.quoted: list[tuple[int, int]] = []
        self.quotations: list[Voice] = []

    def speaker_at(self, position: int) -> str | None:
        """Whose voice the document is in at `position` (its turn's speaker, else the document's; no one's in a
        questioner's turn the source does not name)."""
        k = self._turn_at(position)
        if k is None:
            return self.document.speaker
        turn = self.turns[k]
        return None if turn.asks else turn.speaker or self.document.speaker

    def found(self, claims: Sequence[int] = ()) -> list[Voice]:
        # Only words in quotation marks are someone else's: a source's lines under a speaker's name are its turns,
        # read already, and an article's unlabelled question-and-answer layout has no meaning in a transcript.
        marked = [q for q in self.reading.quotes if q.kind != "indirect" and self._marked(q.start, q.end)]
        voices = [v for q in marked if (v := self._quoted(q)) is not None]
        self.quoted = [(v.start, v.end) for v in voices]
        self.quotations = voices
        # The extractor's resolved names of the subjects of reports, by where the reported words start.
        names = {q.start: q.speaker for q in self.reading.quotes if q.kind == "indirect"}
        voices += self._reported(names)
        voices += self._named_claims(voices)
        voices += self._nominal_reports(voices)
        verbs = tokens_with(self.reading.doc, {POS: ("VERB",)})
        voices += self._rejected_claims(voices, verbs, self.reading.cleaned.text, self._original)
        for k in claims:
            start, end = self.sentences[k]
            sentence = self.document.text[start:end]
            voices += self._rejected_claims(voices, self.readers.parse(sentence), sentence, _shifted(start))
        voices += self._questions()
        return sorted(voices, key=lambda v: (v.start, v.end))

    def _marked(self, start: int, end: int) -> bool:
        """A quotation mark opens the words, or closes them (a quotation the extractor cut at a cue inside it)."""
        text = self.document.text
        before = text[max(0, start - _MARK_REACH) : start]
        after = text[end : end + _MARK_REACH]
        return bool(_ANY_MARK.search(before) or _ANY_MARK.search(after) or _MARKS.search(text[start:end]))

    def _questions(self) -> list[Voice]:
        """A questioner's turn the source does not name, or a turn that ends by asking, followed by another
        speaker's: put to that speaker, who answers in their next words ('Q: Will the pier be sold? A: ...')."""
        found: list[Voice] = []
        for turn, following in itertools.pairwise(self.turns):
            asker = None if turn.asks else turn.speaker or self.document.speaker
            answerer = self.speaker_at(following.start)
            if answerer is None or answerer == asker or not (turn.asks or self._asks_at(turn.end - 1)):
                continue
            k = bisect.bisect_right(self.sentence_starts, following.start) - 1
            first = self.sentences[k] if k >= 0 and self.sentences[k][1] > following.start else None
            response = self.document.text[first[0] : first[1]].strip() if first else None
            if not response:
                continue
            # Agreed to or not, what was asked stays the asker's words: the answer is shown beside them, and whether
            # it denies what was put (a claim put and denied is not the answerer's stance, whoever asked).
            k = bisect.bisect_left(self.sentence_starts, turn.start)
            one_thing = k + 1 >= len(self.sentences) or self.sentences[k + 1][0] >= turn.end
            denied = not self.readers.agrees(response) and denies(self.readers.parse(response), one_thing)
            found.append(Voice(kind="quoted", start=turn.start, end=turn.end, speaker=asker,
                               source=asker or "a questioner the source does not name", cue="asked",
                               response=response, respondent=answerer, denied=denied))  # fmt: skip
        return found

    def _own(self, mention: str | None, name: str | None, position: int, quotation: Voice | None = None) -> bool:
        """The words' source is the one speaking there: 'I', 'we', or a name for the document's speaker, or for the
        quoted person inside a quotation."""
        # 'I', 'we' (not 'my critics': a possessive names others).
        if mention is not None and mention.strip().lower() in _FIRST_PERSON:
            return True
        speaker = quotation.speaker if quotation is not None else self.speaker_at(position)
        return any(speaker_relation(n, speaker) in ("same", "compatible") for n in (name, mention))

    def _quoted(self, quote: Quote) -> Voice | None:
        speaker = quote.speaker
        named = speaker.name if speaker.name and not is_generic(speaker.name) else None
        if self._own(speaker.mention, speaker.name, quote.start):
            return None
        if speaker.mention is None and named is None and quote.kind != "direct":
            return None  # a fragment in marks with no one behind it: a term or a title, not a quotation
        return Voice(kind="quoted", start=quote.start, end=quote.end, speaker=named, confidence=speaker.confidence,
                     source=self._source(speaker.mention, speaker.start) or named, cue=quote.cue)  # fmt: skip

    def _reported(self, names: dict[int, Speaker]) -> list[Voice]:
        """Clauses reported from a subject other than the speaker ('Some analysts have said that ...'), unless
        the speaker asserts them through an aside ('As analysts have said, ...')."""
        found: list[Voice] = []
        for cue in self.reading.cues:
            start, end = self._original(cue.content_start, cue.content_end)
            # A claim the quoted person reports from others inside their quotation ('"Some commentators have
            # claimed that ... They are wrong," said Dr Kessel') is those others', not the quoted person's.
            quotation = self._quotation_holding(self._original(cue.start, cue.end)[0], end)
            if quotation is None and (self._in_quotes(start) or any(s < end and start < e for s, e in self.quoted)):
                continue  # a quotation in a report has its own voice
            verb = self._verb_at(cue.end)
            subject = cue.subject or (self._controller(verb) if verb is not None else None)
            if subject is not None and (_expletive(subject) or subject.pos_ in ("VERB", "AUX")):
                # 'It would be a mistake to think that ...': nobody's claim, the speaker's own frame; and a clause
                # ('Letting companies charge whatever they want') says nothing.
                continue
            if verb is not None and _unvoiced(verb, subject):
                # 'It's worth pointing out that ...', 'Can you imagine ...': a report no one is said to make, or a
                # supposition the listener is asked to make, is the speaker's own frame, not another's claim.
                continue
            speaks = can_speak(mention_for(subject)) if subject is not None else False
            if verb is not None and verb_lemma(verb) in EVIDENCE_VERBS and not speaks:
                # 'If we fund it, the program will show that ...', 'the figures show ...': the speaker's own claim
                # of what the evidence shows, not someone else's.
                continue
            mention = _mention(subject) if subject is not None else None
            resolved = names.get(start)
            name = resolved.name if resolved is not None else None
            if self._own(mention, name, start, quotation) or self._adopted(start):
                continue
            answer = self._answer_to(end, quotation)
            if verb is not None and _foretells_assent(verb) and answer.response is None:
                # 'Pete, you'll agree that the service ... does not qualify us': the speaker's own claim, put as
                # one the listener cannot but grant; only an answer after it would set it apart.
                continue
            # What the extractor made of a subject that cannot speak ('The data suggest ...') names no one.
            named = name if name and not is_generic(name) and speaks else None
            confidence = resolved.confidence if resolved is not None and named else 1.0
            source = self._source(mention, self._original(subject.idx, subject.idx + 1)[0]) if subject else None
            found.append(Voice(kind="reported", start=start, end=end, speaker=named, confidence=confidence,
                               source=source, cue=cue.text, **answer.model_dump()))  # fmt: skip
        # A report inside another's reported claim is part of that claim ('critics claim the survey shows that
        # ...'): the words are still the critics', not the survey's.
        return [v for v in found if not any(o is not v and o.start <= v.start and v.end <= o.end for o in found)]

    def _verb_at(self, cue_end: int) -> Token | None:
        """The reporting verb of a cue, its last word, or the verb of its last word's particle ('pointing out')."""
        k = bisect.bisect_right(self._token_starts, max(0, cue_end - 1)) - 1
        if k < 0:
            return None
        word: Token = self.reading.doc[k]
        return word.head if word.dep_ == "prt" else word

    @staticmethod
    def _controller(verb: Token) -> Token | None:
        """The subject of the clause an infinitive report hangs from ('We have been asked to tell you ...',
        'Listeners keep writing in to say ...'): who the report is by when it has no subject of its own."""
        while verb.dep_ in ("xcomp", "advcl") and verb.head.i != verb.i:
            verb = verb.head
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return subject
        return None

    def _source(self, mention: str | None, position: int | None, word: Token | None = None) -> str | None:
        """How the source names who said the words, in lower case unless it opens with a name ('some analysts');
        `word` is the word at `position` where the words were parsed apart from the document."""
        if not mention or position is None:
            return mention
        tok = word or self._token_at(position)
        common = tok is not None and (tok.pos_ != "PROPN" or tok.lower_ in _NOUN_FORMS)  # 'Reports' opening
        if common and mention[:1].isupper() and mention[1:2].islower():
            return mention[:1].lower() + mention[1:]
        return mention

    # --- the parse --------------------------------------------------------------------------------
    @cached_property
    def _token_starts(self) -> list[int]:
        return token_starts(self.reading.doc)

    def _token_at(self, position: int) -> Token | None:
        """The first token at or after the document offset `position`."""
        doc: Doc = self.reading.doc
        cleaned = bisect.bisect_left(self.reading.cleaned.offsets, position)
        k = bisect.bisect_left(self._token_starts, cleaned)
        while k < len(doc) and doc[k].is_space:
            k += 1
        return doc[k] if k < len(doc) else None

    def _original(self, start: int, end: int) -> tuple[int, int]:
        return self.reading.cleaned.to_original(start, end)

    def _adopted(self, position: int) -> bool:
        """'As analysts have said, the ferry is doomed': an aside of saying the speaker asserts through."""
        tok = self._token_at(position)
        if tok is None:
            return False
        return any(
            t.dep_ == "advcl"
            and verb_lemma(t) in CUE_VERBS
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children)
            for t in tok.sent
        )

    def _answer(self, end: int) -> _Answer:
        """The speaker's next sentence when it answers the claim: short, and its arguments are only pronouns, the
        speaker or what was just said ('They are mistaken.', 'That is nonsense.', 'I could not disagree more.').
        A claim put to someone else ('People say the depot is late. Is it?' in an interviewer's turn) is answered
        by the first sentence of the next turn, unless that agrees ('Yes.'); questions before it only put it."""
        k = bisect.bisect_right(self.sentence_starts, max(0, end - 1))
        turn = self._turn_at(end - 1)
        while k < len(self.sentences) and self._turn_at(self.sentences[k][0]) == turn and self._asks(k):
            k += 1
        if k >= len(self.sentences):
            return _Answer()
        start, stop = self.sentences[k]
        sentence = self.document.text[start:stop]
        speaker = self.speaker_at(start)
        put_to = self._turn_at(start) != turn and self._opens_turn(k) and speaker != self.speaker_at(end - 1)
        if (speaker != self.speaker_at(end - 1) and not put_to) or _MARKS.search(sentence):
            return _Answer()
        if put_to:
            # Whatever the guest's first words are, they answer what was put to them: a denial, the opposite
            # statement ('It opens in May.'), a correction ('That's not how it works.'); unless they agree.
            if speaker is None or self.readers.agrees(sentence):
                return _Answer()
            return _Answer(response=sentence.strip(), respondent=speaker)
        if not self.readers.answers(sentence, speaker):
            return _Answer()
        return _Answer(response=sentence.strip())

    def _free(self, word: Token, start: int, end: int, taken: Sequence[tuple[int, int]]) -> tuple[bool, Voice | None]:
        """Whether a claim reported by `word` over [start, end) is no other voice's, and the quotation it is
        reported in, if any (a quotation's own span does not take it)."""
        return self._free_at(self._original(word.idx, word.idx + 1)[0], start, end, taken)

    def _free_at(self, cue: int, start: int, end: int, taken: Sequence[tuple[int, int]]) -> tuple[bool, Voice | None]:
        """As `_free`, for the word at document offset `cue`."""
        quotation = self._quotation_holding(cue, end)
        held = (quotation.start, quotation.end) if quotation is not None else None
        overlaps = any(s < end and start < e for s, e in taken if (s, e) != held)
        return not overlaps and (quotation is not None or not self._in_quotes(start)), quotation

    def _answer_to(self, end: int, quotation: Voice | None) -> _Answer:
        """The answer to a reported claim: in the source's next sentence, or inside the quotation it is in."""
        return self._answer(end) if quotation is None else self._answer_within(end, quotation)

    def _answer_within(self, end: int, quotation: Voice) -> _Answer:
        """The quoted person's next sentence inside their quotation, when it answers the claim they report."""
        k = bisect.bisect_right(self.sentence_starts, max(0, end - 1))
        if k >= len(self.sentences) or self.sentences[k][0] >= quotation.end:
            return _Answer()
        start, stop = self.sentences[k]
        sentence = self.document.text[start : min(stop, quotation.end)]
        if not sentence.strip() or not self.readers.answers(sentence, quotation.speaker):
            return _Answer()
        return _Answer(response=sentence.strip())

    def _quotation_holding(self, cue: int, end: int) -> Voice | None:
        """The quotation that holds a report, its reporting verb and all (not one a report's words quote)."""
        return next((q for q in self.quotations if q.start <= cue < q.end and end <= q.end), None)

    def _turn_at(self, position: int) -> int | None:
        """The index of the turn holding `position`, if one does."""
        k = bisect.bisect_right(self.turn_starts, position) - 1
        return k if k >= 0 and position < self.turns[k].end else None

    def _asks(self, k: int) -> bool:
        start, stop = self.sentences[k]
        return self.document.text[start:stop].rstrip(" '\"\u201d\u2019)").endswith("?")

    def _asks_at(self, position: int) -> bool:
        """The sentence holding `position` is a question."""
        k = bisect.bisect_right(self.sentence_starts, position) - 1
        return k >= 0 and self._asks(k)

    def _opens_turn(self, k: int) -> bool:
        """The k-th sentence is the first of its turn (what a guest says first, in answer)."""
        return k == 0 or self._turn_at(self.sentences[k - 1][0]) != self._turn_at(self.sentences[k][0])

    def _in_quotes(self, position: int) -> bool:
        return any(s <= position < e for s, e in self.quoted)

    def _nominal_reports(self, voices: Sequence[Voice]) -> list[Voice]:
        """'There are reports that the pool will close', 'the rumour that the hall will be sold', 'talk of a second
        pier': a claim reported by a noun of saying rather than a verb, the noun's owner's when it has one, else
        no one's in particular; the speaker's own only when the owner is the speaker ('our report that ...')."""
        taken = [(v.start, v.end) for v in voices]
        found: list[Voice] = []
        for tok in tokens_with(self.reading.doc, {POS: ("NOUN", "PROPN")}):
            # A report noun opening its sentence may be tagged a proper noun for its capital ('Reports in ...').
            noun = tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and (tok.is_sent_start or not tok.i))
            if not noun or _singular(tok) not in _REPORT_NOUNS:
                continue
            reported = _reported_by_noun(tok)
            if reported is None or reported[1].i - reported[0].i + 1 < 2:
                continue
            start, end = self._original(reported[0].idx, reported[1].idx + len(reported[1].text))
            free, quotation = self._free(tok, start, end, taken)
            if not free:
                continue
            owner = next((c for c in tok.children if c.dep_ == "poss"), None) or _holder(tok)
            if owner is None and _singular(tok) not in _UNOWNED_NOUNS:
                continue
            if owner is not None and self._own(_mention(owner), None, start, quotation):
                continue
            noun_start = self._original(tok.left_edge.idx, tok.left_edge.idx + 1)[0]
            source = self._source(_mention(owner) if owner is not None else _noun_phrase(tok), noun_start)
            found.append(Voice(kind="reported", start=start, end=end, source=source, cue="had it",
                               **self._answer_to(end, quotation).model_dump()))  # fmt: skip
            taken.append((start, end))
        return found

    def _rejected_claims(
        self,
        voices: Sequence[Voice],
        tokens: Iterable[Token],
        text: str,
        to_original: Callable[[int, int], tuple[int, int]],
    ) -> list[Voice]:
        """'The prosecution submitted that you had been driving at more than 50 miles an hour. I am not sure of
        that.', 'It was submitted on your behalf that the sun dazzled you. I reject that submission.': a 'that'
        clause under any verb whose subject is someone other than the speaker, or an empty 'it' before a passive,
        is a claim put by others when the speaker's next sentence rejects it, whatever the verb. Unanswered, the
        same frame may state the speaker's own finding or a body's decision ('It was ordered that ...'), so it is
        left alone; a verb of finding, knowing or granting never puts a claim."""
        taken = [(v.start, v.end) for v in voices]
        found: list[Voice] = []
        for tok in tokens:
            if tok.pos_ != "VERB" or verb_lemma(tok) in _FINDING_VERBS:
                continue
            subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
            if subject is None:
                continue
            passive = any(c.dep_ == "auxpass" for c in tok.children)
            empty = subject.lower_ == "it" and (passive or subject.dep_ == "expl")
            if not empty and (subject.dep_ != "nsubj" or not _puts_claims(subject)):
                continue
            clause = _that_clause(tok)
            if clause is None:
                continue
            left, right = trim_span(text, clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text),
                                    that=True)  # fmt: skip
            start, end = to_original(left, right)
            free, quotation = self._free_at(to_original(tok.idx, tok.idx + 1)[0], start, end, taken)
            if not free or end - start < 8:
                continue
            mention = None if empty else _mention(subject)
            if mention is not None and self._own(mention, None, start, quotation):
                continue
            answer = self._answer_to(end, quotation)
            if answer.response is None or answer.respondent is not None or not self.readers.rejects(answer.response):
                continue
            if mention is None:
                source = _put_by(tok)
            else:
                source = self._source(mention, to_original(subject.idx, subject.idx + 1)[0], subject)
            found.append(Voice(kind="reported", start=start, end=end, source=source, cue=_verb_words(tok),
                               **answer.model_dump()))  # fmt: skip
            taken.append((start, end))
        return found

    def _named_claims(self, voices: Sequence[Voice]) -> list[Voice]:
        """'People call this plan reckless', 'Critics describe the berth as a white elephant': a naming verb
        whose object and what it is called make a claim, by a subject other than the speaker."""
        taken = [(v.start, v.end) for v in voices]
        found: list[Voice] = []
        for tok in tokens_with(self.reading.doc, {POS: ("VERB",)}):
            if tok.pos_ != "VERB" or verb_lemma(tok) not in NAMING_VERBS:
                continue
            named = _called(tok)
            if named is None:
                continue
            subject = subject_of(tok)
            if subject is None:
                continue
            start, end = self._original(named[0].idx, named[1].idx + len(named[1].text))
            free, quotation = self._free(tok, start, end, taken)
            if not free:
                continue
            mention = _mention(subject)
            if _expletive(subject) or self._own(mention, None, start, quotation):
                continue
            source = self._source(mention, self._original(subject.idx, subject.idx + 1)[0])
            found.append(Voice(kind="reported", start=start, end=end, source=source, cue=_verb_words(tok),
                               **self._answer_to(end, quotation).model_dump()))  # fmt: skip
        return found


def _unvoiced(verb: Token, subject: Token | None) -> bool:
    """A verb of saying with no one to say it (a gerund, an infinitive or an imperative without a subject or a
    controller), or a supposing verb put to the listener ('imagine', 'can you imagine')."""
    if supposes(verb, subject):
        return True
    # A gerund, an infinitive, or the bare verb of an imperative ('think of this, if I ...'): no one else's.
    nonfinite = verb.tag_ in ("VBG", "VB") or any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
    return subject is None and nonfinite


def _foretells_assent(verb: Token) -> bool:
    """A verb of assent with a modal of will or necessity ('you'll agree', 'anyone would admit', 'we must all
    accept'); 'may', 'might' and 'could' only allow it."""
    return verb_lemma(verb) in ASSENT_VERBS and any(
        c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ in _FORETELLING for c in verb.children
    )


def _holder(noun: Token) -> Token | None:
    """Who has the belief or report a noun names when it is their verb's object ('I have the impression that',
    'critics share the view that'); not the 'there' of 'there is a view that'."""
    if noun.dep_ not in ("dobj", "attr") or noun.head.lemma_.lower() not in _HOLDING_VERBS:
        return None  # 'we heard the claim that ...': hearing or rejecting a claim holds none of it
    subject = next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return None if subject is None or subject.dep_ == "expl" or subject.lower_ == "there" else subject


def _reported_by_noun(noun: Token) -> tuple[Token, Token] | None:
    """The first and last token of what a noun of saying reports: its complement clause ('reports that the pool
    will close', 'the rumour that the hall will be sold') or its phrase ('talk of a second pier')."""
    # 'There's been talk ... that the members were leaned on': the parse may hang the clause on the noun as an
    # adverbial clause, or on the 'been' whose subject is 'there', after the noun.
    existential = noun.dep_ == "attr" and any(c.dep_ == "expl" for c in noun.head.children)
    after = [*noun.rights, *(c for c in noun.head.rights if c.i > noun.i)] if existential else list(noun.rights)
    for child in after:
        if child.dep_ in ("acl", "relcl", "ccomp", "advcl") and _complement(child):
            first = next(t for t in child.subtree if not (t.lower_ == "that" and t.i == child.left_edge.i))
            return first, child.right_edge
        hearsay = _singular(noun) in HEARSAY_NOUNS  # 'talk of a second pier'; 'a view of the sea' says nothing
        if hearsay and child.dep_ == "prep" and child.lower_ in _REPORTING_PREPOSITIONS and child.i == noun.i + 1:
            what = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if what is not None:
                return what.left_edge, what.right_edge
    return None


def _puts_claims(subject: Token) -> bool:
    """Whether a subject can put a claim: someone who can speak, or a group of people ('the prosecution')."""
    mention = mention_for(subject)
    return can_speak(mention) or (mention is not None and mention.kind == "group")


def _that_clause(verb: Token) -> Token | None:
    """The clause a verb's 'that' opens after it, however the parser hangs it: as its complement, as an adverbial
    clause ('submitted on your behalf that the sun dazzled you'), with the 'that' taken for the clause's object,
    or under the noun of a phrase between them ('said in a statement that ...')."""
    for child in verb.rights:
        marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
        if child.dep_ in ("ccomp", "advcl") and (marks == {"that"} or (not marks and child.left_edge.lower_ == "that")):
            return child
    return that_clause_under_prep(verb)


def _put_by(verb: Token) -> str | None:
    """Who a passive report names as putting the claim, as the source words it: its agent ('was argued by the
    defence': 'the defence') or the one it was put for ('was submitted on the player's behalf': 'on behalf of
    the player')."""
    for child in verb.children:
        if child.dep_ == "agent":
            agent = next((c for c in child.children if c.dep_ == "pobj"), None)
            return _mention(agent) if agent is not None else None
        if child.dep_ == "prep":
            for noun in child.children:
                owner = next((c for c in noun.children if c.dep_ == "poss"), None)
                if noun.dep_ == "pobj" and noun.lower_ == "behalf" and owner is not None:
                    words = [_OBJECT_FORMS.get(t.lower_, t.text) for t in owner.subtree if t.dep_ != "case"]
                    return "on behalf of " + " ".join(words)
    return None


def _opening(sentence: str) -> str:
    """A sentence's words before its first colon, semicolon or dash: where an answer's verdict ends."""
    return _OPENING_END.split(sentence, maxsplit=1)[0]


def _complement(clause: Token) -> bool:
    """A clause after a noun that states its content ('that the hall will be sold', 'that the pool is unsafe'),
    not one that describes it ('that the council published', where 'that' stands for the noun): it opens with
    'that', has a subject of its own with no clause of its own, and leaves no place open for 'that' to fill (its
    verb has its object or complement, is passive, or is a prediction)."""
    # In word order: a 'that' the parse hangs further right ('that ... came to blows') still opens the clause.
    words = sorted(clause.subtree, key=lambda t: t.i)
    if not words or words[0].lower_ != "that":
        return False
    that = words[0]
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != that.i), None)
    if subject is None or any(c.dep_ in ("acl", "relcl") for c in subject.children):
        return False
    if that.dep_ == "pobj" and any(c.dep_ == "pobj" and c.i != that.i for c in that.head.children):
        return True  # 'that the pair came to blows': the preposition has its object, so 'that' fills no place
    # A modal makes it a prediction, which a noun reports ('that the unit will move'); a noun is rarely what is
    # yet to be done to it ('the report that the council will publish').
    return any((c.dep_ in _COMPLETE or (c.dep_ == "aux" and c.tag_ == "MD")) and c.i != that.i for c in clause.children)


def _mention(subject: Token) -> str:
    """The words naming a report's subject: its phrase, without a relative clause or an apposition."""
    kept = [
        t
        for t in subject.subtree
        if not any(
            a.dep_ in ("relcl", "appos", "acl")
            for a in [t, *t.ancestors]
            if a.i != subject.i and subject in a.ancestors
        )
    ]
    # The words as written ('The Council's', not 'The Council 's'), a clause left out closing up to one space.
    return " ".join("".join(t.text_with_ws for t in kept[:8]).split()) or subject.text


def _singular(noun: Token) -> str:
    """A noun's singular form, as far as a plural 's' goes (the parse reads lemmas of verbs only)."""
    word = noun.lower_
    return word[:-1] if word.endswith("s") and word[:-1] in _REPORT_NOUNS else word


def _noun_phrase(noun: Token) -> str:
    """A report noun with the words in front of it ('the persistent rumour', 'reports')."""
    return " ".join(t.text for t in noun.doc[noun.left_edge.i : noun.i + 1])


def _expletive(subject: Token) -> bool:
    """'It' standing for no one: the subject of a frame ('It would be a mistake to think ...', 'It is said')."""
    return subject.dep_ == "expl" or (subject.lower_ == "it" and subject.head.pos_ in ("AUX",))


def _verb_words(verb: Token) -> str:
    """The reporting verb with its auxiliaries ('have called')."""
    words = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i] + [verb]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _called(verb: Token) -> tuple[Token, Token] | None:
    """The first and last token of what a naming verb's object is called: 'this plan reckless', 'the berth as a
    white elephant', 'the levy a tax on sailors', 'this bypass a road to nowhere'."""
    objects = [c for c in verb.rights if c.dep_ in ("dobj", "dative")]
    if not objects:
        return None
    first = objects[0]
    called = [
        c for c in verb.rights
        if c.i > first.i and (c.dep_ in ("oprd", "xcomp", "acomp", "ccomp", "dobj")
                              or (c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pobj" for g in c.children)))
    ]  # fmt: skip
    if not called:
        return None
    # Modifiers the parser hung on the verb after what it is called belong to it ('a road | to nowhere').
    rest = [c for c in verb.rights if c.i > called[0].i and c.dep_ not in _NOT_CALLED]
    return first.left_edge, max([called[-1], *rest], key=lambda t: t.i).right_edge


def affirms(answer: Span) -> bool:
    """An answer that agrees with what was put to its speaker, read from its opening (the words before its first
    break): nothing in it negates ('not', 'no', 'never') or calls the claim false ('Wrong.'), and it is either a
    particle standing without a clause of its own, an interjection, adverb or adjective at its head ('Yes.',
    'Quite right.', 'Correct, yes.', 'Of course.'), or an elliptical echo of what was put: a pronoun and a bare
    auxiliary, with at most an adverb ('It is.', 'That is so.', 'Indeed it will.')."""
    words = [t for t in answer if not t.is_space]
    cut = next((k for k, t in enumerate(words) if t.text in _OPENING_BREAKS), len(words))
    opening = [t for t in words[:cut] if not t.is_punct]
    if not opening or any(_negative(t) for t in opening):
        return False
    heads = [t for t in opening if t.head.i == t.i or t.head not in opening]
    if len(heads) != 1:
        return False
    head = heads[0]
    if head.pos_ in _PARTICLE_HEADS:
        return not any(t.pos_ in ("VERB", "AUX", "NOUN", "PROPN") for t in opening)
    if head.pos_ != "AUX":
        return False
    dependents = [t for t in opening if t.i != head.i]
    subjects = [t for t in dependents if t.dep_ in ("nsubj", "nsubjpass", "expl")]
    echo = len(subjects) == 1 and subjects[0].pos_ == "PRON"
    return echo and all(t in subjects or (t.dep_ == "advmod" and t.pos_ == "ADV") for t in dependents)


def _negative(word: Token) -> bool:
    """A word of negative polarity in the parse, or one that calls what was said false."""
    lower = word.lower_
    return (
        word.dep_ == "neg"
        or "Polarity=Neg" in str(word.morph)
        or lower in NEGATIONS
        or lower.startswith("nope")
        or lower in FALSITY
    )


def denies(answer: Span, one_thing: bool = True) -> bool:
    """An answer that says what was put to its speaker is not so: a clause negated, denying or calling false whose
    core argument is what was put ('I don't accept that characterisation.', '..., and not one of them has told me
    that.', 'That is simply wrong.'), or negative words standing without a clause ('No.', 'Absolutely not.'), which
    answer only the question itself: they deny what was put when the turn put `one_thing`, not the premises said
    before its question ('New Hampshire has ... Does that include heroin?' 'No.')."""
    words = [t for t in answer if not t.is_punct and not t.is_space]
    if words and not any(t.pos_ in ("VERB", "AUX") for t in words):
        return one_thing and any(_negative(t) for t in words)
    for verb in words:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        arguments = [c for c in verb.children if c.dep_ in _CORE_ARGUMENTS]
        subjects = [w for a in arguments if a.dep_ in ("nsubj", "nsubjpass") for w in a.subtree]
        negated = any(_negative(c) for c in verb.children) or any(_negative(w) for w in subjects)
        if not (negated or verb_lemma(verb) in DENIAL_VERBS):
            continue
        # What was put, not someone in the exchange: 'that', 'it', 'that claim'; never 'I', 'they', 'no one', 'nothing'.
        if any(_refers_back(a, None) and not _personal(a) and not _negative(a) for a in arguments):
            return True
    return False


def _personal(word: Token) -> bool:
    """A pronoun for people ('I', 'you', 'them', 'no one'), not the neuter 'it' that takes up what was said."""
    morph = str(word.morph)
    return ("PronType=Prs" in morph and "Gender=Neut" not in morph) or word.lower_ == "one"


def _answers(sentence: Span, speaker: str | None) -> bool:
    """A short sentence whose core arguments refer back (a pronoun, 'that claim', 'this description') or are the
    speaker: it comments on what came before rather than stating something new."""
    words = [t for t in sentence if not t.is_punct and not t.is_space]
    if not words or len(words) > ANSWER_WORDS:
        return False
    if any(t.dep_ in ("ccomp", "xcomp") and t.pos_ in ("VERB", "AUX") for t in words):
        return False
    arguments = [t for t in words if t.dep_ in _CORE_ARGUMENTS]
    return all(_refers_back(t, speaker) for t in arguments)


def _refers_back(argument: Token, speaker: str | None) -> bool:
    if argument.pos_ == "PRON" or (argument.lower_ == "that" and not list(argument.children)):
        return True
    # The tagger may read a demonstrative as a conjunction ('that/IN submission'); its role as determiner stands.
    if any(c.dep_ == "det" and ("PronType=Dem" in str(c.morph) or c.lower_ in _DEMONSTRATIVES)
           for c in argument.children):  # fmt: skip
        return True  # 'that claim', 'this description'
    if any(c.lower_ == "no" and c.dep_ == "det" for c in argument.children) or any(
        c.lower_ == "one" and any(g.lower_ == "not" for g in c.children) for c in argument.children
    ):
        return True  # 'No councillor has ...', 'Not one person has ...': a denial of all, as 'nobody' is
    phrase = " ".join(t.text for t in argument.subtree if t.dep_ != "det")
    return speaker_relation(phrase, speaker) in ("same", "compatible")
