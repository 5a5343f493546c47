"""A new user's first hour, from a fresh clone: the README's commands and example files, then the page.

The clone is of what the repository has committed; it runs on this checkout's virtual environment (its
packages, not its code: the clone comes first on the import path), in a home directory of its own.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from benchmarks.serving import serve as serving

pytestmark = [pytest.mark.slow, pytest.mark.browser]

REPOSITORY = Path(__file__).resolve().parents[1]
# A new user's article about the example sources: a quote from each, word for word, and one no one said.
ARTICLE = """Harbor Bay's officials spent the week on storms, boats and buses.

"We will rebuild the seawall before the next storm season," Mayor Maria Delgado said at the harbor.

Council member Thomas Whitfield told a hearing: "The budget before you is balanced for the first time in a decade."

At the north pier, Delgado said: "The pier will reopen to fishing boats on the first of May."

Whitfield told the committee that "the bridge will open to cyclists in the spring."

"Every family deserves a home that stays dry," Delgado said at a forum in February.

At the town hall, Delgado promised: "Our libraries will stay open on Sundays all year."

After the storm, Delgado said: "We will repair the sea wall on Front Street before anything else."

In her statement, Delgado wrote that "the new ferry terminal will open in the spring."

"The night buses will run every fifteen minutes from September," Whitfield told reporters.

Council member Ana Ruiz said: "Every branch library will have evening hours by the end of the year."

Whitfield also said: "We will paint every bridge in the city gold by next summer."
"""
INVENTED = "We will paint every bridge in the city gold by next summer."


@dataclass(frozen=True)
class Example:
    """One example file from the README, and the document ids the README says it gives."""

    path: str
    text: str
    ids: list[str]


def _section(readme: str, heading: str) -> str:
    start = readme.index(heading)
    end = readme.find("\n## ", start + len(heading))
    return readme[start : end if end >= 0 else None]


def _commands(readme: str) -> list[list[str]]:
    """The shell commands of the step-by-step section, comments dropped."""
    block = re.search(r"```sh\n(.*?)```", _section(readme, "## Your own sources, step by step"), re.DOTALL)
    assert block, "the step-by-step section has a sh block"
    lines = [line.split("  #", 1)[0].strip() for line in block.group(1).splitlines()]
    return [shlex.split(line) for line in lines if line]


def _examples(readme: str) -> list[Example]:
    section = _section(readme, "### Example files, one per format")
    found = re.finditer(
        r"^`(?P<path>[^`]+)`(?:, [^:\n]*)?:\n\n```\w*\n(?P<text>.*?)```\n\nStored as (?P<ids>[^\n]*?)(?: \(|\.\n)",
        section,
        re.DOTALL | re.MULTILINE,
    )
    return [Example(m["path"], m["text"], re.findall(r"`([^`]+)`", m["ids"])) for m in found]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("clone") / "factcheck"
    subprocess.run(["git", "clone", "--quiet", str(REPOSITORY), str(target)], check=True, timeout=120)
    return target


def _environment(clone: Path, home: Path) -> dict[str, str]:
    """The user's shell: this venv's packages, the clone's code, an empty home, no FACTCHECK_ settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_") and k != "PYTHONPATH"}
    return env | {"PYTHONPATH": str(clone), "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share")}


def _factcheck(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    assert command[0] == "factcheck", command
    argv = [sys.executable, "-m", "factcheck.cli", *command[1:]]
    return subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=600)


def _warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if "warning:" in line]


def test_fresh_clone_walkthrough(clone: Path, tmp_path: Path, browser: Any) -> None:
    readme = (clone / "README.md").read_text(encoding="utf-8")
    commands = _commands(readme)
    examples = _examples(readme)
    formats = {Path(e.path).suffix for e in examples}
    assert {".jsonl", ".md", ".csv", ".tsv", ".txt", ".html", ".vtt"} <= formats, formats

    work = tmp_path / "desk"
    work.mkdir()
    env = _environment(clone, tmp_path / "home")
    for example in examples:
        (work / example.path).parent.mkdir(parents=True, exist_ok=True)
        (work / example.path).write_text(example.text, encoding="utf-8")
    (work / "article.txt").write_text(ARTICLE, encoding="utf-8")

    *batch, serve = commands
    assert serve[:2] == ["factcheck", "serve"]
    # Before anything is ingested, checking is refused and says how to fill a store.
    first = _factcheck(batch[0], env, work)
    assert batch[0][:2] == ["factcheck", "check"] and first.returncode == 2
    assert "factcheck ingest" in first.stderr and "Traceback" not in first.stderr
    store = work / batch[0][batch[0].index("--store") + 1]
    assert not store.exists()
    done_before: list[list[str]] = []
    for command in batch[1:]:
        done = _factcheck(command, env, work)
        assert done.returncode == 0, (command, done.stderr)
        assert _warnings(done.stderr) == [], (command, done.stderr)
        assert "Traceback" not in done.stderr
        if command in done_before:
            # The same ingest again finds everything stored already.
            assert "0 added, 0 replaced" in done.stdout, done.stdout
        done_before.append(command)
    assert any(command[1] == "ingest" and done_before.count(command) > 1 for command in done_before)

    # Every example is stored under the ids the README gives, and every quote of it is verified.
    listed = _factcheck(["factcheck", "check", "article.txt", "--store", store.name, "--format", "json"], env, work)
    quotes = json.loads(listed.stdout)["quotes"]
    verdicts = {q["text"].strip(' ,."“”').lower(): q for q in quotes}
    invented = verdicts.pop(INVENTED.strip(".").lower())
    assert invented["verdict"]["label"] == "not_found"
    expected_ids = {i for e in examples for i in e.ids}
    cited = set()
    for text, quote in verdicts.items():
        assert quote["verdict"]["label"] == "verified", (text, quote["verdict"], quote["speaker"])
        cited.add(quote["evidence"][0]["document"]["id"])
    assert cited <= expected_ids
    for example in examples:
        assert set(example.ids) & cited, f"no quote verified from {example.path}"

    # The README's serve command, on a free port; its log is kept for a failure's message.
    options = serve[2:]
    served = work / options.pop(options.index("--store") + 1)
    options.remove("--store")
    with serving(served, *options, env=env, log=tmp_path / "serve.log", timeout=120, cwd=work) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base + "/sources")
        rows = page.locator("table.sources tbody tr .doc-id").all_inner_texts()
        assert set(rows) == expected_ids
        page.goto(base + "/")
        assert page.locator("#no-sources").count() == 0
        page.fill("#text", ARTICLE)
        page.click("#check-button")
        page.wait_for_selector("#results .card")
        assert page.locator("#results article.card").count() == len(quotes)
        assert page.locator("#results article.card.v-verified").count() == len(verdicts)
        page.get_by_role("button", name="Not found").click()
        assert page.locator("#results article.card:not([hidden])").count() == 1
        context.close()
