"""Names from the tagger: runs of proper nouns typed person, organisation, place or group, instead of the NER pass.

Labels set on `doc.ents`: PERSON, ORG, GPE (a place, which never speaks), NORP (a party, faith or nationality:
'Republicans', 'the Kentucky Republican') and NAME (a lone capitalised word that is none of these for sure).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from factcheck.extract.columns import tokens_with
from factcheck.extract.lexicon import (
    CALENDAR_WORDS,
    FEMALE_NAMES,
    HONORIFIC_GENDER,
    INSTITUTIONS,
    MALE_NAMES,
    MONTH_ABBREVIATIONS,
    NAME_PARTICLES,
    NICKNAME_MARKS,
    ORG_ENDINGS,
    ORG_KINDS,
    ORG_WORDS,
    PERSON_TITLES,
    PLACE_ENDINGS,
    PLACE_STARTS,
    PLACES,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    THING_ENDINGS,
    TITLES,
    UTTERANCE_VERBS,
)
from factcheck.extract.tags import verb_lemma
from factcheck.names import is_name_suffix

_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
_ARTICLES = frozenset({"the", "a", "an"})
# 'from' and 'with' are left out: 'a letter from Sanders' names a person.
_LOCATIVES = frozenset({"in", "at", "near", "outside", "across", "throughout", "around"})
_PARTY_WORDS = frozenset({"republican", "republicans", "democrat", "democrats", "independent", "independents"})


def without_nickname(tokens: list[Token]) -> list[Token]:
    """'Marcus "The Hammer" Bell' -> 'Marcus Bell': words in quote marks inside a name are a nickname."""
    kept: list[Token] = []
    quoted = False
    for tok in tokens:
        if tok.text in NICKNAME_MARKS and _plural_possessive(tok.doc, tok.i):
            kept.append(tok)  # "Bakers' Union": the plural's apostrophe, not a mark around a nickname
            continue
        if tok.text in NICKNAME_MARKS:
            quoted = not quoted
            continue
        if not quoted:
            kept.append(tok)
    return kept


def is_date_word(tok: Token) -> bool:
    """'Monday', 'September', 'Sept.', 'Jan 5': part of a date, not of a name."""
    word = tok.lower_.rstrip(".")
    if word in CALENDAR_WORDS:
        return True
    following = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return word in MONTH_ABBREVIATIONS and (tok.text.endswith(".") or (following is not None and following.like_num))


def _is_name_token(tok: Token) -> bool:
    if not tok.text[:1].isupper() or is_date_word(tok):
        return False
    if tok.pos_ == "PROPN" or _speaks_bare(tok):
        return True
    # The tagger misses some first names ('Barack' as a preposition) while the parse still attaches them to
    # the surname: a capitalised word compounding a proper noun just after it belongs to the name. At the
    # start of a sentence any word is capitalised ('Meanwhile Rihanna'), so there only known first names.
    head = tok.head
    if not (tok.is_alpha and tok.dep_ == "compound" and head.pos_ == "PROPN" and 0 < head.i - tok.i <= 2):
        return False
    return not tok.is_sent_start or tok.lower_ in MALE_NAMES or tok.lower_ in FEMALE_NAMES


def _glued_hyphen(doc: Doc, j: int) -> bool:
    """A hyphen with no space on either side, joining two parts of a name ('al-Jubeir', 'Ocasio-Cortez')."""
    tok = doc[j]
    return tok.text in ("-", "\u2010", "\u2011") and not doc[j - 1].whitespace_ and not tok.whitespace_


def _connector_end(doc: Doc, j: int) -> int | None:
    """Index of the name word after particles or a glued hyphen at `j` ('von der | Leyen'), else None."""
    k = j
    while k < len(doc) and k - j < 3 and (doc[k].lower_ in NAME_PARTICLES or (k > 0 and _glued_hyphen(doc, k))):
        if doc[k].text[:1].isupper() and doc[k].lower_ in NAME_PARTICLES and k == j:
            break  # 'Le Pen', 'De Gaulle': a capitalised particle is an ordinary name word
        k += 1
    if k == j or k >= len(doc) or not doc[k].text[:1].isupper() or not doc[k].is_alpha:
        return None
    return k


def _speaks_bare(tok: Token) -> bool:
    """'Trump said', 'Trump joked' with 'Trump' tagged a common noun: a singular noun with no determiner that
    utters something is someone's name ('Education said' is no English)."""
    if tok.tag_ != "NN" or tok.dep_ != "nsubj" or any(c.dep_ in ("det", "poss") for c in tok.children):
        return False
    return tok.head.pos_ == "VERB" and verb_lemma(tok.head) in UTTERANCE_VERBS


def _is_title(tok: Token) -> bool:
    return tok.lower_ in TITLES or tok.lower_.rstrip(".") in TITLES


def _suffixes_only(doc: Doc, start: int, end: int) -> bool:
    """Only 'Jr.', 'III' and the like: the title word before them is a surname ('Martin Luther King Jr.')."""
    return all(is_name_suffix(t.text) for t in doc[start:end])


def _run_end(doc: Doc, j: int) -> int:
    while j < len(doc):
        if _is_name_token(doc[j]):
            j += 1
            continue
        if doc[j].text == "&" and j + 1 < len(doc) and _is_name_token(doc[j + 1]):
            j += 2  # 'Bean & Barrel', 'Crumb & Co.': one company's name
            continue
        if _plural_possessive(doc, j) and doc[j + 1].text[:1].isupper() and doc[j + 1].is_alpha:
            j += 2  # "Filmmakers' Collective", "Teachers' Union": a plural's apostrophe inside a name
            continue
        after = _connector_end(doc, j)
        # After a hyphen inside a name any capitalised word continues it ('Wealth-X', tagged a noun).
        hyphenated = after is not None and _glued_hyphen(doc, after - 1)
        if after is None or not (_is_name_token(doc[after]) or hyphenated):
            break
        j = after + 1
    return j


def _plural_possessive(doc: Doc, j: int) -> bool:
    """An apostrophe glued to the plural before it ("Filmmakers'"), with a word after it."""
    return (
        0 < j < len(doc) - 1 and doc[j].text in ("'", "\u2019") and not doc[j - 1].whitespace_
        and doc[j - 1].lower_.endswith("s") and bool(doc[j].whitespace_)
    )


def _nickname_end(doc: Doc, j: int) -> int | None:
    """Index after a quoted nickname at `j` that a surname follows ('Marcus "The Hammer" Bell')."""
    if j >= len(doc) or doc[j].text not in NICKNAME_MARKS:
        return None
    for k in range(j + 1, min(j + 6, len(doc) - 1)):
        if doc[k].text in NICKNAME_MARKS:
            # The surname may be a word the tagger takes for a noun ('Marcia "Cia" Price'): a capital will do.
            after = doc[k + 1]
            return k + 1 if _is_name_token(after) or (after.text[:1].isupper() and after.is_alpha) else None
        if not doc[k].text[:1].isupper():
            return None
    return None


def _person_within(doc: Doc, start: int, end: int) -> int:
    """'New York City Public Advocate | Trish James': a known first name after a place or a role word starts the
    person's name inside a longer run of capitals."""
    if any(t.text in NICKNAME_MARKS for t in doc[start:end]):
        return start  # 'Coach Dana "The Comet" Okoye': a nickname, handled with the name
    for k in range(start + 1, end - 1):
        before = [t.lower_.rstrip(".") for t in doc[start:k]]
        role_before = before[-1] in ROLE_NOUNS or before[-1] in PERSON_TITLES
        known = doc[k].lower_ in MALE_NAMES or doc[k].lower_ in FEMALE_NAMES
        # A known first name after a place or role, or any two or three words right after a role word.
        if known and any(w in PLACE_STARTS or w in PLACES or w in ROLE_NOUNS or w in TITLES for w in before):
            return k
        if role_before and 2 <= end - k <= 3:
            return k
    return start


def _org_continuation(doc: Doc, j: int) -> int:
    """'University | of Michigan', 'Committee | for a Responsible Federal Budget': an organisation's name goes on."""
    while j + 1 < len(doc) and doc[j].lower_ in ("of", "for", "on") and doc[j].whitespace_:
        k = j + 1
        while k < len(doc) and doc[k].lower_ in ("the", "a", "an") and k - j < 3:
            k += 1
        if k >= len(doc) or not _is_name_token(doc[k]):
            break
        j = _run_end(doc, k + 1)
    return j


def _leading_particles(doc: Doc, start: int) -> int:
    """Lowercase particles right before a run belong to the surname ('de Blasio said')."""
    k = start
    while k > 0 and start - k < 3 and doc[k - 1].lower_ in NAME_PARTICLES and doc[k - 1].text.islower():
        k -= 1
    if k > 0 and k < start and _glued_hyphen(doc, start - 1):
        return start
    return k


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised proper nouns, split after a title word ('Press Secretary | Sean Spicer')."""
    runs: list[tuple[int, int]] = []
    i, n = 0, len(doc)
    while i < n:
        if not _is_name_token(doc[i]):
            i += 1
            continue
        j = _run_end(doc, i + 1)
        nickname_end = _nickname_end(doc, j)
        if nickname_end is not None:
            j = _run_end(doc, nickname_end + 1)
        start = i
        quoted = False
        for k in range(i, j - 1):
            if doc[k].text in NICKNAME_MARKS:
                quoted = not quoted
            elif not quoted and _is_name_token(doc[k]) and _is_title(doc[k]) and not _suffixes_only(doc, k + 1, j):
                start = k + 1
        if any(doc[k].lower_ in ORG_WORDS for k in range(start, j)) or doc[j - 1].lower_ in ORG_ENDINGS:
            # 'the Interior Ministry', 'Meridian Health Partners': the role word is part of the organisation's name
            start = i
            j = _org_continuation(doc, j)
        else:
            start = _person_within(doc, start, j)
        if start == i:
            start = _leading_particles(doc, i)
        if not names_an_office(list(doc[start:j])) and not _labels_value(doc, start, j):
            runs.append((start, j))
        i = j
    return runs


def names_an_office(tokens: Sequence[Token]) -> bool:
    """'Deputy Mayor', 'Vice-Chancellor': titles and their modifiers only, the last a person's office; no one's name
    ('White House' is a place and a body)."""
    words = list(tokens)
    return (
        bool(words)
        and words[-1].lower_ in PERSON_TITLES
        and all(not t.is_alpha or t.lower_.rstrip(".") in TITLES or t.lower_ in ROLE_MODIFIERS for t in words)
    )


def _labels_value(doc: Doc, start: int, end: int) -> bool:
    """'Verdict: False.', 'Ruling: Wrong.': one capitalised word between a label's colon and a full stop is the
    label's value, a sentence of one word, not a name."""
    if end - start != 1 or start == 0 or end >= len(doc):
        return False
    return doc[start - 1].text == ":" and doc[end].text in (".", "!")


def _label(doc: Doc, start: int, end: int) -> str:
    tokens = without_nickname(list(doc[start:end]))
    if not tokens:
        return "GPE"
    lowered = [t.lower_ for t in tokens]
    last_word = next((w for w in reversed(lowered) if not is_name_suffix(w)), lowered[-1])
    if any(w in ORG_WORDS or w in INSTITUTIONS for w in lowered) or last_word in ORG_ENDINGS or "&" in lowered:
        return "ORG"
    if (len(tokens) == 1 and lowered[0] in PLACES) or (len(tokens) > 1 and last_word in PLACE_ENDINGS):
        return "GPE"
    if len(tokens) > 1 and last_word in THING_ENDINGS:
        return "MISC"
    if _after_locative(doc, start) and lowered[0] not in MALE_NAMES and lowered[0] not in FEMALE_NAMES:
        return "GPE"  # 'in Honolulu', 'from Midway Atoll
    if len(tokens) == 1 and tokens[0].text.isupper() and len(tokens[0].text) > 1:
        return "ORG"  # an acronym: FBI, CNN, NATO
    before = doc[start - 1].lower_.rstrip(".") if start > 0 else ""
    # 'Republicans', 'the Kentucky Republican', 'Iowa Democrats': a party or its member, not a name.
    last = lowered[-1].rstrip(".")
    if last in _PARTY_WORDS or (last in ROLE_NOUNS and before in _ARTICLES):
        return "NORP"
    if lowered[0] in MALE_NAMES or lowered[0] in FEMALE_NAMES or before in HONORIFIC_GENDER:
        return "PERSON"
    if before in PERSON_TITLES:
        return "PERSON"
    if lowered[0] in PLACE_STARTS or lowered[0] in PLACES:
        return "GPE"
    if len(tokens) > 1 and before == "the":
        return "ORG"  # 'the Lakeshore Symphony': a person's name takes no article
    if last.endswith(("ans", "ians")) and not last.endswith("mans"):
        return "NORP"  # a demonym ('Americans', 'African-Americans', 'Iowans') is a group
    if len(tokens) == 1:
        # 'the Hoosier', 'the Texan': a lone capitalised word after an article describes someone.
        return "NORP" if before in _ARTICLES else "NAME"  # else a lone word may be a surname
    if 2 <= len(tokens) <= 5 and all(_name_word(t) for t in tokens):
        return "PERSON"
    return "GPE"


def _after_locative(doc: Doc, start: int) -> bool:
    """A name right after a preposition of place ('in Honolulu', 'reported from Midway')."""
    return start > 0 and doc[start - 1].lower_ in _LOCATIVES and doc[start - 1].dep_ == "prep"


def _name_word(tok: Token) -> bool:
    """A word a name is made of: letters, an initial, a hyphen, or an apostrophe inside ('O'Rourke')."""
    letters = tok.text.replace("'", "").replace("\u2019", "")
    return letters.isalpha() or tok.text.endswith(".") or tok.text in ("-", "\u2010", "\u2011")


def _owned(doc: Doc, labelled: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An organisation named with its owner is one name: "Japan's Foreign Ministry", "Russia's Defence Ministry"."""
    merged: list[tuple[int, int, str]] = []
    for start, end, label in labelled:
        if label == "ORG" and merged and start >= 2:
            prev_start, prev_end, prev_label = merged[-1]
            owner = prev_label in ("GPE", "ORG", "NAME", "NORP")  # 'the Alzheimer's Association' reads as NORP
            if prev_end == start - 1 and doc[start - 1].text in _POSSESSIVE and owner:
                merged[-1] = (prev_start, end, "ORG")
                continue
        merged.append((start, end, label))
    return merged


def mark_names(doc: Doc) -> None:
    """Set `doc.ents` from the proper-noun runs; single words that end a known person's name are that person.

    The tagger sometimes takes a surname for a common noun ('Sanders' as a plural): once the article has
    named the person in full, the capitalised word on its own is that person too.
    """
    typed = [(start, end, _described(doc, start, end, _label(doc, start, end))) for start, end in _runs(doc)]
    labelled = _owned(doc, typed)
    surnames = {
        next((t.lower_ for t in reversed(doc[start:end]) if not is_name_suffix(t.text)), "")
        for start, end, label in labelled
        if label == "PERSON" and end - start > 1
    }
    covered = {i for start, end, _ in labelled for i in range(start, end)}
    for tok in tokens_with(doc, {LOWER: surnames}):
        if tok.i not in covered and tok.lower_ in surnames and tok.text[:1].isupper() and tok.is_alpha:
            labelled.append((tok.i, tok.i + 1, "PERSON"))
    labelled.sort()
    ents: list[Span] = []
    for start, end, label in labelled:
        # A surname in capitals ('HALLOWAY:' of a transcript's label) is the person, not an acronym.
        shouted = label == "ORG" and doc[start].text.isupper()
        if (label in ("GPE", "NAME", "NORP") or shouted) and end - start == 1 and doc[start].lower_ in surnames:
            label = "PERSON"
        ents.append(Span(doc, start, end, label=label))
    doc.set_ents(ents, default="outside")


def _described(doc: Doc, start: int, end: int, label: str) -> str:
    """The type the article itself gives a name: 'Sundstrom Marine, a family firm' and 'Halvorsen Energy, which
    ...' are organisations; 'Okoro, who ...' is a person, whatever the words of the name suggest."""
    if label not in ("PERSON", "NAME", "GPE", "ORG"):
        return label
    root = doc[start:end].root
    # The apposition must sit right beside the name ('X, a family firm'), not further down the sentence.
    comma_after = end < len(doc) and doc[end].text == ","
    nouns = [c for c in root.children if c.dep_ == "appos" and comma_after and c.left_edge.i == end + 1]
    if root.dep_ == "appos" and start >= 2 and doc[start - 1].text == "," and root.head.i == start - 2:
        nouns.append(root.head)
    first = doc[start].lower_
    person = first in MALE_NAMES or first in FEMALE_NAMES
    if label == "ORG":
        # 'Lachlan Moyes, chief executive of the sponsor, said': a name the tagger took for a body, which the
        # article describes by a person's role beside it, is a person, unless its own words name a body.
        words = [t.lower_ for t in doc[start:end]]
        body = any(w in ORG_WORDS or w in INSTITUTIONS for w in words) or words[-1] in ORG_ENDINGS
        role = any(n.pos_ == "NOUN" and n.lower_ in ROLE_NOUNS and n.lower_ not in ORG_KINDS for n in nouns)
        return "PERSON" if role and not body and end - start > 1 else label
    # A bare word beside a name places it in a picture ('Ana Ruiz, centre, after the count'); a body's description
    # has more to it ('a family firm', 'operator of the plant').
    bodies = [n for n in nouns if n.pos_ == "NOUN" and n.lower_ in ORG_KINDS | ORG_WORDS and n.n_lefts + n.n_rights]
    if label != "GPE" and not person and bodies:
        return "ORG"
    if label != "PERSON" and any(n.pos_ == "NOUN" and n.lower_ in ROLE_NOUNS for n in nouns):
        return "PERSON"  # "The victim's son, Terrence Hall," is a person, whatever 'Hall' usually ends
    for clause in root.children:
        if clause.dep_ != "relcl" or clause.i < end:
            continue
        pronoun = next((t for t in clause.subtree if t.lower_ in ("who", "which", "whose")), None)
        if pronoun is not None and pronoun.i == end + 1 and doc[end].text == ",":
            if pronoun.lower_ == "which" and label != "GPE":
                return "ORG"
            if pronoun.lower_ == "who" and len(doc[start:end]) <= 3:
                return "PERSON"
    return label
