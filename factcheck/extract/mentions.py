"""Speaker mentions from the parse: who a reporting verb's subject names, typed and with its titles peeled off."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Span, Token

from factcheck.extract.entities import is_date_word, names_an_office, without_nickname
from factcheck.extract.lexicon import (
    DOCUMENT_NOUNS,
    FEMALE_NAMES,
    HONORIFIC_GENDER,
    INSTITUTIONS,
    MALE_NAMES,
    NAME_PARTICLES,
    ORG_KINDS,
    ORG_WORDS,
    PRONOUN_GENDER,
    ROLE_GENDER,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    SKIP_SUBJECTS,
    STATEMENT_NOUNS,
    TITLE_ABBREVIATIONS,
    TITLES,
    UTTERANCE_VERBS,
)
from factcheck.extract.tags import verb_lemma
from factcheck.names import is_name_suffix, is_title

# Words peeled off the front of a name: titles, and the modifiers of a role ('Senior Scientist').
_PEELED = TITLES | ROLE_MODIFIERS
MentionKind = Literal["person", "org", "pronoun", "role", "group", "place", "document"]
_EDGE_MARKS = " .,'\u2019\""
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Finite verb tags: a verb that has (or lacks) a subject of its own.
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
# How the parse sometimes hangs a sentence's subject name on its verb ('Osterby' as an adverb of 'conceded').
_MODIFIER_DEPS = frozenset({"advmod", "npadvmod", "compound", "nmod", "dep"})
_NOUN_LEFT_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "flat", "quantmod", "npadvmod"})
_DEFINITE = frozenset({"the", "this", "that"})
_POSSESSIVE = frozenset({"'s", "\u2019s"})
_HYPHENS = frozenset({"-", "\u2010", "\u2011"})
# Words of a description that say nothing about who is meant.
_UNINFORMATIVE = frozenset({"the", "a", "an", "of", "for", "from", "and", "'s", "\u2019s", "then", "now", "top"})
# People who speak for a body ('a White House official', 'a spokeswoman'): the body is the speaker.
SPOKES = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative", "official", "officials", "aide",
     "aides", "spokesmen", "spokeswomen"}
)
# Abbreviated titles that are also name particles without their full stop ('Del. Marcia Price', 'del Toro').
_DOTTED_TITLES = frozenset({"del.", "ald.", "asst.", "assem."})
# Verbs whose subject issues the document they take ('released a statement saying ...').
ISSUING_VERBS = frozenset(
    {"issue", "release", "publish", "post", "send", "write", "put", "tweet", "file", "run", "present", "prepare",
     "sign", "submit", "produce", "draft", "author"}
)
# 'one of the prosecutors', 'One in three', 'four out of 10': a part of a group.
_SHARE_PREPS = frozenset({"of", "in", "out"})
_AGE = re.compile(r"^\d{1,3}-year-old$")


def clean_name(text: str) -> str:
    """A name without surrounding quotes, commas and sentence full stop; 'Jr.' and initials keep theirs."""
    name = text.strip(_EDGE_MARKS)
    last = name.split()[-1].lower() if name.split() else ""
    if text.rstrip(_EDGE_MARKS.replace(".", "")).endswith(".") and (is_name_suffix(last) or len(last) == 1):
        name += "."
    return re.sub(r"\s*([-\u2010\u2011])\s*", r"\1", name)


def role_word(word: str) -> str:
    """A description word in the form descriptions are compared in ('Sen.' -> 'senator')."""
    word = word.lower().rstrip(".")
    return TITLE_ABBREVIATIONS.get(word, word)


def description_words(tokens: list[Token]) -> frozenset[str]:
    """The informative words of a description, normalised."""
    return frozenset(
        role_word(t.text) for t in tokens if not t.is_punct and role_word(t.text) not in _UNINFORMATIVE
    )


@dataclass(frozen=True)
class Mention:
    """A speaker mention in the cleaned text.

    `name` is the name the words give (titles peeled, an organisation with its owner); `words` are the
    informative words of a description ('the former governor') or of the titles in front of a name.
    """

    start: int
    end: int
    text: str
    kind: MentionKind
    gender: str | None = None
    named: bool = False
    head: str = ""
    definite: bool = False
    name: str | None = None
    words: frozenset[str] = field(default_factory=frozenset)


def _is_particle(tok: Token) -> bool:
    return tok.lower_ in NAME_PARTICLES or (tok.text in _HYPHENS and not tok.whitespace_)


def strip_titles(tokens: list[Token]) -> list[Token]:
    """Drop role words in front of a name: 'White House press secretary Jen Psaki' -> 'Jen Psaki'."""
    if not tokens:
        return tokens
    # Particles ('von der', 'al-') are lowercase but part of the name.
    last_lower = max((i for i, t in enumerate(tokens) if t.text[:1].islower() and not _is_particle(t)), default=-1)
    kept = tokens[last_lower + 1 :] or tokens[-1:]
    while len(kept) > 1 and (kept[0].lower_.rstrip(".") in _PEELED or kept[0].lower_ in _DOTTED_TITLES):
        # A modifying title takes the role noun after it ('Chief Engineer Priya Ramsden'), whatever the noun, as
        # long as a given name and a surname are left.
        modifies = kept[0].lower_ in ROLE_MODIFIERS and len(kept) > 3 and _role_word(kept[1])
        kept = kept[2:] if modifies else kept[1:]
    while len(kept) > 2 and _agent_noun(kept[0]) and not _role_word(kept[1]) and kept[1].text[:1].isupper():
        # 'Striker Tom Bell', 'Winger Ana Silva': a role noun in front of a given name ('Cornell William Brooks' is
        # all name: 'Cornell' is no noun of a role).
        kept = kept[1:]
    first = kept[0]
    before = first.doc[first.i - 1] if first.i > 0 else None
    if before is not None and before.lower_ in ROLE_MODIFIERS and before.text[:1].isupper() and len(kept) > 2:
        kept = kept[1:] if _role_word(first) else kept  # the span began after the modifying title
    while len(kept) > 1 and (kept[-1].dep_ == "case" or kept[-1].text in _POSSESSIVE):
        kept = kept[:-1]
    return kept


_AGENT_SUFFIX = re.compile(r"(?:er|or|ist|ian|ant|ent)s?$")


def _agent_noun(tok: Token) -> bool:
    """A role noun, by the lexicon or by the suffix that makes a noun of a doer ('striker', 'winger',
    'midfielder', 'economist'), and not a given name."""
    return _role_word(tok) and (tok.lower_ in ROLE_NOUNS or bool(_AGENT_SUFFIX.search(tok.lower_)))


def _role_word(tok: Token) -> bool:
    """A capitalised word after a modifying title that is not a given name: the role it modifies."""
    lower = tok.lower_
    return tok.text[:1].isupper() and lower not in MALE_NAMES and lower not in FEMALE_NAMES


def honorific_gender(tokens: list[Token]) -> str | None:
    """'m'/'f' from an honorific in or just before a name ('Mrs. Clinton')."""
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
    if first in MALE_NAMES and first not in FEMALE_NAMES:
        return "m"
    if first in FEMALE_NAMES and first not in MALE_NAMES:
        return "f"
    return None


def entity_at(tok: Token) -> Span | None:
    """The named entity `tok` belongs to, if any."""
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


def joined_name(tokens: list[Token]) -> str:
    """The name the tokens spell, skipping any left out between them (a nickname)."""
    return clean_name(" ".join(t.text for t in tokens))


def _text(tokens: list[Token]) -> str:
    # Span.text joins only the span's tokens; Doc.text would rebuild the whole article on every call.
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text


def _mention(tokens: list[Token], kind: MentionKind, **extra: object) -> Mention:
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    return Mention(start, end, _text(tokens), kind, head=tokens[-1].lower_, **extra)  # type: ignore[arg-type]


def title_words(ent: Span) -> frozenset[str]:
    """Role words written in front of a name ('Senate Majority Leader', 'former Gov.')."""
    doc = ent.doc
    words: list[Token] = []
    k = ent.start - 1
    while k >= 0 and ent.start - k <= 6:
        tok = doc[k]
        if tok.text in _HYPHENS and k > 0 and doc[k - 1].is_alpha:
            k -= 1  # 'Vice-Chancellor': one title in two words
            continue
        if tok.is_punct or tok.lower_ in ("the", "a", "an") or tok.dep_ == "case":
            break
        if not (tok.lower_.rstrip(".") in TITLES or tok.lower_ in ROLE_NOUNS or tok.dep_ in ("compound", "amod")):
            break
        words.append(tok)
        k -= 1
    return description_words(words)


def _named(tok: Token, ent: Span) -> Mention | None:
    tokens = [t for t in without_nickname(list(ent)) if not (t.i == ent.start and t.lower_ == "the")] or list(ent)
    label = ent.label_
    if label == "GPE":
        return _mention(tokens, "place", named=True)
    if label == "NORP":
        return _role(tok, ent)
    if label == "ORG" or any(t.lower_ in ORG_WORDS or t.lower_ in INSTITUTIONS for t in tokens):
        name = clean_name(_text(tokens))
        return _mention(tokens, "org", named=True, gender="n", name=name)
    peeled = strip_titles([t for t in tokens if t.dep_ != "case" and t.text not in _POSSESSIVE] or tokens)
    gender = honorific_gender(peeled) or name_gender(_text(peeled))
    words = title_words(ent) | description_words([t for t in tokens if t not in peeled])
    name = joined_name(peeled)
    return _mention(peeled, "person", named=True, gender=gender, name=name, words=words)


def _role(tok: Token, ent: Span | None = None) -> Mention | None:
    """A description of a person ('the Kentucky Republican', 'a spokesman'), a group, or a plain thing."""
    left = [c for c in tok.lefts if c.dep_ in _NOUN_LEFT_DEPS]
    first = min([tok.i] + [c.left_edge.i for c in left] + ([ent.start] if ent is not None else []))
    tokens = [t for t in tok.doc[first : tok.i + 1] if not t.is_punct or t.text == "%"]
    determiner = tokens[0].lower_ if tokens else ""
    definite = determiner in _DEFINITE or any(t.dep_ == "poss" for t in tokens)
    while tokens and tokens[0].lower_ in ("the", "a", "an", "this", "that", "another", "one"):
        if len(tokens) > 1 and tokens[1].lower_ in _SHARE_PREPS:
            break  # 'One in four nurses' is a share, not 'in four nurses'
        tokens = tokens[1:]
    tokens = tokens or [tok]
    head = tok.lower_
    if head in DOCUMENT_NOUNS:
        return _document(tok, tokens, definite)
    plural = tok.tag_ in ("NNS", "NNPS") or (head.endswith("s") and head.rstrip("s") in ROLE_NOUNS)
    if plural:
        return _mention(tokens, "group", gender="p", definite=definite)
    demonym = tok.pos_ == "PROPN" and tok.text[:1].isupper() and definite
    # 'the maestra said', 'one juror said': a singular noun that speaks, and is no document or body, is a person.
    speaks = tok.dep_ == "nsubj" and tok.tag_ == "NN" and verb_lemma(tok.head) in UTTERANCE_VERBS
    if speaks and head in ORG_KINDS:
        return _mention(tokens, "org", gender="n", definite=definite)  # 'the insurer said': a kind of body speaks
    if speaks and head not in ROLE_NOUNS and not _a_person(tok) and (has_members(tok) or _speaks_of_itself_as_it(tok)):
        # 'the cooperative said' after "the cooperative's chair", or 'the cooperative said it is ...': a body that
        # has people in roles, or that its own report calls 'it', speaks as itself.
        return _mention(tokens, "org", gender="n", definite=definite)
    if (
        head in ROLE_NOUNS or head in SPOKES or demonym or speaks or _AGE.match(_text(tokens).split()[-1].lower())
        or (not plural and _set_beside_a_name(tok))
    ):
        words = description_words(tokens)
        return _mention(tokens, "role", gender=ROLE_GENDER.get(head), definite=definite, words=words)
    # 'the report', 'a statement': a document or thing, never a person ('the collective' may be a body named before).
    return _mention(tokens, "group", definite=definite)


def _set_beside_a_name(noun: Token) -> bool:
    """'the convener, Seonaid Sinclair,', 'Seonaid Sinclair, the convener,': a noun the text sets beside a person's
    name anywhere is a role someone holds, whatever the word (as `has_members` reads a body from the text)."""
    # Read from the people's names, far fewer than the words: every article noun that is not a role asks this.
    for person in (tok for ent in noun.doc.ents if ent.label_ == "PERSON" for tok in ent):
        beside = [c for c in person.children if c.dep_ == "appos"]
        if person.dep_ == "appos":
            beside.append(person.head)
        if any(tok.lower_ == noun.lower_ and tok.tag_ == "NN" for tok in beside):
            return True
    return False


def _a_person(noun: Token) -> bool:
    """'one baker, who asked not to be named': a noun counted as one, or described by 'who', is a person."""
    if any(c.dep_ == "nummod" and c.lower_ == "one" for c in noun.children):
        return True
    return any(
        c.dep_ == "relcl" and any(g.lower_ in ("who", "whom", "whose") for g in c.children) for c in noun.children
    )


def _speaks_of_itself_as_it(noun: Token) -> bool:
    """The speaker's own report refers back to it as a thing: 'its members', or 'it' as the subject of what it
    says ('the cooperative said it is on the verge ...'), not an 'it' that stands for a clause after it ('said it
    was too early to tell') or for nothing ('said it would rain')."""
    verb = noun.head
    for tok in verb.subtree:
        if tok.i <= noun.i or tok.lower_ not in ("it", "its", "itself"):
            continue
        if tok.lower_ != "it":
            return True
        clause = tok.head
        extraposed = any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > tok.i for c in clause.children)
        if tok.dep_ == "nsubj" and clause.i != verb.i and not extraposed:
            # An agent acting on something ('it has cut 40 jobs'), or in a state ('it is on the verge of ...'); a
            # predicate adjective or noun ('it was cold', 'it was a fine evening') may describe the scene.
            acts = clause.pos_ == "VERB" and any(c.dep_ in ("dobj", "prep", "dative") for c in clause.children)
            placed = clause.pos_ == "AUX" and any(c.dep_ == "prep" for c in clause.children)
            return acts or placed
    return False


def has_members(noun: Token) -> bool:
    """Whether the text gives people roles in what `noun` names ("the cooperative's chair", 'the secretary of the
    cooperative'): a body, not a person, whatever the word."""
    for tok in noun.doc:
        if tok.lemma_.lower() != noun.lemma_.lower() or tok.i == noun.i:
            continue
        owner_of = tok.head if tok.dep_ == "poss" else None
        if tok.dep_ == "pobj" and tok.head.lower_ == "of":
            owner_of = tok.head.head
        if owner_of is not None and owner_of.lower_ in ROLE_NOUNS | SPOKES:
            return True
    return False


def _document(tok: Token, tokens: list[Token], definite: bool) -> Mention:
    """"Ivana Trump's brief", 'a Reuters survey', 'the statement': the issuer, when the words name one."""
    owner = document_author(tok)
    if owner is not None and owner.lower_ not in ("its", "their", "his", "her"):
        issuer = mention_for(owner)
        if issuer is not None and issuer.kind in ("person", "org"):
            return issuer
    return _mention(tokens, "document", definite=definite or owner is not None)


def document_author(noun: Token) -> Token | None:
    """Who a document's own phrase says wrote it: its owner ("Ivana Trump's brief", 'a Reuters survey'), or
    'a letter from X', 'a report by X', 'prepared by X', 'signed by X'."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.lefts:
        if child.dep_ == "compound" and entity_at(child) is not None:
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "acl":
            for agent in child.children:
                if agent.dep_ == "agent":
                    return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def _organisation(tok: Token) -> Mention | None:
    """'the ministry', "Trump's campaign", 'a State Department spokesman', 'a spokesman for the agency'."""
    head = tok.lower_
    # "Japan's Foreign Ministry" is named by its owner; 'the country's meteorological department' is not.
    owner = next((c for c in tok.children if c.dep_ == "poss" and (c.pos_ == "PROPN" or entity_at(c))), None)
    named_parts = [c for c in tok.lefts if c.dep_ == "compound" and c.ent_type_ in ("ORG", "PERSON", "NAME")]
    if head in SPOKES:
        target = next((entity_at(c) for c in named_parts if entity_at(c) is not None), None)
        if target is None:
            for prep in tok.rights:
                if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at"):
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if pobj is not None and (
                        entity_at(pobj) is not None or pobj.lower_ in ORG_WORDS or pobj.pos_ == "PROPN"
                    ):
                        # 'a spokesperson for Orland', 'a spokeswoman for the senator's office': the body or the
                        # person the spokesperson speaks for.
                        found = mention_for(pobj)
                        return found if found is not None and found.kind in ("org", "person") else None
            return None
        if target.label_ == "ORG":
            tokens = list(target)
            return _mention(tokens, "org", named=True, gender="n", name=clean_name(_text(tokens)))
        return None
    if head not in ORG_WORDS:
        return None
    left = [c for c in tok.lefts if c.dep_ in _NOUN_LEFT_DEPS]
    first = min([tok.i] + [c.left_edge.i for c in left])
    tokens = [t for t in tok.doc[first : tok.i + 1] if not t.is_punct and t.lower_ not in ("the", "a", "an")]
    if not tokens:
        return None
    named = owner is not None or bool(named_parts)
    name = clean_name(_text(tokens)) if named else None
    return _mention(tokens, "org", named=named, gender="n", name=name)


def mention_for(tok: Token) -> Mention | None:
    """The speaker mention headed by subject token `tok`, titles and appositives peeled off."""
    owner = next((c for c in tok.children if c.dep_ == "poss"), None) if tok.lower_ in STATEMENT_NOUNS else None
    if owner is not None:
        # "Trump's answer was blunt: '...'", 'Her reply came at once': the words are the owner's.
        return mention_for(owner)
    # A title the tagger takes for a name ('Former Vice President [subject] Joe Biden [apposition]') is explained by
    # the name beside it, as a common noun is, and so is any capitalised word that names no one ('The Provost,
    # Kwabena Boakye, backed him').
    titled = tok.pos_ != "PROPN" or is_title(tok.text)
    office = tok.pos_ == "PROPN" and _only_titles(tok)
    named = _appositive_name(tok) if entity_at(tok) is None or (titled and office) else None
    if named is not None:
        # 'a spokesman, John Doe, said', 'One of them, Walter Greene, said': the name explains the noun.
        tok = named
    elif tok.lower_ == "one":
        # 'one of the prosecutors said', 'One in three said': a member of a group, or a share of one.
        part = _part_of(tok)
        if part is None:
            return None
        if tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "of":
            member = mention_for(part)
            if member is None or member.kind != "group":
                return member
            # One of a group is one person, described as the group is.
            return dataclasses.replace(member, kind="role", gender=None, definite=False)
        return _mention([t for t in tok.subtree if not t.is_punct], "group", gender="p")
    if tok.lower_ in SKIP_SUBJECTS or is_date_word(tok):
        return None
    if tok.pos_ == "PRON" or tok.lower_ in PRONOUN_GENDER:
        gender = PRONOUN_GENDER.get(tok.lower_)
        if gender is None:
            return None
        return Mention(tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", gender, False, tok.lower_)
    if office and named is None:
        return _role(tok)
    ent = entity_at(tok)
    if ent is not None:
        return _named(tok, ent)
    organisation = _organisation(tok)
    if organisation is not None:
        return organisation
    if tok.pos_ == "PROPN":
        tokens = strip_titles([t for t in tok.doc[tok.left_edge.i : tok.i + 1] if not t.is_punct])
        if not tokens:
            return None  # a mark the tagger called a name ('—' as a subject) names no one
        name = clean_name(_text(tokens))
        gender = honorific_gender(tokens) or name_gender(name)
        return _mention(tokens, "person", named=True, gender=gender, name=name)
    return _role(tok)


def _only_titles(tok: Token) -> bool:
    """'the Vice-Chancellor', 'the Deputy Mayor': a capitalised office after a determiner describes its holder and
    names no one."""
    words = [t for t in tok.doc[tok.left_edge.i : tok.i + 1] if not t.is_punct]
    return len(words) > 1 and words[0].lower_ in _DEFINITE and names_an_office(words[1:])


def _appositive_name(tok: Token) -> Token | None:
    """The name in apposition to a common-noun subject: 'Scott's niece, state Del. Marcia Price,', 'One of them,
    a student named Yusuf Abdullahi,', and 'An analyst at Bradley Hale Securities, Vivian Cho,' where the parser
    hung the person's name on the firm."""
    appositives = [c for c in tok.children if c.dep_ == "appos"]
    for prep in tok.children:
        if prep.dep_ == "prep":
            appositives += [
                c for pobj in prep.children if pobj.dep_ == "pobj" and pobj.ent_type_ != "PERSON"
                for c in pobj.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"
            ]
    for clause in tok.children:
        named_by = clause.dep_ == "relcl" and any(t.lower_ == "name" and t.dep_ == "nsubj" for t in clause.subtree)
        if (clause.dep_ == "acl" and clause.lemma_ in ("name", "call")) or named_by:
            # 'a woman named Nino Beridze', 'The artist, whose real name is Matilda Grayson,'
            # 'an 80-year-old woman named Nino Beridze embraced her sister'
            named = [t for t in clause.subtree if t.ent_type_ == "PERSON" and entity_at(t) is not None]
            if named:
                return named[-1]
    for child in appositives:
        phrase = list(tok.doc[child.left_edge.i : child.i + 1])  # the noun phrase, not its 'in the ...'
        for clause in child.children:
            if clause.dep_ == "acl" and clause.lemma_ in ("name", "call"):
                phrase += list(clause.subtree)  # 'a 19-year-old student named Yusuf Abdullahi'
            elif clause.dep_ == "appos":
                phrase += list(tok.doc[clause.left_edge.i : clause.i + 1])  # 'the businessman Grant Whitley'
        named = [t for t in phrase if t.ent_type_ in ("PERSON", "NAME", "ORG") and entity_at(t) is not None]
        if named:
            return named[-1]
    return None


def _part_of(tok: Token) -> Token | None:
    """The group 'one' is drawn from: 'one of the prosecutors', 'one in three (voters)'."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in _SHARE_PREPS:
            pobj = next((c for c in prep.subtree if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def can_speak(mention: Mention | None) -> bool:
    """Who can say something: a person or a description of one, a body, a document, or a pronoun for people."""
    if mention is None:
        return False
    if mention.kind == "pronoun":
        return mention.gender not in (None, "n")
    return mention.kind in ("person", "role", "org", "document")


def subject_of(verb: Token, allowed: Callable[[Token], bool] | None = None) -> Token | None:
    """The source of a reporting verb: its subject, passive agent, or the subject it shares.

    A passive subject is the listener, not the source ('The senator was asked about the loan'), so a
    passive verb without an agent has no source. `allowed` rules out candidates (a word inside quote marks).
    """
    for _ in range(4):
        quoted = _quoted_as_saying(verb)
        if quoted is not None and (allowed is None or allowed(quoted)):
            return quoted
        # 'said by telephone' is no passive: only a passive verb (or a participle after its noun) has an agent.
        passive = verb.dep_ in ("acl", "relcl") or any(c.dep_ == "auxpass" for c in verb.children)
        for child in verb.children:
            if child.dep_ == "agent" and passive:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        children = list(verb.children)
        for before in (True, False):
            subjects = [c for c in children if c.dep_ in _SUBJECT_DEPS and (c.i < verb.i) == before]
            if len(subjects) > 1 and all(s.dep_ == "nsubj" for s in subjects):
                # A word the tokenizer split ('co - author') hangs as several subjects, before the verb or after
                # it ('said co - author Hal Brenner'): its head is the last.
                children = [c for c in children if c not in subjects[:-1]]
        for child in children:
            if allowed is not None and not allowed(child):
                continue
            if child.dep_ in _SUBJECT_DEPS and (any(c.isalnum() for c in child.text) or child.text == "%"):
                if child.dep_ == "nsubjpass":
                    return None
                if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                    return verb.head
                return _before_swallowed_verb(child) or child
        misparsed = _name_hung_as_modifier(verb)
        if misparsed is not None and (allowed is None or allowed(misparsed)):
            return misparsed
        if verb.dep_ == "advcl" and verb.tag_ == "VBN":
            return None  # 'when asked if ..., the tycoon said': the main clause's subject is the one asked
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
            verb = verb.head
            continue
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            # 'a letter saying ...', and 'Trump, who ..., tweeted to say ...' parsed as a noun with a clause: the
            # noun is the source. A participle straight after its noun is passive ('the words spoken there').
            if verb.tag_ == "VBN" and not (verb.i > 0 and verb.nbor(-1).text == ","):
                return None
            antecedent = _closed_relative_antecedent(verb)
            if antecedent is not None:
                return antecedent
            issuer = _issuing_verb(verb.head) or _issued_alongside(verb.head)
            if issuer is None:
                return verb.head
            verb = issuer
            continue
        return None
    return None


def _name_hung_as_modifier(verb: Token) -> Token | None:
    """'Osterby conceded that ...' parsed with the name as the verb's modifier: a finite verb with no subject has
    the name just before it as its subject."""
    if verb.tag_ not in _FINITE or verb.i == 0:
        return None
    before = verb.nbor(-1)
    if before.pos_ == "PROPN" and before.head.i == verb.i and before.dep_ in _MODIFIER_DEPS:
        return before
    return None


def _before_swallowed_verb(subject: Token) -> Token | None:
    """'Trump praised Education Secretary Betsy DeVos, saying ...' parsed as one noun phrase, subject of
    'saying': a finite verb inside a subject's phrase is the sentence's own verb, so the subject is the
    words before it, and the participle after the comma is what that subject did."""
    words = list(subject.subtree)
    for tok in words[1:]:
        if tok.i >= subject.i:
            break
        if tok.tag_ in ("VBD", "VBZ") and tok.dep_ in ("amod", "compound") and tok.i > words[0].i:
            return tok.doc[tok.i - 1]
    return None


def _quoted_as_saying(verb: Token) -> Token | None:
    """'The paper quoted Solberg as saying ...', 'Solberg was quoted as saying ...': the one the words are
    credited to is the object of the verb that 'as saying' completes (or its passive subject), not its subject."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "as" or verb.head.dep_ != "prep":
        return None
    governor = verb.head.head
    if governor.pos_ not in ("VERB", "AUX"):
        return None
    return next((c for c in governor.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _closed_relative_antecedent(verb: Token) -> Token | None:
    """'The tenor, who sings in the finale, called the night ...' read as 'the finale called': a finite verb just
    after a comma, whose noun sits in a relative clause set off by commas, is the main clause's verb, and its
    subject is the noun that clause describes."""
    if verb.tag_ != "VBD" or verb.i == 0 or verb.nbor(-1).text != ",":
        return None
    for ancestor in verb.head.ancestors:
        if ancestor.dep_ == "relcl" and ancestor.i < verb.i:
            opening = ancestor.left_edge.i - 1
            set_off = opening >= 0 and ancestor.doc[opening].text == "," and ancestor.head.i < opening
            return ancestor.head if set_off else None
    return None


def _issued_alongside(noun: Token) -> Token | None:
    """'The company issued a statement after the debate saying ...': the parser hung 'saying' on the wrong noun of
    a clause whose verb issues a document; that verb's subject is the source."""
    if noun.lower_ in DOCUMENT_NOUNS or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return None
    verb = noun.head.head
    issued = any(c.dep_ == "dobj" and c.lower_ in DOCUMENT_NOUNS for c in verb.children)
    return verb if verb.pos_ == "VERB" and verb.lemma_ in ISSUING_VERBS and issued else None


def _issuing_verb(noun: Token) -> Token | None:
    """The verb whose subject issued an unowned document: 'Forbes shot back in an article stating ...',
    'issued a statement saying ...'."""
    if noun.lower_ not in DOCUMENT_NOUNS or any(c.dep_ == "poss" for c in noun.children):
        return None
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        issuer = noun.head.head
    elif noun.dep_ == "dobj" and noun.head.lemma_ in ISSUING_VERBS:
        issuer = noun.head
    else:
        return None
    return issuer if issuer.pos_ == "VERB" else None
