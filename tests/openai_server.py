"""A small OpenAI-compatible chat-completions server for tests, answering from scripted replies.

It speaks the wire format the real `openai` client and `langchain-openai` send and parse: a structured
answer comes back as a tool call when the request carries `tools`, otherwise as JSON message content
(`response_format` json_schema / json_object). Requests are recorded so tests can assert what was sent.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from factcheck.config import Settings

Request = dict[str, Any]


@dataclass(frozen=True)
class Reply:
    """One scripted HTTP answer."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    raw: bytes | None = None


Script = Reply | Callable[[Request], Reply]


def _usage(request: Request, completion: str) -> dict[str, int]:
    prompt_words = sum(len(str(m.get("content") or "").split()) for m in request.get("messages", []))
    completion_words = len(completion.split())
    return {
        "prompt_tokens": prompt_words,
        "completion_tokens": completion_words,
        "total_tokens": prompt_words + completion_words,
    }


def completion(request: Request, *, content: str | None = None, arguments: str | None = None) -> dict[str, Any]:
    """A chat.completion body; `arguments` answers with a tool call to the requested tool."""
    message: dict[str, Any] = {"role": "assistant", "content": content, "refusal": None}
    finish = "stop"
    if arguments is not None:
        tool = request["tools"][0]["function"]["name"]
        message["content"] = None
        message["tool_calls"] = [
            {"id": "call_1", "type": "function", "function": {"name": tool, "arguments": arguments}}
        ]
        finish = "tool_calls"
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "test-model"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": _usage(request, content or arguments or ""),
    }


def answer(payload: Any) -> Callable[[Request], Reply]:
    """A structured answer, sent the way the request asked for it (tool call or JSON content)."""

    def reply(request: Request) -> Reply:
        text = json.dumps(payload)
        if request.get("tools"):
            return Reply(body=completion(request, arguments=text))
        return Reply(body=completion(request, content=text))

    return reply


def content(text: str) -> Callable[[Request], Reply]:
    """A reply whose message content (or tool arguments) is exactly `text`, e.g. invalid JSON."""

    def reply(request: Request) -> Reply:
        if request.get("tools"):
            return Reply(body=completion(request, arguments=text))
        return Reply(body=completion(request, content=text))

    return reply


def error(status: int, *, retry_after: float | None = None, message: str = "scripted error") -> Reply:
    """An API error in OpenAI's error shape."""
    headers = {} if retry_after is None else {"retry-after": str(retry_after)}
    return Reply(status=status, body={"error": {"message": message, "type": "server_error"}}, headers=headers)


def slow(seconds: float, then: Script) -> Callable[[Request], Reply]:
    """`then`, sent after `seconds`."""

    def reply(request: Request) -> Reply:
        inner = then(request) if callable(then) else then
        return Reply(inner.status, inner.body, inner.headers, seconds, inner.raw)

    return reply


def schema_name(request: Request) -> str:
    """The name of the structured-output schema a request asks for."""
    if request.get("tools"):
        return str(request["tools"][0]["function"]["name"])
    return str((request.get("response_format") or {}).get("json_schema", {}).get("name", ""))


def by_schema(**scripts: Script) -> Callable[[Request], Reply]:
    """A responder answering each request with the script named after its schema."""

    def reply(request: Request) -> Reply:
        script = scripts.get(schema_name(request))
        if script is None:
            return error(500, message=f"no script for schema {schema_name(request)!r}")
        return script(request) if callable(script) else script

    return reply


class ScriptedOpenAI:
    """Serves `/v1/chat/completions` from a queue of replies, or from a fallback responder."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.headers: list[dict[str, str]] = []
        self._script: deque[Script] = deque()
        self._fallback: Callable[[Request], Reply] | None = None
        self._lock = threading.Lock()
        self.port = 0

    def requests_for(self, schema: str) -> list[Request]:
        """Recorded requests that asked for `schema`."""
        return [r for r in self.requests if schema_name(r) == schema]

    @property
    def url(self) -> str:
        """Base URL to give the client."""
        return f"http://127.0.0.1:{self.port}/v1"

    def enqueue(self, *replies: Script) -> None:
        """Replies for the next requests, in order."""
        with self._lock:
            self._script.extend(replies)

    def respond_with(self, responder: Callable[[Request], Reply]) -> None:
        """Answer every request not covered by the queue with `responder`."""
        self._fallback = responder

    def next_reply(self, request: Request, headers: dict[str, str]) -> Reply:
        """Record the request and pick its reply."""
        with self._lock:
            self.requests.append(request)
            self.headers.append(headers)
            script = self._script.popleft() if self._script else self._fallback
        if script is None:
            return error(500, message="no scripted reply left")
        return script(request) if callable(script) else script


def _handler(server: ScriptedOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length)
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._send(Reply(status=404, body={"error": {"message": f"no route {self.path}"}}))
                return
            reply = server.next_reply(json.loads(raw), {k.lower(): v for k, v in self.headers.items()})
            if reply.delay:
                time.sleep(reply.delay)
            self._send(reply)

        def _send(self, reply: Reply) -> None:
            data = reply.raw if reply.raw is not None else json.dumps(reply.body).encode()
            try:
                self.send_response(reply.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                # The client gave up (timeout test); nothing to deliver.
                return

    return Handler


@contextmanager
def serve() -> Iterator[ScriptedOpenAI]:
    """Run a scripted server on a free loopback port for the duration of the block."""
    scripted = ScriptedOpenAI()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(scripted))
    httpd.daemon_threads = True
    httpd.block_on_close = False
    scripted.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield scripted
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def llm_settings(
    server: ScriptedOpenAI, tmp_path: Path, model: str, key: str | None = None, **overrides: Any
) -> Settings:
    """Settings for `model` behind `server`: short timeout, no retries, a cache under `tmp_path`."""
    values: dict[str, Any] = {
        "store": tmp_path / "store",
        "llm_model": model,
        "llm_base_url": server.url,
        "llm_timeout": 0.5,
        "llm_retries": 0,
        "llm_cache": tmp_path / "llm-cache",
    }
    if key is not None:
        # The key is read through its environment names only, never a plain field name.
        values["FACTCHECK_LLM_API_KEY"] = key
    values.update(overrides)
    return Settings(**values)
