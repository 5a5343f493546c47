"""Schemathesis over the OpenAPI document of a running server: no 5xx, no answer that breaks the schema.

Run: .venv/bin/python -m benchmarks.fuzz_api [--max-examples 1500] [--seed N] [--out FILE]

Starts a real `factcheck serve` on loopback with two sample sources (and an API key, so the 401 answers
are exercised too), runs schemathesis with every check that judges our answers, and prints the run's
figures: requests generated, operations tested, failures and errors. The test suite runs the same
checks with fewer examples (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

from benchmarks.measure import emit, machine
from benchmarks.serving import serve

# Every check that judges our answers. Left out: positive_data_acceptance (a schema-valid body can still be
# refused with 422 on meaning: a blank text, an eval suite of empty records) and the stateful resource checks.
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "missing_required_header",
    "allow_header_conformance",
)
SAMPLE_SOURCES = [
    {
        "id": "harbor-speech",
        "text": "We will rebuild the seawall before the next storm season, and we will do it without raising taxes.",
        "speaker": "Maria Delgado",
        "date": "2024-03-14",
    },
    {
        "id": "budget-hearing",
        "text": "The budget before you is balanced for the first time in a decade.",
        "speaker": "Thomas Whitfield",
    },
]


def run_schemathesis(
    base: str, report: Path, max_examples: int, seed: int = 20261127, headers: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """One schemathesis run over `base`/openapi.json, its JSON report written to `report`."""
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run",
        f"{base}/openapi.json",
        "--checks",
        ",".join(CHECKS),
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        str(max_examples),
        "--seed",
        str(seed),
        "--workers",
        "1",
        "--request-timeout",
        "120",
        "--generation-database",
        "none",
        "--no-color",
        "--report",
        "json",
        "--report-json-path",
        str(report),
    ]
    for name, value in (headers or {}).items():
        command += ["--header", f"{name}: {value}"]
    return subprocess.run(command, capture_output=True, text=True, timeout=6 * 3600)


def summary(report: Path) -> dict[str, Any]:
    """The figures of a schemathesis JSON report that matter here."""
    data = json.loads(report.read_text(encoding="utf-8"))
    return {
        "operations_tested": data["operations"]["tested"],
        "operations_total": data["operations"]["total"],
        "requests": data["test_cases"]["generated"],
        "failures": data["failures"],
        "errors": data["errors"],
        "unresolvable_references": data["warnings"]["unresolvable_reference"],
    }


def main(argv: list[str] | None = None) -> int:
    """Serve, fuzz, print the figures; exit 1 on any failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=1500, help="examples per operation and phase")
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--out", type=Path, default=None, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    key = "fuzz-key"
    env = {
        "FACTCHECK_MAX_TEXT_CHARS": "4000",
        "FACTCHECK_MAX_UPLOAD_BYTES": "200000",
        "FACTCHECK_API_KEY": key,
        "FACTCHECK_PROTECT": "writes",
    }
    with tempfile.TemporaryDirectory() as folder, serve(Path(folder) / "store", env=env) as base:
        auth = {"Authorization": f"Bearer {key}"}
        added = httpx.post(f"{base}/v1/sources", json={"documents": SAMPLE_SOURCES}, headers=auth, timeout=120)
        added.raise_for_status()
        report = Path(folder) / "report.json"
        run = run_schemathesis(base, report, args.max_examples, args.seed, auth)
        figures = {"max_examples": args.max_examples, "seed": args.seed, **summary(report), "machine": machine()}
    emit(figures, args.out)
    if run.returncode != 0:
        print(run.stdout[-6000:], file=sys.stderr)
    return 0 if run.returncode == 0 and not figures["failures"] and not figures["errors"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
