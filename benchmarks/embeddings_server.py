"""An OpenAI-compatible embeddings endpoint on a loopback port, answering with the built-in model's vectors.

It stands in for a GPU server or an embeddings service, so that the endpoint backend can be compared with the
built-in model on the same data (tests, and `--serve` below for the evaluation suites):

  .venv/bin/python -m benchmarks.embeddings_server --port 8765     # then
  FACTCHECK_EMBEDDINGS_URL=http://127.0.0.1:8765/v1 FACTCHECK_EMBEDDINGS_MODEL=minilm factcheck eval ...

It speaks what the `openai` client sends: `input` as a string or a list, `encoding_format` float or base64
(the client's default). Requests are counted; `failures` makes the next requests answer 500.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np

from factcheck.stages import Embedder


class EmbeddingsEndpoint:
    """The server's state: the model behind it, requests seen, scripted failures."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.requests = 0
        self.texts = 0
        self.failures = 0
        self.port = 0
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        """The base URL a client is given (`.../v1`)."""
        return f"http://127.0.0.1:{self.port}/v1"

    def answer(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """The HTTP status and JSON body for one request body."""
        with self._lock:
            self.requests += 1
            if self.failures > 0:
                self.failures -= 1
                return 500, {"error": {"message": "scripted failure", "type": "server_error"}}
        texts = body.get("input")
        if isinstance(texts, str):
            texts = [texts]
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            return 400, {"error": {"message": "input must be a string or a list of strings", "type": "invalid"}}
        vectors = self.embedder.embed(texts)
        with self._lock:
            self.texts += len(texts)
        as_base64 = body.get("encoding_format") == "base64"
        data = [
            {
                "object": "embedding",
                "index": i,
                "embedding": base64.b64encode(row.astype("<f4").tobytes()).decode() if as_base64 else row.tolist(),
            }
            for i, row in enumerate(np.asarray(vectors, dtype=np.float32))
        ]
        words = sum(len(t.split()) for t in texts)
        usage = {"prompt_tokens": words, "total_tokens": words}
        return 200, {"object": "list", "data": data, "model": body.get("model", ""), "usage": usage}


def _handler(endpoint: EmbeddingsEndpoint) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except json.JSONDecodeError:
                status, answer = 400, {"error": {"message": "body is not JSON", "type": "invalid"}}
            else:
                if self.path.rstrip("/").endswith("/embeddings"):
                    status, answer = endpoint.answer(body)
                else:
                    status, answer = 404, {"error": {"message": f"no route {self.path}", "type": "not_found"}}
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            return None

    return Handler


@contextmanager
def serve_embeddings(embedder: Embedder, port: int = 0) -> Iterator[EmbeddingsEndpoint]:
    """Serve `embedder` on 127.0.0.1 (a free port unless given) until the block ends."""
    endpoint = EmbeddingsEndpoint(embedder)
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(endpoint))
    endpoint.port = int(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield endpoint
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def main() -> int:
    """Serve the built-in model until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    from factcheck.embed import load_embedder

    with serve_embeddings(load_embedder(), args.port) as endpoint:
        print(f"embeddings endpoint on {endpoint.url}", flush=True)
        with suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
