"""Speaker mentions from the parse, and their resolution to one canonical name per article."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span, Token

from factcheck.extract.lexicon import (
    FEMALE_NAMES,
    HONORIFIC_GENDER,
    MALE_NAMES,
    NICKNAME_MARKS,
    ORG_WORDS,
    PRONOUN_GENDER,
    SKIP_SUBJECTS,
    TITLES,
)
from factcheck.names import is_name_suffix

MentionKind = Literal["person", "org", "pronoun", "group"]
_EDGE_MARKS = " .,'\u2019\""
_PERSON_LABELS = frozenset({"PERSON"})
_ORG_LABELS = frozenset({"ORG", "NORP", "GPE", "FAC"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_NOUN_LEFT_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "flat", "quantmod"})


def clean_name(text: str) -> str:
    """A name without surrounding quotes, commas and sentence full stop; 'Jr.' and initials keep theirs."""
    name = text.strip(_EDGE_MARKS)
    last = name.split()[-1].lower() if name.split() else ""
    if text.rstrip(_EDGE_MARKS.replace(".", "")).endswith(".") and (is_name_suffix(last) or len(last) == 1):
        name += "."
    return name


def _surname(parts: list[str]) -> str:
    """The last word that is not a suffix ('Biden' in 'Joseph R. Biden Jr.')."""
    words = [p for p in parts if not is_name_suffix(p)]
    return words[-1] if words else parts[-1]


@dataclass(frozen=True)
class Mention:
    """A speaker mention in the cleaned text."""

    start: int
    end: int
    text: str
    kind: MentionKind
    gender: str | None = None
    named: bool = False
    head: str = ""


def _strip_title_tokens(tokens: list[Token]) -> list[Token]:
    """Drop role words in front of a name: 'White House press secretary Jen Psaki' -> 'Jen Psaki'."""
    if not tokens:
        return tokens
    last_lower = max((i for i, t in enumerate(tokens) if t.text[:1].islower()), default=-1)
    kept = tokens[last_lower + 1 :] or tokens[-1:]
    while len(kept) > 1 and kept[0].lower_.rstrip(".") in TITLES:
        kept = kept[1:]
    while len(kept) > 1 and kept[-1].dep_ == "case":
        kept = kept[:-1]
    return kept


def _honorific(tokens: list[Token]) -> str | None:
    if not tokens:
        return None
    for tok in tokens[:3]:
        gender = HONORIFIC_GENDER.get(tok.lower_.rstrip("."))
        if gender:
            return gender
    first = tokens[0].doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    if first is not None:
        return HONORIFIC_GENDER.get(first.lower_.rstrip("."))
    return None


def name_gender(name: str) -> str | None:
    """'m'/'f' from a known first name, else None."""
    first = name.split()[0].lower() if name.split() else ""
    if first in MALE_NAMES:
        return "m"
    if first in FEMALE_NAMES:
        return "f"
    return None


def _entity_at(tok: Token) -> Span | None:
    if tok.ent_iob_ == "O" or not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def _span_mention(tokens: list[Token], kind: MentionKind, named: bool, gender: str | None) -> Mention:
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    # Span.text joins only the span's tokens; Doc.text would rebuild the whole article on every call.
    text = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
    return Mention(start, end, text, kind, gender, named, tokens[-1].lower_)


def without_nickname(tokens: list[Token]) -> list[Token]:
    """'Marcus "The Hammer" Bell' -> 'Marcus Bell': words in quote marks inside a name are a nickname."""
    kept: list[Token] = []
    quoted = False
    for tok in tokens:
        if tok.text in NICKNAME_MARKS:
            quoted = not quoted
            continue
        if not quoted:
            kept.append(tok)
    return kept


def _is_org_like(tokens: list[Token]) -> bool:
    return any(t.lower_ in ORG_WORDS for t in tokens)


def mention_for(tok: Token) -> Mention | None:
    """The speaker mention headed by subject token `tok`, titles and appositives peeled off."""
    if tok.lower_ in SKIP_SUBJECTS:
        return None
    if tok.pos_ == "PRON" or tok.lower_ in PRONOUN_GENDER:
        gender = PRONOUN_GENDER.get(tok.lower_)
        if gender is None:
            return None
        return Mention(tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", gender, False, tok.lower_)
    # An appositive name explains a common-noun subject: 'a spokesman, John Doe, said'.
    if tok.pos_ != "PROPN":
        for child in tok.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                tok = child
                break
    ent = _entity_at(tok)
    if ent is not None and (ent.label_ in _PERSON_LABELS or ent.label_ in _ORG_LABELS):
        tokens = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
        tokens = [t for t in tokens if t.dep_ != "case" and t.text not in ("'s", "\u2019s")] or tokens
        peeled = _strip_title_tokens(tokens)
        # The small model often labels 'Councillor Jane Roe' an ORG; a peeled title or a first name says person.
        looks_personal = len(peeled) < len(tokens) or name_gender(peeled[0].text) is not None
        if not _is_org_like(tokens) and (ent.label_ in _PERSON_LABELS or looks_personal):
            gender = _honorific(peeled) or name_gender(" ".join(t.text for t in peeled))
            return _span_mention(peeled, "person", True, gender)
        return _span_mention(tokens, "org", True, "n")
    left = [c for c in tok.lefts if c.dep_ in _NOUN_LEFT_DEPS]
    first = min([tok.i] + [c.left_edge.i for c in left])
    tokens = [t for t in tok.doc[first : tok.i + 1] if not t.is_punct]
    if tok.pos_ == "PROPN":
        propn = _strip_title_tokens(tokens)
        if not propn:
            return None
        if _is_org_like(propn):
            return _span_mention(propn, "org", True, "n")
        gender = _honorific(propn) or name_gender(propn[0].text)
        return _span_mention(propn, "person", True, gender)
    while tokens and tokens[0].dep_ == "det" and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    tokens = tokens or [tok]
    if _is_org_like(tokens[-1:]):
        return _span_mention(tokens, "org", False, "n")
    plural = tok.tag_ in ("NNS", "NNPS")
    return _span_mention(tokens, "group", False, "p" if plural else None)


def subject_of(verb: Token) -> Token | None:
    """The source of a reporting verb: its subject, passive agent, or the subject it shares."""
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in _SUBJECT_DEPS and any(c.isalnum() for c in child.text):
                if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                    return verb.head
                return child
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
            verb = verb.head
            continue
        return None
    return None


@dataclass
class _Entry:
    name: str
    kind: MentionKind
    gender: str | None
    positions: list[int] = field(default_factory=list)


@dataclass
class SpeakerResolver:
    """Per-article registry: short names to full names, pronouns to the nearest compatible speaker."""

    doc: Doc
    names: dict[str, _Entry] = field(default_factory=dict)
    speakers: list[tuple[int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ in _PERSON_LABELS:
                tokens = [t for t in without_nickname(list(ent)) if t.text not in ("'s", "\u2019s")] or list(ent)
                if _is_org_like(tokens):
                    self._register(" ".join(t.text for t in tokens), "org", "n", ent.start_char)
                    continue
                tokens = _strip_title_tokens(tokens)
                gender = _honorific(tokens) or name_gender(tokens[0].text)
                self._register(" ".join(t.text for t in tokens), "person", gender, ent.start_char)
            elif ent.label_ == "ORG":
                tokens = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")] or list(ent)
                self._register(" ".join(t.text for t in tokens), "org", "n", ent.start_char)

    def _register(self, name: str, kind: MentionKind, gender: str | None, position: int) -> None:
        name = clean_name(name)
        if not name:
            return
        canonical = self._canonical(name, position, kind) if kind == "person" else name
        entry = self.names.get(canonical)
        if entry is None:
            entry = self.names[canonical] = _Entry(canonical, kind, gender)
        if entry.gender is None and gender is not None:
            entry.gender = gender
        entry.positions.append(position)

    def _canonical(self, name: str, position: int, kind: MentionKind) -> str:
        parts = name.split()
        best: tuple[int, str] | None = None
        for entry in self.names.values():
            if entry.kind != kind:
                continue
            full = entry.name.split()
            if len(full) <= len(parts):
                continue
            if _surname(parts) == _surname(full) or (len(parts) == 1 and parts[0] == full[0]):
                distance = min(abs(position - p) + (0 if p <= position else 10_000) for p in entry.positions)
                if best is None or distance < best[0]:
                    best = (distance, entry.name)
        return best[1] if best else name

    def resolve(self, mention: Mention) -> tuple[str | None, float]:
        """Canonical name for a mention and how sure the resolution is."""
        if mention.kind == "pronoun":
            return self._antecedent(mention)
        if mention.kind == "person" or (mention.kind == "org" and mention.named):
            name = clean_name(mention.text)
            name = self._canonical(name, mention.start, "person") if mention.kind == "person" else name
            return name, 0.95 if len(name.split()) > 1 or mention.kind == "org" else 0.85
        if mention.kind == "org":
            return self._organisation(mention)
        return None, 0.5

    def _organisation(self, mention: Mention) -> tuple[str | None, float]:
        head = mention.head
        best: tuple[int, str] | None = None
        for entry in self.names.values():
            if entry.kind != "org" or head not in entry.name.lower().split():
                continue
            before = [p for p in entry.positions if p < mention.start]
            if before and (best is None or mention.start - before[-1] < best[0]):
                best = (mention.start - before[-1], entry.name)
        return (best[1], 0.7) if best else (None, 0.5)

    def remember(self, position: int, name: str) -> None:
        """Record that `name` spoke at `position`, for later pronouns and follow-ups."""
        self.speakers.append((position, name))

    def _antecedent(self, mention: Mention) -> tuple[str | None, float]:
        wanted = mention.gender
        if wanted == "s":
            return None, 0.0
        candidates: list[tuple[int, str]] = list(self.speakers)
        for entry in self.names.values():
            candidates.extend((p, entry.name) for p in entry.positions)
        seen: set[str] = set()
        fallback: str | None = None
        for _position, name in sorted((c for c in candidates if c[0] < mention.start), reverse=True):
            if name in seen:
                continue
            seen.add(name)
            known = self.names.get(name)
            kind = known.kind if known else "person"
            gender = known.gender if known else name_gender(name)
            if wanted in ("n", "p"):
                if kind == "org":
                    return name, 0.7
                continue
            if kind != "person":
                continue
            if gender == wanted:
                return name, 0.85
            if gender is None and fallback is None:
                fallback = name
            if len(seen) >= 6:
                break
        return (fallback, 0.6) if fallback else (None, 0.0)
