"""`POST /v1/eval`: a suite in the body, the report JSON back, bad suites as 4xx."""

from __future__ import annotations

from pathlib import Path

from api_support import running_client

from factcheck.pipeline import Components
from factcheck.sources import load_path

CORPUS = Path(__file__).resolve().parents[1] / "eval" / "suites" / "handwritten_corpus.jsonl"
PARAMEDICS = "We will hire forty new paramedics this year, because response times in the north end are still too long."


def test_eval_answers_with_the_report(components: Components) -> None:
    components.get_store().add_documents(load_path(CORPUS))
    body = {
        "name": "newsroom",
        "records": [
            {"id": "v", "quote": PARAMEDICS, "speaker": "Maria Castellanos", "label": "verified"},
            {"id": "m", "quote": PARAMEDICS, "speaker": "Daniel Okafor", "label": "misattributed",
             "actual_speaker": "Maria Castellanos"},
        ],
    }  # fmt: skip
    with running_client(components, api_key="k3y-secret") as (client, _):
        response = client.post("/v1/eval", json=body, headers={"Authorization": "Bearer k3y-secret"})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["suite"] == "newsroom" and report["kind"] == "quotes"
    assert [i["id"] for i in report["items"]] == ["v", "m"]
    assert {"accuracy", "macro_f1", "ece", "actual_speaker_accuracy"} <= set(report["metrics"])
    assert report["settings"]["api_key"] == "***"
    assert "k3y-secret" not in response.text


def test_eval_rejects_bad_suites(components: Components) -> None:
    with running_client(components) as (client, _):
        bad_label = client.post(
            "/v1/eval", json={"records": [{"id": "x", "quote": "q", "speaker": None, "label": "lie"}]}
        )
        assert bad_label.status_code == 422
        assert "record 1: label" in bad_label.json()["error"]["message"]
        assert client.post("/v1/eval", json={"records": []}).status_code == 422
        too_many = [{"id": str(i), "quote": "q", "speaker": None, "label": "not_found"} for i in range(51)]
        assert client.post("/v1/eval", json={"records": too_many}).status_code == 422
        polnear = client.post("/v1/eval", json={"kind": "polnear", "records": [{"id": "a"}]})
        assert polnear.status_code == 422
