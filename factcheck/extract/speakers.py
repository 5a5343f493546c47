"""Per-article speaker resolution: the people and organisations an article introduces, and who each mention means.

Every person or organisation gets one entity with its fullest name; surnames, first names, honorifics,
descriptions ('the Kentucky Republican'), pronouns and owner-less organisation mentions resolve to it.
Places never speak; unnamed roles ('a spokesman', 'the senator' with no senator in the article) stay unresolved.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz
from spacy.attrs import DEP
from spacy.tokens import Doc, Span, Token

from factcheck.extract.columns import tokens_with
from factcheck.extract.documents import IssuedDocument, document_nouns, issuer_token
from factcheck.extract.entities import without_nickname
from factcheck.extract.lexicon import (
    COPULA,
    FEMALE_NAMES,
    HONORIFIC_GENDER,
    INSTITUTIONS,
    MALE_NAMES,
    ORG_KINDS,
    ORG_WORDS,
    PERSON_TITLES,
    STATEMENT_NOUNS,
)
from factcheck.extract.mentions import (
    SPOKES,
    Mention,
    clean_name,
    description_words,
    entity_at,
    honorific_gender,
    joined_name,
    mention_for,
    name_gender,
    role_word,
    strip_titles,
    title_words,
)
from factcheck.extract.tags import verb_lemma
from factcheck.names import ends_with_name, has_generation, is_organisation, parse_name, same_speaker, speaker_key

# How many sentences back a pronoun or description looks for the entity it means.
_PRONOUN_SENTENCES = 4
_FOCUS_SENTENCES = 1
_DESCRIPTION_SENTENCES = 2
_POSSESSIVE = frozenset({"'s", "\u2019s"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Similarity (percent) at which a lone surname is taken for a misspelling of a full name's surname.
_MISSPELLING = 80
# Titles that address a person rather than give them a role ('Dr Ana Lim', 'Mrs Hale'): a closed class.
_FORMS_OF_ADDRESS = frozenset(HONORIFIC_GENDER) | {"doctor"}
# How sure a Q&A's answers are its interviewee's: the one person introduced before the questions, or a guess.
INTRODUCED_INTERVIEWEE = 0.85
GUESSED_INTERVIEWEE = 0.6
# Dependencies of a clause hung from another's word.
_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "xcomp", "relcl", "acl", "csubj", "parataxis", "conj"})
# Clauses that set a scene or describe a noun.
_BACKGROUND_DEPS = frozenset({"advcl", "pcomp", "relcl", "acl"})
# A word governed as an object, of a verb or of a preposition.
_GOVERNED_DEPS = frozenset({"pobj", "dobj", "dative", "iobj"})
_GENERIC_ROLE_WORDS = frozenset({"former", "new", "current", "longtime", "veteran", "then"})
# Words that make an office another one: the deputy mayor is not the mayor.
_OTHER_OFFICE = frozenset({"shadow", "deputy", "vice", "assistant", "acting", "junior", "associate", "interim"})
# ... and a deputy is not the office itself ('the Vice-Chancellor' is not the Deputy Vice-Chancellor), though an
# associate professor may be 'the professor' and a college junior no office at all.
_LESSER_OFFICE = frozenset({"shadow", "deputy", "vice"})
# Endings that make one word of a trade from another: the insurer of 'Insurance', the builder of 'Builders'.
_TRADE_ENDINGS = ("ers", "er", "ors", "or", "ance", "ence", "ing", "s")
# A stem shorter than this is no word of a trade ('bank' is kept whole, 'in' of 'inner' is nothing).
_MIN_STEM = 4
# A capitalised owner of a description: 'Lumora' of "Lumora's chief executive".
_NAMED_OWNER = re.compile(r"\b([A-Z][\w-]*)(?:'s|\u2019s)\s")


@dataclass
class Entity:
    """A person or organisation an article refers to; `name` is its fullest form in the article."""

    name: str
    # "person", "org", "name" (a lone word that may be a surname) or "anonymous" (an unnamed person: 'one juror')
    kind: str
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    positions: list[int] = field(default_factory=list)
    # Position of each mention that is a clause subject -> 0 for the main clause's subject, 1 for another's.
    subjects: dict[int, int] = field(default_factory=dict)
    # Where the article calls it by one word ('Duval'): with two Duvals, the one it calls that is meant.
    short: list[tuple[int, str]] = field(default_factory=list)
    # Someone unnamed whom a definite description introduced ('the president'), not a passing 'a police officer'.
    definite: bool = False

    def add(self, name: str, position: int, subject: int | None, gender: str | None, roles: frozenset[str]) -> None:
        """Record another mention, keeping the fullest spelling of the name."""
        # Words in front of a full name are a role or an epithet, not more of the name ("Curator Imogen Sato").
        if ends_with_name(self.name, name) or (
            len(speaker_key(name).split()) > len(speaker_key(self.name).split()) and not ends_with_name(name, self.name)
        ):
            self.name = name
        self.gender = self.gender or gender
        self.roles |= roles
        self.positions.append(position)
        if len(name.split()) == 1:
            self.short.append((position, speaker_key(name)))
        if subject is not None:
            self.subjects[position] = subject


def _given(name: str) -> str | None:
    parsed = parse_name(name)
    return parsed.given if parsed is not None and not is_organisation(name) and hasattr(parsed, "given") else None


def _noun_phrase(head: Token) -> list[Token]:
    """A noun and the modifiers in front of it ('the Kentucky Republican'), not its clauses or phrases."""
    return list(head.doc[head.left_edge.i : head.i + 1])


def _appositive_words(ent: Span) -> frozenset[str]:
    """'Mitch McConnell, the Kentucky Republican,' -> {kentucky, republican}; the reverse order counts too."""
    root = ent.root
    tokens: list[Token] = []
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            tokens.extend(_noun_phrase(child))
    if root.dep_ == "appos" and root.head.i < ent.start:
        tokens.extend(t for t in _noun_phrase(root.head) if t.i < ent.start)
    return description_words(tokens)


# How many words after a full name and its comma may hold another name for the person, up to the next comma.
_ALIAS_REACH = 10
# What the tagger may take a one-word alias for: a name, or a body ('Tolly'); never a place or a date.
_ALIAS_TYPES = frozenset({"", "PERSON", "NAME", "ORG"})
# The verbs of the idioms that give someone's other name through a preposition ('answers to', 'goes by').
_NAMED_BY = frozenset({("answer", "to"), ("go", "by")})


@dataclass
class SpeakerResolver:
    """Per-article registry: mentions to canonical names; pronouns and descriptions to the entity they mean."""

    doc: Doc
    entities: list[Entity] = field(default_factory=list)
    speakers: list[tuple[int, str]] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    ignored: tuple[tuple[int, int], ...] = ()
    headlines: tuple[tuple[int, int], ...] = ()
    # Quoted spans: a name inside someone's words is not whom a later 'he' or 'the senator' means.
    quoted: tuple[tuple[int, int], ...] = ()
    documents: list[IssuedDocument] = field(default_factory=list)
    document_subjects: list[Token] = field(default_factory=list)
    # Another name the article gives a person ('known to everyone as Tolly'), lower case -> the name it follows.
    _aliases: dict[str, str] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self._quote_starts = [start for start, _ in self.quoted]
        # Sentences of narration: a quotation that runs over several sentences is one step of the article's telling,
        # so how far back a pronoun or a description looks does not shrink with the length of a quotation.
        self.sentence_starts = [s.start_char for s in self.doc.sents if not self._in_quote(s.start_char)]
        people: list[tuple[Span, str]] = []
        lone: list[tuple[Span, str]] = []
        for ent in self.doc.ents:
            if self._is_ignored(ent.start_char):
                continue  # bylines, datelines and captions name no one who speaks in the article
            if ent.label_ == "ORG":
                self._register_org(ent)
            elif ent.label_ in ("PERSON", "NAME"):
                tokens = [t for t in without_nickname(list(ent)) if t.text not in _POSSESSIVE] or list(ent)
                name = joined_name(strip_titles(tokens))
                if not name:
                    continue
                name = _shared_surname(ent, name)
                (people if len(name.split()) > 1 else lone).append((ent, name))
        self._aliases = self._find_aliases(people, lone)
        # Full names first, so a surname met earlier (a headline) still finds the person introduced later.
        body = {name for ent, name in people if not self._in_headline(ent.start_char)}
        for ent, name in people + lone:
            if self._in_headline(ent.start_char):
                # A title-cased headline runs words into a name ('Ben Carson Defends Himself'): the name the
                # article's body uses is the name.
                name = next((b for b in sorted(body, key=len, reverse=True) if name.startswith(b + " ")), name)
            self._register_person(ent, name)
        self._register_descriptions()
        self._register_documents()

    # --- registration --------------------------------------------------------------------------------
    def _find_aliases(self, people: list[tuple[Span, str]], lone: list[tuple[Span, str]]) -> dict[str, str]:
        """'Ptolemy Garside, known to everyone as Tolly,', 'Fennimore, who has been known as Bix since his school
        days,': the one name in the words a pair of commas sets off after a person's name, set beside it or given
        'as' what the person is known, which is no word of any full name the article gives, nor a place or a date,
        is another name for that person."""
        taken = {w.lower() for _, name in people for w in name.split()}
        aliases: dict[str, str] = {}
        for ent, name in people + lone:
            if ent.end >= len(self.doc) or self.doc[ent.end].text != "," or self._in_quote(ent.start_char):
                continue
            close = next((t for t in self.doc[ent.end + 1 : ent.end + 2 + _ALIAS_REACH] if t.is_punct), None)
            if close is None or close.text != "," or close.is_sent_start:
                continue
            stretch = self.doc[ent.end + 1 : close.i]
            names = [t for t in stretch if t.tag_ == "NNP"]
            if len(names) != 1 or any(t.is_sent_start for t in stretch):
                continue
            alias = names[0]
            # Named, not only mentioned: set beside the name ('Bix to everyone'), or what the person is known or
            # called as ('known as Bix'), not a word a verb or another preposition takes ('played for Corran').
            beside = alias.i == stretch.start and not stretch.start <= alias.head.i < stretch.end  # however parsed
            naming = beside or alias.dep_ in ("appos", "oprd", "attr") or (
                alias.dep_ == "pobj" and (alias.head.lower_ == "as" or _names_by(alias.head))
            )
            if naming and alias.ent_type_ in _ALIAS_TYPES and alias.is_title and alias.lower_ not in taken:
                aliases.setdefault(alias.lower_, name)
        return aliases

    def _in_headline(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.headlines)

    def _is_ignored(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.ignored)

    def _register_org(self, ent: Span) -> None:
        tokens = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")] or list(ent)
        name = clean_name(self.doc[tokens[0].i : tokens[-1].i + 1].text)
        if not name:
            return
        entity = self._org_entity(name, ent.start_char)
        if entity is None:
            entity = Entity(name, "org", "n")
            self.entities.append(entity)
        # 'the metalworkers' union IG Metall': what the organisation is, for a later 'the union said'.
        entity.add(name, ent.start_char, _subject_rank(ent), "n", title_words(ent) | _appositive_words(ent))

    def _register_descriptions(self) -> None:
        """'The ministry said', 'the candidate continued': a subject named by its kind or role is a mention
        of the organisation or person met before, and keeps that one in focus."""
        for tok in tokens_with(self.doc, {DEP: _SUBJECT_DEPS}):
            if tok.dep_ in _SUBJECT_DEPS and (tok.lower_ == "one" or tok.pos_ == "NOUN"):
                self._register_anonymous(tok)
        # 'it was the president who declared that ...': what a cleft or 'be' sets out is the subject of its relative.
        clefted = [t for t in tokens_with(self.doc, {DEP: {"attr"}}) if _subject_of_relative(t)]
        for tok in sorted([*tokens_with(self.doc, {DEP: _SUBJECT_DEPS | {"poss"}}), *clefted], key=lambda t: t.i):
            owner = tok.dep_ == "poss" and tok.pos_ == "NOUN"  # "The president's Pacific roots"
            subject = tok.dep_ in _SUBJECT_DEPS or tok in clefted
            if (not subject and not owner) or tok.ent_type_ or self._in_quote(tok.idx):
                continue
            if tok.lower_ in ("he", "she"):
                # 'In Honolulu, he told leaders ...': the person a subject pronoun means stays in focus for the
                # next one ('"My hope," he said').
                mention = mention_for(tok)
                if mention is not None:
                    name, confidence, unnamed = self._referent(mention)
                    entity = self._entity_named(name) if name and confidence >= 0.7 else None
                    if unnamed is not None and unnamed.definite and unnamed.gender is None and tok.head.dep_ == "ROOT":
                        # 'The president took the stand. He said ...': no name tells the gender of the one the article
                        # keeps calling by a description; the main clause's pronoun that takes them up does.
                        unnamed.gender = mention.gender
                    entity = unnamed or entity
                    if entity is not None and tok.idx not in entity.positions:
                        entity.positions.append(tok.idx)
                        entity.subjects[tok.idx] = 0 if tok.head.dep_ == "ROOT" else 1
                continue
            if tok.pos_ != "NOUN":
                continue
            if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children):
                continue
            if tok.lower_ in ORG_WORDS:
                entity = self._org_named_by(tok.lower_, tok.idx)
                if entity is not None:
                    entity.add(entity.name, tok.idx, 0 if tok.head.dep_ == "ROOT" else 1, "n", frozenset())
                continue
            mention = mention_for(tok)
            if mention is not None and mention.kind == "role" and mention.definite and mention.head not in SPOKES:
                name, _ = self._description(mention, rank=2 if owner else 0)
                if name is None and not owner:
                    # 'Then the president sat down with NBC' with no president named: someone unnamed, whom a later
                    # 'he' or 'the president' means, not the last person named ('after James Comey was fired').
                    entity = Entity(
                        "", "anonymous", mention.gender, set(mention.words - _GENERIC_ROLE_WORDS), definite=True
                    )
                    entity.positions.append(tok.idx)
                    entity.subjects[tok.idx] = 0 if tok.head.dep_ == "ROOT" else 1
                    self.entities.append(entity)

    def _register_anonymous(self, tok: Token) -> None:
        """'One juror, who asked not to be named, said ...': an unnamed person is someone a later 'she' can mean,
        so the pronoun is not handed to the last person the article named."""
        if tok.ent_type_ or self._in_quote(tok.idx) or self._is_ignored(tok.idx):
            return
        if tok.tag_ == "NN" and not any(c.dep_ in ("det", "nummod", "poss", "predet") for c in tok.children):
            return  # a singular noun with no determiner names no one ('veteran' of a misparsed 'veteran suicides')
        if _identified(tok):
            return
        mention = mention_for(tok)
        member = tok.lower_ == "one" and mention is not None and mention.kind in ("pronoun", "role", "group")
        if mention is None or not (member or mention.kind == "role") or mention.definite or mention.head in SPOKES:
            return
        entity = Entity("", "anonymous", None if member else mention.gender)
        entity.positions.append(tok.idx)
        entity.subjects[tok.idx] = 0 if tok.head.dep_ == "ROOT" else 1
        self.entities.append(entity)

    def _register_documents(self) -> None:
        """Documents the article introduces with their issuer, and the documents that are a clause's subject."""
        for tok in document_nouns(self.doc):
            if self._in_quote(tok.idx) or self._is_ignored(tok.idx):
                continue
            if tok.dep_ in _SUBJECT_DEPS:
                self.document_subjects.append(tok)
            issuer = issuer_token(tok)
            if issuer is None or self._in_quote(issuer.idx):
                continue
            mention = mention_for(issuer)
            if mention is None:
                continue
            name, confidence = self.resolve(mention)
            self.documents.append(IssuedDocument(tok.idx, tok.lower_, name if confidence >= 0.5 else None))

    def _document_issuer(
        self, head: str, position: int, window: int = 2, same_kind: bool = False
    ) -> tuple[bool, str | None]:
        """Who issued the document 'the <head>' at `position` means: the latest one introduced before it with
        that head, else the latest of any kind nearby. (False, None) when the article introduced none."""
        here = self._sentence(position)
        reach = max(3, window)
        recent = [d for d in self.documents if d.position < position and here - self._sentence(d.position) <= reach]
        same = [d for d in recent if d.head == head]
        near = [d for d in recent if here - self._sentence(d.position) <= window]
        chosen = same if same_kind else same or near
        return (True, chosen[-1].issuer) if chosen else (False, None)

    def _document_antecedent(self, mention: Mention, organisation: int) -> tuple[bool, str | None]:
        """'The report recommended charges. It said ...': 'it' means the document that was the last subject,
        when no organisation was mentioned after it."""
        here = self._sentence(mention.start)
        for tok in reversed(self.document_subjects):
            if tok.idx >= mention.start:
                continue
            if here - self._sentence(tok.idx) > 1 or tok.idx < organisation:
                return False, None
            owner = issuer_token(tok)
            if owner is not None and (found := mention_for(owner)) is not None:
                return True, self.resolve(found)[0]
            # A document no one is named for is still what 'it' means: nobody named speaks.
            return True, self._document_issuer(tok.lower_, tok.idx + 1, window=6, same_kind=True)[1]
        return False, None

    def _register_person(self, ent: Span, name: str) -> None:
        tokens = list(ent)
        gender = honorific_gender(tokens) or name_gender(name)
        roles = title_words(ent) | _appositive_words(ent)
        subject = _subject_rank(ent)
        candidates = self._people(name, ent.start_char, gender, roles)
        kind = "person" if ent.label_ == "PERSON" or len(name.split()) > 1 else "name"
        if candidates:
            # 'Clinton' with two Clintons in the article: the one in focus, else the one most written about.
            chosen = candidates[0] if len(candidates) == 1 else self._salient(candidates, ent.start_char)
            chosen.add(name, ent.start_char, subject, gender, roles)
            if kind == "person":
                chosen.kind = "person"
            return
        entity = Entity(name, kind, gender)
        entity.add(name, ent.start_char, subject, gender, roles)
        self.entities.append(entity)

    def _people(self, name: str, position: int, gender: str | None, words: frozenset[str]) -> list[Entity]:
        """Person entities `name` can denote, narrowed by gender and role words when several can."""
        parts = name.split()
        found = [e for e in self.entities if e.kind != "org" and same_speaker(name, e.name)]
        if len(parts) == 1:
            # A bare surname the article uses before it names 'Donald Trump Jr.' is not him: the suffix marks a
            # namesake, and the one already called by the surname alone ('President Trump') is the other.
            found = [e for e in found if not (has_generation(e.name) and e.positions and position < min(e.positions))]
            titles = words & PERSON_TITLES
            if titles:
                # 'President Trump phoned in on Melania Trump's birthday': a title and surname the article uses
                # before it names someone in full with that surname is not them, unless they share the title.
                found = [e for e in found if not (e.positions and position < min(e.positions) and not e.roles & titles)]
        if not found and len(parts) == 1 and parts[0].lower() in self._aliases:
            # 'Tolly posted' after 'Ptolemy Garside, known to everyone as Tolly,': the person the alias was given.
            full = self._aliases[parts[0].lower()]
            found = [e for e in self.entities if e.kind == "person" and same_speaker(full, e.name)]
        if not found and len(parts) == 1:
            # A first name alone ('Hillary said'): the entity whose given name it is.
            given = parts[0].lower()
            found = [e for e in self.entities if e.kind == "person" and (_given(e.name) or "") == given]
        if not found and len(parts) == 1 and len(parts[0]) >= 5:
            # A surname misspelled once in the article ('Bryne' for Gary Byrne's); not one spelled the same, which
            # the rules above have already kept or set aside.
            found = [
                e for e in self.entities
                if e.kind == "person" and len(e.name.split()) > 1
                and e.name.split()[-1].lower() != parts[0].lower()
                and fuzz.ratio(e.name.split()[-1].lower(), parts[0].lower()) >= _MISSPELLING
            ]
        if len(found) > 1 and gender:
            found = [e for e in found if e.gender in (None, gender)] or found
        if len(found) > 1 and words - _GENERIC_ROLE_WORDS:
            overlap = [e for e in found if e.roles & (words - _GENERIC_ROLE_WORDS)]
            found = overlap or found
        if len(found) > 1:
            exact = [e for e in found if speaker_key(e.name) == speaker_key(name)]
            found = exact or found
        if len(found) > 1 and len(parts) == 1:
            # Two Gallaghers: the article names the second in full and keeps the bare surname for the one it
            # already called that, or else for the one it introduced first.
            key = speaker_key(name)
            called = [e for e in found if any(p < position and k == key for p, k in e.short)]
            earlier = [e for e in found if any(p < position for p in e.positions)]
            found = called if len(called) == 1 else earlier or found
        return found

    def _salient(self, candidates: list[Entity], position: int) -> Entity:
        here = self._sentence(position)
        recent = [e for e in candidates if any(0 <= here - self._sentence(p) <= 2 for p in e.positions if p < position)]
        frequent = max(candidates, key=lambda e: len(e.positions))
        # A name met once nearby does not outweigh the person the article keeps writing about.
        if len(recent) == 1 and (recent[0] is frequent or len(recent[0].positions) > 1):
            return recent[0]
        return max(recent or candidates, key=lambda e: len(e.positions))

    def _org_entity(self, name: str, position: int) -> Entity | None:
        """The organisation `name` names: the same one, or one whose fuller name contains it."""
        key = set(speaker_key(name.replace("'s", "").replace("\u2019s", "")).split())
        best: Entity | None = None
        for entity in self.entities:
            if entity.kind != "org":
                continue
            words = set(speaker_key(entity.name.replace("'s", "").replace("\u2019s", "")).split())
            matches = same_speaker(name, entity.name) or (key and key <= words)
            if matches and (best is None or len(words) > len(speaker_key(best.name).split())):
                best = entity
        return best

    # --- resolution ----------------------------------------------------------------------------------
    def _in_quote(self, position: int) -> bool:
        k = bisect.bisect_right(self._quote_starts, position) - 1
        return k >= 0 and self.quoted[k][0] <= position < self.quoted[k][1]

    def _sentence(self, position: int) -> int:
        return bisect.bisect_right(self.sentence_starts, position) - 1

    def resolve(self, mention: Mention) -> tuple[str | None, float]:
        """Canonical name for a mention and how sure the resolution is (None when it names no one)."""
        if mention.kind == "pronoun":
            return self._antecedent(mention)
        if mention.kind == "person":
            return self._person(mention)
        if mention.kind == "org":
            return self._organisation(mention)
        if mention.kind == "role" and mention.head in SPOKES and mention.definite:
            # 'the spokeswoman said' after 'The club's spokeswoman, Ana Ruiz, said': the person with that role.
            holder = self._role_holder(mention)
            if holder is not None:
                return holder.name, 0.8
        if mention.kind == "document" and mention.definite:
            known, issued_by = self._document_issuer(mention.head, mention.start)
            if known:
                return issued_by, 0.75 if issued_by else 0.3
        if (mention.kind == "role" and mention.head in SPOKES) or (mention.kind == "document" and mention.definite):
            # 'a spokeswoman added', 'the statement said': the body in focus speaks through them.
            issuer = self._focus(mention.start, self.entities, organisations=mention.kind == "role", window=2)
            return (issuer.name, 0.7) if issuer is not None and issuer.name else (None, 0.3)
        if mention.kind in ("role", "group") and mention.definite and mention.text.split()[-1].islower():
            # 'the collective wrote' after 'the Marrowby Filmmakers' Collective': a body the article named in full,
            # called back by the head noun of its name.
            body = self._named_by_head(mention.head, mention.start)
            if body is not None:
                return body.name, 0.75
            if mention.gender == "p":
                # 'The filmmakers said' after 'the Marrowby Filmmakers' Collective': the members a body is named
                # for speak as that body.
                body = self._named_by_head(mention.head, mention.start, anywhere=True)
                if body is not None:
                    return body.name, 0.7
        if mention.kind == "role" and mention.definite:
            name, confidence = self._description(mention)
            return (name or None), confidence if name else 0.3
        if mention.kind == "group" and self._one_of_a_people(mention):
            # '"We gave away two soft goals," the Portuguese said': a people's name in the singular, with 'the',
            # describes the person the last sentence is about.
            person = self._focus(mention.start, [e for e in self.entities if e.kind == "person"], window=1)
            if person is not None:
                return person.name, 0.6
        return None, 0.3 if mention.kind == "role" else 0.5

    def _one_of_a_people(self, mention: Mention) -> bool:
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) != 1:
            return False
        tok = span[0]
        # 'the Portuguese', 'the Swiss' are one word for one or many; 'the Americans' are many.
        singular = tok.tag_ == "NNP" or not tok.lower_.endswith("s") or tok.lower_.endswith("ss")
        return tok.ent_type_ == "NORP" and singular and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)

    def _role_holder(self, mention: Mention) -> Entity | None:
        """The latest person before the mention whom the article gave its role words."""
        wanted = mention.words - _GENERIC_ROLE_WORDS
        holders = [
            e for e in self.entities
            if e.kind == "person" and e.roles & wanted and any(p < mention.start for p in e.positions)
        ]
        return self._most_recent(holders, mention.start) if holders else None

    def _person(self, mention: Mention) -> tuple[str | None, float]:
        name = mention.name or clean_name(mention.text)
        multiword = len(name.split()) > 1
        candidates = self._people(name, mention.start, mention.gender, mention.words)
        if len(candidates) > 1:
            return self._salient(candidates, mention.start).name, 0.7
        if candidates:
            chosen = candidates[0]
            # A surname the article never gives in full, nor with a title ('Mr. Obama'), is a weaker name.
            if multiword:
                return chosen.name, 0.95
            if len(chosen.name.split()) > 1:
                return chosen.name, 0.9
            return chosen.name, 0.85 if chosen.kind == "person" else 0.75
        return name, 0.95 if multiword else 0.75

    def _organisation(self, mention: Mention) -> tuple[str | None, float]:
        if mention.named and mention.name:
            entity = self._org_entity(mention.name, mention.start)
            return (entity.name if entity is not None else mention.name), 0.95
        # 'the energy company' after 'Orland Energy': a word in front of the kind is a word of the body's name.
        modifiers = frozenset(speaker_key(mention.text).split()) - {mention.head} - _GENERIC_ROLE_WORDS
        found = self._org_named_by(mention.head, mention.start, modifiers)
        if found is None and (mention.head in ORG_KINDS or mention.head not in ORG_WORDS):
            # 'according to the union', 'the cooperative said': a kind of body (by its word, or because the text gives
            # it members), meaning the one the last sentences named.
            found = self._focus(mention.start, self.entities, organisations=True, window=3, any_mention=True)
        if found is None and mention.head in ORG_KINDS:
            # 'Orland Energy posted record profits ... a statement from the company': the tagger took the company
            # for a person, and nothing in the article says it is one (no given name, title, or 'he' or 'she').
            bodies = [e for e in self.entities if self._person_only_by_tag(e)]
            found = self._focus(mention.start, bodies, window=3, any_mention=True)
        return (found.name, 0.75) if found is not None else (None, 0.5)

    def _person_only_by_tag(self, entity: Entity) -> bool:
        if entity.kind != "person" or entity.gender is not None or entity.roles or len(entity.name.split()) < 2:
            return False
        return not any(
            (tok := self._token_at(p)) is not None and tok.lower_ in ("he", "she", "him", "his", "her")
            for p in entity.positions
        )

    def _named_by_head(self, head: str, position: int, anywhere: bool = False) -> Entity | None:
        """The latest organisation named before `position` whose name ends in `head` ('Collective' of 'Marrowby
        Filmmakers' Collective'), or with `anywhere`, holds it ('Filmmakers')."""
        named = [
            (max((p for p in e.positions if p < position), default=-1), e) for e in self.entities
            if e.kind == "org" and (head in speaker_key(e.name).split() if anywhere
                                    else speaker_key(e.name).split()[-1:] == [head])
        ]  # fmt: skip
        named = [(p, e) for p, e in named if p >= 0]
        return max(named, key=lambda pe: pe[0])[1] if named else None

    def _org_named_by(self, head: str, position: int, modifiers: frozenset[str] = frozenset()) -> Entity | None:
        """The latest organisation before `position` that `head` ('ministry', 'union') describes, or whose name
        holds one of the description's `modifiers` ('energy' of 'the energy company') or its word in another form
        ('Insurance' of 'the insurer')."""
        best: tuple[int, Entity] | None = None
        for entity in self.entities:
            words = speaker_key(entity.name).split()
            named_by_modifier = bool(modifiers & set(words)) or _stem_in(head, words)
            # The tagger takes some companies for people ('Orland Energy'); one that no given name or form of address
            # shows to be a person is what 'the energy company' describes.
            maybe_org = named_by_modifier and entity.gender is None and entity.kind != "anonymous"
            if entity.kind != "org" and not maybe_org:
                continue
            described = head in words or head in entity.roles or named_by_modifier
            if not described and not (head in ORG_WORDS and any(w in INSTITUTIONS for w in words)):
                continue
            before = [p for p in entity.positions if p < position]
            if before and (best is None or before[-1] > best[0]):
                best = (before[-1], entity)
        return best[1] if best else None

    def _most_recent(self, candidates: list[Entity], position: int) -> Entity:
        def last_before(entity: Entity) -> tuple[int, int]:
            before = [p for p in entity.positions if p < position]
            return (before[-1] if before else -1, len(entity.positions))

        return max(candidates, key=last_before)

    def _description(self, mention: Mention, rank: int = 0) -> tuple[str | None, float]:
        """'the Kentucky Republican', 'the former governor': a role the article gave someone, or the focus."""
        wanted = mention.words - _GENERIC_ROLE_WORDS
        people = [e for e in self.entities if e.kind != "org" and any(p < mention.start for p in e.positions)]
        people = [e for e in people if mention.gender is None or e.gender in (None, mention.gender)]
        # A description that names someone as its modifier ('the Rovers head coach', 'the Trump adviser') or as the
        # owner of its role ('the chief executive of Calderbrook Water') describes another than the one it names.
        named = wanted | self._owner_words(mention)
        people = [e for e in people if not named & set(speaker_key(e.name).split())]
        # A word that makes an office another one ('shadow', 'deputy') must be theirs too: 'the shadow foreign
        # secretary' is not the Foreign Secretary.
        # An owner named in the description ("Lumora's chief executive") must be in the role on record: the
        # hospital's chief executive is not Lumora's.
        owner = {role_word(w) for w in _NAMED_OWNER.findall(mention.text)}
        scored = [
            (len(e.roles & wanted), e) for e in people
            if e.roles & wanted and not (wanted & _OTHER_OFFICE) - e.roles and owner <= e.roles
            and not (e.roles & _LESSER_OFFICE) - wanted
        ]  # fmt: skip
        if scored:
            top = max(s for s, _ in scored)
            best = self._most_recent([e for s, e in scored if s == top], mention.start)
            self._described(best, mention, rank=rank)
            return best.name, 0.8
        # No role on record: a definite description names the person the last sentences are about, unless they hold
        # the office without the word that makes it another ('the shadow foreign secretary' of the Foreign Secretary).
        other = wanted & _OTHER_OFFICE
        people = [e for e in people if not (other - e.roles and e.roles & (wanted - other))]
        # A guess: the subject of a main clause first ('Trump announced that Manafort would ...'), else of a clause
        # reported ('the commission found that Akinde had taken ...'), never one that only sets the scene.
        focus = self._focus(mention.start, people, window=_DESCRIPTION_SENTENCES, clauses="main") or self._focus(
            mention.start, people, window=_DESCRIPTION_SENTENCES, clauses="asserted"
        )
        if focus is None:
            # No one in focus: the one the article names in the next sentence, or gives the role later by name beside
            # it ('by the convener's count' before 'the convener, Seonaid Sinclair,').
            introduced = self._introduced_next(mention) or self._given_role_later(mention, wanted)
            if introduced is None:
                return None, 0.3
            self._described(introduced, mention, learn=False, rank=rank)
            return introduced.name, 0.6
        self._described(focus, mention, rank=rank)
        return focus.name, 0.6

    def _owner_words(self, mention: Mention) -> frozenset[str]:
        """The name words of what a description's role is of ('Calderbrook Water' of 'the chief executive of
        Calderbrook Water')."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return frozenset()
        words: set[str] = set()
        for prep in span.root.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        words.update(t.lower_ for t in obj.subtree if t.pos_ == "PROPN")
        return frozenset(speaker_key(" ".join(words)).split()) if words else frozenset()

    def _given_role_later(self, mention: Mention, wanted: frozenset[str]) -> Entity | None:
        """The one person first named after the mention whom the article gives every word of its role."""
        later = [
            e for e in self.entities
            if e.kind == "person" and wanted and wanted <= e.roles and not any(p < mention.start for p in e.positions)
        ]  # fmt: skip
        return later[0] if len(later) == 1 else None

    def _introduced_next(self, mention: Mention) -> Entity | None:
        """'..., the head of the clinic said. Dr Ana Lim has run it since 2019': a description with no one before it
        to mean names the one person the next sentence introduces as its main subject, named there for the first
        time, unless the article gives that person another role."""
        here = self._sentence(mention.start)
        wanted = mention.words - _GENERIC_ROLE_WORDS
        introduced = [
            e for e in self.entities
            if e.kind == "person" and mention.gender in (None, e.gender)
            and not any(p < mention.start for p in e.positions)
            and (not e.roles - _FORMS_OF_ADDRESS or e.roles & wanted)
            and any(rank == 0 and self._sentence(p) == here + 1 and not self._in_quote(p)
                    for p, rank in e.subjects.items())
        ]  # fmt: skip
        return introduced[0] if len(introduced) == 1 else None

    def _described(self, entity: Entity, mention: Mention, learn: bool = True, rank: int = 0) -> None:
        """A description is a mention of the person it means; when it matched their roles, its other words
        ('the Vermont senator') are roles of theirs too. A guess from focus teaches nothing."""
        if mention.start not in entity.positions:
            entity.positions.append(mention.start)
            if rank < 2:
                entity.subjects[mention.start] = rank
        if learn:
            entity.roles |= mention.words

    def _focus(
        self,
        position: int,
        candidates: list[Entity],
        organisations: bool = False,
        window: int = _FOCUS_SENTENCES,
        any_mention: bool = False,
        clauses: Literal["any", "main", "asserted"] = "any",
    ) -> Entity | None:
        """Whom the last sentences are about: the latest clause subject or speaker among `candidates` (with
        `any_mention`, the latest mention at all). `clauses` narrows the subjects to those of main clauses, or of
        clauses the sentence asserts or reports (not one that sets the scene: 'after Comey was fired')."""
        here = self._sentence(position)
        best: tuple[int, Entity] | None = None
        for entity in candidates:
            if organisations and entity.kind != "org":
                continue
            for p in entity.positions if any_mention else entity.subjects:
                if not any_mention and entity.subjects[p] != 0 and (
                    clauses == "main" or (clauses == "asserted" and self._backgrounded(p))
                ):
                    continue
                if self._in_quote(p) or p >= position or not 0 <= here - self._sentence(p) <= window:
                    continue
                if entity.kind == "name" and self._labels_line(p):
                    continue  # 'Verdict: False.': a field's label, no one in focus
                if best is None or p > best[0]:
                    best = (p, entity)
        for p, name in self.speakers:
            spoke = self._entity_named(name)
            if spoke is None or spoke not in candidates or p >= position or (organisations and spoke.kind != "org"):
                continue
            if 0 <= here - self._sentence(p) <= window and (best is None or p > best[0]):
                best = (p, spoke)
        return best[1] if best else None

    def resolve_name(self, name: str, position: int) -> tuple[str, float]:
        """A name given as a label ('Ramos' from 'RAMOS:'): the person it denotes in the article, else itself."""
        candidates = self._people(name, position, None, frozenset())
        if len(candidates) == 1:
            return candidates[0].name, 0.85
        if candidates:
            return self._salient(candidates, position).name, 0.7
        return name, 0.8

    def person_named(self, name: str, after: int) -> str | None:
        """The person the article calls `name` and names again from `after` on (a headline's 'Christie')."""
        candidates = [
            e for e in self._people(name, after, None, frozenset())
            if e.kind == "person" and any(p >= after for p in e.positions)
        ]
        return self._salient(candidates, after).name if candidates else None

    def interviewee(self, before: int) -> tuple[str, float] | None:
        """Whose a Q&A's answers are, and how surely: the person the article is most about, surely when it is also
        the one person the article names before its first question (in its headline or introduction); a word
        taken for a name there ('Bay Radio') or a second person leaves it a guess."""
        main = self.main_person()
        if main is None:
            return None
        named = [e for e in self.entities if e.kind == "person" and any(p < before for p in e.positions)]
        # The one of them the introduction makes the subject of its main clause ('Margaret Ashdown, chair of the
        # club, answered our questions') is the one introduced, however often the questions name a place the tagger
        # took for a person ('Why leave Wharf Lane?'); a host named beside them ('with host Bryn Talley') is not.
        subjects = [
            e for e in named if any(p < before and rank == 0 and not self._joined(p) for p, rank in e.subjects.items())
        ]
        if len(subjects) == 1:
            return subjects[0].name, INTRODUCED_INTERVIEWEE
        introduced = len(named) == 1 and named[0].name == main
        return main, INTRODUCED_INTERVIEWEE if introduced else GUESSED_INTERVIEWEE

    def _asked_about(self, position: int, pronoun: int) -> bool:
        """'Asked about Kanye West's praise, he said': a name inside a participle with no subject of its own, set
        before the clause whose subject is the pronoun, is what that subject was asked or told about, not them."""
        name, subject = self._token_at(position), self._token_at(pronoun)
        if name is None or subject is None or subject.dep_ not in _SUBJECT_DEPS:
            return False
        # The parser may hang the participle anywhere in the sentence (on a verb of the quotation after it).
        return any(
            c.dep_ == "advcl" and c.tag_ == "VBN" and c.i < name.i < subject.i and name in c.subtree
            and not any(g.dep_ in _SUBJECT_DEPS for g in c.children)
            for c in subject.sent
        )

    def _backgrounded(self, position: int) -> bool:
        """The subject at `position` is in a clause that sets the scene or describes a noun ('two days after James
        Comey was fired', 'the bill that Ward wrote'), not in what the sentence asserts or reports ('the commission
        found that Akinde had taken ...')."""
        tok = self._token_at(position)
        if tok is None:
            return True
        return any(a.dep_ in _BACKGROUND_DEPS for a in tok.ancestors)

    def _in_own_clause(self, position: int, pronoun: int) -> bool:
        """'Of Comey he said', 'On his meeting with Putin he offered': a name in a phrase of the verb whose subject
        is the pronoun, with no clause of its own subject between, is another than the pronoun's person (a pronoun
        does not mean a name its own clause holds)."""
        name, subject = self._token_at(position), self._token_at(pronoun)
        if name is None or subject is None or subject.dep_ not in _SUBJECT_DEPS or name.sent != subject.sent:
            return False
        verb = subject.head
        node, governed = name, False
        while node.i != verb.i:
            if node.dep_ in _CLAUSE_DEPS and any(c.dep_ in _SUBJECT_DEPS for c in node.children):
                return False  # 'After Smith lost, he said': a clause with its own subject
            if node.head.i == node.i:
                return False  # the sentence's root, above the verb: not in its clause
            governed = governed or node.dep_ in _GOVERNED_DEPS
            node = node.head
        # A name set before the clause with nothing governing it ('Kamala Harris, on policing: she required ...') is
        # the topic the pronoun takes up.
        return governed

    def _reported_in(self, position: int, pronoun: Mention) -> bool:
        """'Free Buses for All, he said, would cost nothing': a name in the clause a parenthetical report interrupts
        is what the pronoun's report is about, not who reports it."""
        name, subject = self._token_at(position), self._token_at(pronoun.start)
        if name is None or subject is None or subject.dep_ not in _SUBJECT_DEPS or subject.head.dep_ != "parataxis":
            return False
        report = subject.head
        return name in report.head.subtree and name not in report.subtree

    def _addressed(self, position: int) -> bool:
        """'Thank you, Madam Mayor.', 'Jim, I think ...': a name set off by a comma as the clause's loose noun is
        the one spoken to, 'you', not someone a later 'she' means."""
        ent = self._ent_at(position)
        if ent is None or ent.root.dep_ != "npadvmod":
            return False
        before = self.doc[ent.start - 1].text if ent.start > 0 else ""
        after = self.doc[ent.end].text if ent.end < len(self.doc) else ""
        return before == "," or after == ","

    def _labels_line(self, position: int) -> bool:
        """The word at `position` opens its line or sentence and a colon follows it ('Verdict: False.')."""
        tok = self._token_at(position)
        if tok is None or tok.i + 1 >= len(self.doc) or self.doc[tok.i + 1].text != ":":
            return False
        return tok.is_sent_start or tok.idx == 0 or self.doc.text[tok.idx - 1] == "\n"

    def _token_at(self, position: int) -> Token | None:
        span = self.doc.char_span(position, position + 1, alignment_mode="expand")
        return span[0] if span is not None else None

    def _ent_at(self, position: int) -> Span | None:
        """The named entity holding the character at `position`, if any."""
        tok = self._token_at(position)
        return entity_at(tok) if tok is not None else None

    def _joined(self, position: int) -> bool:
        """The name at `position` is one of several joined subjects ('Idris Okafor and Fenella Drake run ...')."""
        token = self._token_at(position)
        if token is None:
            return False
        while token.dep_ in ("compound", "flat") and token.head.i != token.i:
            token = token.head
        return token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children)

    def main_person(self) -> str | None:
        """The person the article is most about (the one a Q&A's answers come from)."""
        people = [e for e in self.entities if e.kind == "person"]
        return max(people, key=lambda e: len(e.positions)).name if people else None

    def remember(self, position: int, name: str) -> None:
        """Record that `name` spoke at `position`, for later pronouns and follow-ups."""
        self.speakers.append((position, name))

    def mere_word(self, name: str) -> bool:
        """A lone capitalised word, written once and never credited with words ('Recruitment has collapsed:'): it may
        be no one at all."""
        entity = self._entity_named(name)
        spoken = any(n == name for _, n in self.speakers)
        return entity is not None and entity.kind == "name" and len(entity.positions) < 2 and not spoken

    def _entity_named(self, name: str) -> Entity | None:
        if not name:
            return None
        for entity in self.entities:
            if entity.name == name:
                return entity
        return None

    def _antecedent(self, mention: Mention) -> tuple[str | None, float]:
        """The nearest compatible entity's name, preferring subjects, in the sentences before the pronoun."""
        name, confidence, _ = self._referent(mention)
        return name, confidence

    def _referent(self, mention: Mention) -> tuple[str | None, float, Entity | None]:
        """What `_antecedent` gives, with the unnamed one chosen when the pronoun means someone unnamed."""
        wanted = mention.gender
        if wanted is None or wanted == "s":
            return None, 0.0, None
        here = self._sentence(mention.start)
        # (sentence distance, subject rank, -position, entity): nearest sentence first, main subjects first in it.
        found: list[tuple[int, int, int, Entity]] = []
        # A lone word that may not be a person at all ranks after every person in its sentence.
        # A lone word that labels a line or sentence ('Verdict: False.') names a field, not someone a pronoun looks
        # back to.
        mentions = [
            (p, e, e.subjects.get(p, 2) + (3 if e.kind == "name" else 0))
            for e in self.entities
            for p in e.positions
            if not self._in_quote(p) and not (e.kind == "name" and self._labels_line(p)) and not self._addressed(p)
        ]
        spoke = [(p, e, 0) for p, n in self.speakers if (e := self._entity_named(n)) is not None]
        for position, candidate, rank in mentions + spoke:
            distance = here - self._sentence(position)
            if distance == 0 and (
                self._asked_about(position, mention.start) or self._reported_in(position, mention)
                or self._in_own_clause(position, mention.start)
            ):
                continue
            if position < mention.start and distance <= _PRONOUN_SENTENCES and _compatible(candidate, wanted):
                found.append((distance, rank, -position, candidate))
        if wanted == "n":
            # Only an organisation that is a clause's subject competes with the document for 'it'.
            organisation = max((-f[2] for f in found if f[1] < 2), default=-1)
            known, issuer = self._document_antecedent(mention, organisation)
            if known:
                return issuer, 0.6 if issuer else 0.3, None
        if not found:
            return None, 0.0, None
        # A lone word that may not be a person counts as a sentence farther than a person. Someone unnamed of no
        # known gender ('A fan account says ...') ranks after a person the pronoun agrees with ('... Anna Dahlberg
        # confirmed that her driver ...'): the agreement is evidence, the unnamed one's subject place is not more.
        # Between two of one rank, the one the pronoun agrees with comes first.
        agrees = any(f[3].gender == wanted for f in found)

        def unsure(entity: Entity) -> int:
            return 1 if agrees and entity.kind == "anonymous" and entity.gender is None else 0

        found.sort(key=lambda f: (f[0] + (1 if f[3].kind == "name" else 0), unsure(f[3]), f[1],
                                  f[3].gender != wanted, f[2]))  # fmt: skip
        distance, _, _, chosen = found[0]
        if chosen.kind == "name" and distance > 1:
            return None, 0.0, None  # a lone word that may not be a person at all, sentences away
        if chosen.kind == "anonymous":
            return None, 0.3, chosen  # 'she' after 'one juror, who asked not to be named': no one named
        rivals = {f[3].name for f in found if f[0] == distance and f[3] is not chosen}
        if wanted in ("n", "p"):
            return chosen.name, 0.7, None
        return chosen.name, 0.85 if not rivals else 0.7, None


def _names_by(preposition: Token) -> bool:
    """'who answers to Tolly', 'who goes by Bix': a verb and preposition that give the name one is called by."""
    return (verb_lemma(preposition.head), preposition.lower_) in _NAMED_BY


def _subject_of_relative(tok: Token) -> bool:
    """The noun is the subject of its own relative clause ('the president who declared')."""
    return any(
        c.dep_ == "relcl" and any(g.dep_ in _SUBJECT_DEPS and g.tag_ in ("WP", "WDT") for g in c.children)
        for c in tok.children
    )


def _identified(tok: Token) -> bool:
    """The description is someone the sentence names: through 'be' ('One of Iraq's leading advocates is Safia
    Taleb al-Suhail', 'Safia Taleb al-Suhail is one of them') or beside the name ('one juror, Mary Lind,')."""
    if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ not in ("nsubj", "attr") or head.lower_ not in COPULA:
        return False
    other = "attr" if tok.dep_ == "nsubj" else "nsubj"
    return any(c.dep_ == other and c.ent_type_ == "PERSON" for c in head.children)


def _subject_rank(ent: Span) -> int | None:
    """0 when the name is the subject of its sentence's main verb, 1 of another clause, None when no subject.
    A name in apposition to a subject ('The festival director, Klaus Ebner, said') is that subject."""
    root = ent.root
    if root.dep_ == "poss" and root.head.lower_ in STATEMENT_NOUNS:
        root = root.head  # "Trump's answer on Putin deserved ...": the sentence is about the owner of the words
    # 'One of them, a student named Yusuf Abdullahi, said': the name explains the subject it hangs from.
    for _ in range(3):
        if root.dep_ in _SUBJECT_DEPS or root.dep_ not in ("appos", "oprd", "acl"):
            break
        if root.dep_ == "appos" and root.head.pos_ == "PROPN":
            # A name beside another name ('Lachlan Moyes, chief executive of the sponsor, Brightmoor Cider, said')
            # describes it, or the parse hung it there: the subject is the name it hangs from.
            return None
        root = root.head
    if root.dep_ == "ROOT" and root.pos_ == "PROPN":
        # A line with no verb that names someone ('On the red carpet: Dr Benedikt Hallorann, director of ...') is
        # about them, as a main clause is about its subject.
        return 0
    if root.dep_ not in _SUBJECT_DEPS:
        return None
    return 0 if root.head.dep_ == "ROOT" else 1


def _compatible(entity: Entity, wanted: str) -> bool:
    """Whether a pronoun of gender/number `wanted` can refer to `entity` (it/they: organisations only)."""
    if wanted in ("n", "p"):
        return entity.kind == "org"
    return entity.kind != "org" and entity.gender in (None, wanted)


def _shared_surname(ent: Span, name: str) -> str:
    """'Lena and Katrin Vogt', 'Arthur and Leonard Pace': a first name joined to a full name shares its surname."""
    doc = ent.doc
    if len(name.split()) != 1 or ent.end + 1 >= len(doc) or doc[ent.end].lower_ not in ("and", "&"):
        return name
    partner = doc[ent.end + 1]
    if partner.ent_type_ != "PERSON" or partner.ent_iob_ != "B" or name.lower() not in MALE_NAMES | FEMALE_NAMES:
        return name
    end = partner.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    if end == partner.i:
        return name
    return f"{name} {doc[end].text}"


def _stem(word: str) -> str:
    for ending in _TRADE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


def _stem_in(head: str, words: list[str]) -> bool:
    """A word of a body's name is the description's word in another form ('the insurer' of Harbourline Insurance,
    'the broadcaster' of Northern Broadcasting); not its plural, which names the body's members ('one baker' is
    no Bakers' Union)."""
    stem = _stem(head)
    plural = {head + "s", head + "es"}
    return len(stem) >= _MIN_STEM and any(_stem(word) == stem and word not in plural for word in words)
