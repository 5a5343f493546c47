"""Evidence locations are where the quoted words are: the PDF page of the words and the start of the caption
cue holding the first of them, on a generated 5-page PDF and a 10-minute caption file (20 quotes each at
positions fixed by a seeded generator, decided before anything was run)."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from source_files import pdf_bytes

from factcheck.pipeline import Components
from factcheck.sources import LoadDefaults, parse_upload

SEED = 20
SPEAKER = "Ines Calder"
SUBJECTS = ["ferry", "library", "seawall", "museum", "bridge", "market", "pool", "clinic", "depot", "tunnel"]
ADJECTIVES = ["northern", "old", "public", "small", "eastern", "harbor", "river", "central", "upper", "quiet"]
VERBS = ["reopen", "close", "expand", "move", "double", "shrink", "reform", "open", "rebuild", "repaint"]
PLACES = ["the square", "the pier", "Front Street", "the old mill", "the station", "the park", "the bay", "the dam"]
WHEN = ["in May", "by June", "next spring", "before winter", "this autumn", "in March", "by Easter", "in July"]


@dataclass(frozen=True)
class Placed:
    """A sentence of the source and where it is: the pages of its first and last words, or the start of the cue
    holding its first word."""

    text: str
    page: int | None = None
    page_end: int | None = None
    seconds: float | None = None


def _sentences(rng: random.Random, count: int) -> list[str]:
    """Distinct sentences, each with a rare enough combination of words to be found in one place only."""
    made: list[str] = []
    while len(made) < count:
        words = (rng.choice(ADJECTIVES), rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(PLACES), rng.choice(WHEN))
        sentence = f"The {words[0]} {words[1]} will {words[2]} near {words[3]} {words[4]}, number {len(made) + 1}."
        made.append(sentence)
    return made


def _pdf(rng: random.Random) -> tuple[bytes, list[Placed]]:
    """Sixty sentences flowing over five pages, each page cut after 130 to 170 words (mid-sentence, as text
    flows in a printed document)."""
    sentences = _sentences(rng, 60)
    words = [(word, index) for index, s in enumerate(sentences) for word in s.split()]
    cuts = sorted(rng.sample(range(130, len(words) - 130), 4))
    while any(b - a < 100 for a, b in itertools.pairwise(cuts)):
        cuts = sorted(rng.sample(range(130, len(words) - 130), 4))
    bounds = [0, *cuts, len(words)]
    pages = [words[a:b] for a, b in itertools.pairwise(bounds)]
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for number, page in enumerate(pages, 1):
        for _, index in page:
            first.setdefault(index, number)
            last[index] = number
    placed = [
        Placed(s, page=first[i], page_end=last[i] if last[i] != first[i] else None) for i, s in enumerate(sentences)
    ]
    return pdf_bytes([" ".join(w for w, _ in page) for page in pages]), placed


def _stamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    return f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d},{millis % 1000:03d}"


def _captions(rng: random.Random) -> tuple[str, list[Placed]]:
    """Ten minutes of captions: sentences cut into cues of four to seven words, 2.5 to 4.5 seconds each, so a
    sentence starts anywhere in a cue and runs over several."""
    sentences = _sentences(rng, 120)
    words = [(word, index) for index, s in enumerate(sentences) for word in s.split()]
    cues: list[tuple[float, list[tuple[str, int]]]] = []
    at, cursor = 0.0, 0
    while cursor < len(words) and at < 600:
        size = rng.randint(4, 7)
        cues.append((at, words[cursor : cursor + size]))
        cursor += size
        at = round(at + rng.uniform(2.5, 4.5), 3)
    placed: dict[int, float] = {}
    for start, cue in cues:
        for _, index in cue:
            placed.setdefault(index, start)
    blocks = [
        f"{n}\n{_stamp(start)} --> {_stamp(start + 2.4)}\n{' '.join(w for w, _ in cue)}\n"
        for n, (start, cue) in enumerate(cues, 1)
    ]
    complete = [i for i in placed if i + 1 in placed]  # the last sentence may be cut off at ten minutes
    return "\n".join(blocks), [Placed(sentences[i], seconds=placed[i]) for i in complete]


def _chosen(rng: random.Random, placed: list[Placed]) -> list[Placed]:
    return rng.sample(placed, 20)


def test_twenty_quotes_on_five_pdf_pages_get_their_page(components: Components) -> None:
    rng = random.Random(SEED)
    data, placed = _pdf(rng)
    [document] = parse_upload("hearing.pdf", data, LoadDefaults(speaker=SPEAKER, url="https://city.example/h.pdf"))
    assert len({a.page for a in document.anchors}) == 5
    components.get_store().add_documents([document])
    pipeline = components.pipeline()
    quotes = _chosen(rng, placed)
    found = []
    for quote in quotes:
        checked = pipeline.check_claim(quote.text.rstrip("."), SPEAKER)
        evidence = checked.evidence[0]
        found.append((checked.verdict.label, evidence.page, evidence.page_end, evidence.link))
    expected = [("verified", q.page, q.page_end, f"https://city.example/h.pdf#page={q.page}") for q in quotes]
    assert sum(f == e for f, e in zip(found, expected, strict=True)) == 20, list(zip(found, expected, strict=True))
    assert len({q.page for q in quotes}) == 5


def test_words_across_a_page_break_give_both_pages(components: Components) -> None:
    rng = random.Random(SEED)
    data, placed = _pdf(rng)
    [document] = parse_upload("hearing.pdf", data, LoadDefaults(speaker=SPEAKER))
    components.get_store().add_documents([document])
    pipeline = components.pipeline()
    straddling = [q for q in placed if q.page_end is not None]
    assert len(straddling) == 3  # the seed cuts three of the four page breaks mid-sentence
    for quote in straddling:
        evidence = pipeline.check_claim(quote.text.rstrip("."), SPEAKER).evidence[0]
        assert (evidence.page, evidence.page_end) == (quote.page, quote.page_end)


def test_twenty_quotes_in_ten_minutes_of_captions_get_the_time_of_their_first_word(components: Components) -> None:
    rng = random.Random(SEED + 1)
    captions, placed = _captions(rng)
    [document] = parse_upload(
        "hearing.srt", captions.encode(), LoadDefaults(speaker=SPEAKER, url="https://v.example/h.mp4")
    )
    assert 590 <= max(a.timestamp or 0 for a in document.anchors) <= 600
    components.get_store().add_documents([document])
    pipeline = components.pipeline()
    quotes = _chosen(rng, placed)
    found = []
    for quote in quotes:
        checked = pipeline.check_claim(quote.text.rstrip("."), SPEAKER)
        evidence = checked.evidence[0]
        found.append((checked.verdict.label, evidence.timestamp, evidence.link))
    expected = [("verified", q.seconds, f"https://v.example/h.mp4#t={q.seconds:g}") for q in quotes]
    assert sum(f == e for f, e in zip(found, expected, strict=True)) == 20, list(zip(found, expected, strict=True))
