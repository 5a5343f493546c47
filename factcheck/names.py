"""Speaker names: registry keys, parsing of people and organisations, and alias-tolerant matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`, for word lists written as one string."""
    return frozenset(text.split())

_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]")
_POSSESSIVE = re.compile(r"['\u2019]s\b", re.IGNORECASE)

# Leading honorifics and offices; stripped before comparing people.
_TITLES = wordset(
    """
    president vice vp mr mrs ms miss mx dr sir dame lord lady madam senator sen rep representative
    congressman congresswoman governor gov mayor secretary minister prime premier chancellor chairman
    chairwoman chair speaker leader general gen admiral adm judge justice chief former candidate
    hon honorable the rev reverend father king queen prince princess pope ambassador commissioner
    attorney director professor prof sheriff deputy state first acting u s us
    pc wpc ds di dci supt insp sgt sergeant constable inspector detective
    """
)
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq"})
# Suffixes that tell a person from a relative of the same name.
_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})


def is_title(word: str) -> bool:
    """'Senator', 'Gov.', 'Mr' and other honorifics or offices, in any case."""
    return speaker_key(word) in _TITLES


def is_name_suffix(word: str) -> bool:
    """'Jr.', 'III', 'PhD' and the like, in any case, with or without a full stop."""
    return word.lower().rstrip(".") in NAME_SUFFIXES


def has_generation(name: str) -> bool:
    """'Donald Trump Jr.', 'John Smith III': the name marks one of a family's namesakes."""
    words = name.replace(",", " ").split()
    return len(words) > 1 and words[-1].lower().rstrip(".") in _GENERATIONS


_PARTICLES = wordset(
    "de del della dei da di du dos das do van von der den ter ten zu la le st o mc mac al el bin ibn bint"
)
_HYPHENATED = re.compile(r"(\w+)[-\u2010\u2011](?=\w)")

# Given-name variants (short form -> formal); both sides are reduced to the formal form.
# Words that describe a role, not a person, when they stand alone as a speaker.
_ROLE_WORDS = wordset(
    """spokesman spokeswoman spokesperson official officials aide aides source sources moderator questioner
    audience member reporter host anchor lawmaker candidate nominee republican democrat critic critics
    unknown unidentified anonymous someone somebody"""
)

_NICKNAMES = {
    "joe": "joseph", "bernie": "bernard", "bill": "william", "will": "william", "billy": "william",
    "bob": "robert", "rob": "robert", "bobby": "robert", "jim": "james", "jimmy": "james",
    "mike": "michael", "tom": "thomas", "tony": "anthony", "dick": "richard", "rick": "richard",
    "ted": "edward", "ed": "edward", "teddy": "theodore", "jack": "john", "johnny": "john",
    "dan": "daniel", "dave": "david", "pete": "peter", "chris": "christopher", "liz": "elizabeth",
    "beth": "elizabeth", "kate": "katherine", "cathy": "catherine", "andy": "andrew", "steve": "stephen",
    "al": "albert", "alex": "alexander", "ben": "benjamin", "sam": "samuel", "nick": "nicholas",
    "matt": "matthew", "pat": "patrick", "ron": "ronald", "don": "donald", "jerry": "gerald",
    "larry": "lawrence", "hank": "henry", "harry": "harold", "chuck": "charles", "charlie": "charles",
    "frank": "francis", "beto": "robert", "tim": "timothy", "greg": "gregory", "jeff": "jeffrey",
    "ken": "kenneth", "nate": "nathan",
}

# Organisation vocabulary folded so word order and "of"/possessive phrasing do not matter.
_ORG_WORDS = wordset(
    """
    ministry department office government council commission agency party committee bureau
    administration embassy foundation institute university association union organization organisation
    corporation company inc ltd llc group bank court senate house congress parliament service board
    authority federation league nations campaign club plc llp gmbh
    """
)
_ORG_STOP = frozenset({"of", "the", "for", "and", "on", "affairs", "s", "&"})
_DEMONYMS = {
    "french": "france", "british": "uk", "english": "uk", "german": "germany", "american": "us",
    "chinese": "china", "russian": "russia", "japanese": "japan", "italian": "italy", "spanish": "spain",
    "mexican": "mexico", "canadian": "canada", "indian": "india", "israeli": "israel", "iranian": "iran",
    "ukrainian": "ukraine", "turkish": "turkey", "korean": "korea", "brazilian": "brazil",
    "european": "europe", "australian": "australia", "dutch": "netherlands", "swedish": "sweden",
    "polish": "poland", "greek": "greece", "egyptian": "egypt", "saudi": "saudi arabia",
}
_PLACES = {
    "united states": "us", "united states of america": "us", "usa": "us", "america": "us",
    "united kingdom": "uk", "great britain": "uk", "britain": "uk", "u k": "uk", "u s": "us",
    "european union": "eu", "united nations": "un",
}


@lru_cache(maxsize=8192)
def speaker_key(name: str) -> str:
    """A stable key for a speaker name: accents folded, lowercase, punctuation dropped."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = _NON_WORD.sub(" ", folded.lower())
    return _SPACE.sub(" ", folded).strip()


@dataclass(frozen=True)
class PersonName:
    """A person's name reduced to given names, middle initials and surname."""

    given: str | None
    middles: tuple[str, ...]
    surname: str


@dataclass(frozen=True)
class OrgName:
    """An organisation reduced to an unordered signature of its meaningful words."""

    signature: frozenset[str]


ParsedName = PersonName | OrgName


def _words(name: str) -> list[str]:
    # A hyphenated surname is one word ('Ocasio-Cortez'); 'al-Jubeir' is the particle 'al' and 'jubeir'.
    text = _HYPHENATED.sub(lambda m: m.group(1) + (" " if m.group(1).lower() in _PARTICLES else ""), name)
    text = _POSSESSIVE.sub("", text)
    # "Biden, Joseph" style and "JAKE TAPPER, CNN" style: keep the part that looks like the person.
    return speaker_key(text).split()


def is_organisation(name: str) -> bool:
    """True when the name reads as an organisation rather than a person."""
    return any(w in _ORG_WORDS for w in speaker_key(name).split())


def _org(name: str) -> OrgName:
    key = " " + speaker_key(_POSSESSIVE.sub("", name)) + " "
    for place, short in sorted(_PLACES.items(), key=lambda kv: -len(kv[0])):
        key = key.replace(f" {place} ", f" {short} ")
    words = [_DEMONYMS.get(w, w) for w in key.split()]
    return OrgName(frozenset(w for w in words if w not in _ORG_STOP))


@lru_cache(maxsize=4096)
def parse_name(name: str) -> ParsedName | None:
    """Parse a person or organisation name; None when nothing name-like is left."""
    if not name or not name.strip():
        return None
    if is_organisation(name):
        return _org(name)
    head = name.split(",")[0] if "," in name and not re.search(r",\s*(jr|sr|ii|iii|iv)\b", name, re.I) else name
    words = _words(head)
    while words and words[-1] in NAME_SUFFIXES:
        words.pop()
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    if not words:
        return None
    # Surname keeps a leading particle ("de blasio", "van buren") so it is compared whole.
    cut = len(words) - 1
    while cut > 0 and words[cut - 1] in _PARTICLES:
        cut -= 1
    surname = " ".join(words[cut:])
    rest = words[:cut]
    if not rest:
        return PersonName(None, (), surname)
    given = _NICKNAMES.get(rest[0], rest[0])
    middles = tuple(w[0] for w in rest[1:])
    return PersonName(given, middles, surname)


def _bare_surname(surname: str) -> str:
    """A surname without its particles, so "Blasio" still meets "de Blasio"."""
    words = [w for w in surname.split() if w not in _PARTICLES]
    return " ".join(words) or surname


def _given_compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return False


Relation = Literal["same", "compatible", "different"]


@lru_cache(maxsize=8192)
def is_generic(name: str | None) -> bool:
    """A role or title with no name in it ('the senator', 'a spokesperson'): it denotes no one in particular.

    A capitalised title word on its own may be a surname ('King added'), so it needs an article or lower case.
    """
    raw = (name or "").split()
    words = [w for w in _words(name or "") if w not in ("the", "a", "an")]
    if not words:
        return True
    described = any(w.lower() in ("the", "a", "an") for w in raw) or all(w[:1].islower() for w in raw)
    return described and all(w in _TITLES or w in _ROLE_WORDS for w in words)


_DETERMINERS = wordset("the a an this that these those one some any each every another his her its their our my")


def is_common_noun(name: str | None) -> bool:
    """A speaker 'name' that is a common-noun phrase ('the statement', 'one Caldwell defender', 'critics'): a
    canonical name starts with a capital (or a name particle, 'de Blasio')."""
    words = (name or "").split()
    if not words:
        return False
    first = words[0]
    if first.lower() in _DETERMINERS:
        return True
    return first[:1].islower() and speaker_key(first) not in _PARTICLES


@lru_cache(maxsize=65536)
def speaker_relation(a: str | None, b: str | None) -> Relation | None:
    """How two speaker names relate: the same entity, a compatible but less specific mention of it (a surname
    or first name alone, an organisation without its owner), or different entities; None when either names no
    one in particular (missing, or a bare role such as 'the senator')."""
    if not a or not b or is_generic(a) or is_generic(b):
        return None
    if speaker_key(a) == speaker_key(b):
        return "same"
    pa, pb = parse_name(a), parse_name(b)
    if pa is None or pb is None:
        return None
    if isinstance(pa, OrgName) and isinstance(pb, OrgName):
        if pa.signature == pb.signature:
            return "same"
        return "compatible" if pa.signature <= pb.signature or pb.signature <= pa.signature else "different"
    if isinstance(pa, OrgName) or isinstance(pb, OrgName):
        return "compatible" if _short_form(a, b) or _short_form(b, a) else "different"
    relation = _person_relation(pa, pb)
    if relation == "different" and (ends_with_name(a, b) or ends_with_name(b, a)):
        # A role written like a name in front of one ("Curator Imogen Sato", "STATION MANAGER RAVI PATEL"):
        # the given name and surname agree, and no office list can know every role.
        return "compatible"
    return relation


def _short_form(short: str, organisation: str) -> bool:
    """The organisation called by the words its name opens with, before the words that say what kind of body it is
    ('Wrenford Albion' of 'Wrenford Albion Football Club', 'Halcombe' of 'Halcombe Group plc')."""
    if not is_organisation(organisation) or is_organisation(short):
        return False
    words, full = _words(short), _words(organisation)
    rest = full[len(words) :]
    return 0 < len(words) < len(full) and full[: len(words)] == words and any(w in _ORG_WORDS for w in rest)


def ends_with_name(longer: str, shorter: str) -> bool:
    """Whether `longer` is `shorter`, a given name and a surname at least, with words in front (a role, an
    epithet): "Curator Imogen Sato" ends with "Imogen Sato"."""
    # A surname with its particles ("von der Mark", "al-Otaibi") or the tail of an organisation ("Sixth Circuit"
    # of a court) has words in front that belong to the name: only a person's given name and surname qualify.
    parsed = parse_name(shorter)
    if is_organisation(longer) or not isinstance(parsed, PersonName) or parsed.given is None:
        return False
    tail = _words(shorter)
    while tail and tail[-1] in NAME_SUFFIXES:
        tail.pop()
    head = _words(longer)
    while head and head[-1] in NAME_SUFFIXES:
        head.pop()
    return 2 <= len(tail) < len(head) and head[-len(tail) :] == tail


def _respelled_surname(a: str, b: str) -> bool:
    """One letter added, dropped or changed in a surname of five letters or more ('Schwarzman' / 'Schwarman'): a
    transcriber's spelling of the same name."""
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:k] + long[k + 1 :] == short for k in range(len(long)))


def _person_relation(pa: PersonName, pb: PersonName) -> Relation:
    if (
        pa.given and pb.given and _given_compatible(pa.given, pb.given)
        and _respelled_surname(_bare_surname(pa.surname), _bare_surname(pb.surname))
    ):
        return "compatible"  # the given name agrees and the surname is spelled another way
    if _bare_surname(pa.surname) != _bare_surname(pb.surname):
        # A first name alone ('Hillary said') is a less specific mention of the person it begins.
        for lone, full in ((pa, pb), (pb, pa)):
            if lone.given is None and full.given is not None and _given_compatible(lone.surname, full.given):
                return "compatible"
        return "different"
    if pa.given and pb.given and not _given_compatible(pa.given, pb.given):
        return "different"
    # Both spell out middle initials: they must agree ("George H. W. Bush" is not "George W. Bush").
    if pa.middles and pb.middles and pa.middles != pb.middles:
        return "different"
    if (pa.given is None) != (pb.given is None) or pa.surname != pb.surname:
        return "compatible"
    return "same"


def same_speaker(a: str | None, b: str | None) -> bool:
    """True when two names can denote the same person or organisation (the same, or compatible)."""
    return speaker_relation(a, b) in ("same", "compatible")


def more_specific(a: str | None, b: str | None) -> bool:
    """Whether `a` names the entity at least as fully as `b` ('Hillary Clinton's campaign' for 'Clinton campaign')."""
    relation = speaker_relation(a, b)
    if relation == "same":
        return True
    if relation != "compatible" or a is None or b is None:
        return False
    pa, pb = parse_name(a), parse_name(b)
    if isinstance(pa, OrgName) and isinstance(pb, OrgName):
        return pa.signature >= pb.signature
    return len(speaker_key(a).split()) >= len(speaker_key(b).split())


def matching_names(claimed: str | None, names: Iterable[str]) -> list[str]:
    """The registry names that `claimed` can refer to, most specific first."""
    if not claimed:
        return []
    hits = [n for n in names if same_speaker(claimed, n)]
    return sorted(set(hits), key=lambda n: (-len(speaker_key(n)), n))


def display_name(names: Iterable[str]) -> str | None:
    """The fullest spelling among several names for one speaker."""
    best = sorted(set(names), key=lambda n: (-len(speaker_key(n).split()), -len(n), n))
    return best[0] if best else None
