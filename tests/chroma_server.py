"""A real `chroma run` server from the installed chromadb package, on a free loopback port in a temp dir."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType

from factcheck.processes import chroma_command, free_port, stop_process


class ChromaServer:
    """Starts, stops and restarts one server on a fixed port and data directory."""

    def __init__(self, path: Path, port: int | None = None) -> None:
        binary = chroma_command()
        if binary is None:
            raise RuntimeError("the `chroma` command from the chromadb package is not installed")
        self.binary = binary
        self.path = path
        self.port = port or free_port()
        self.log_path = path.parent / f"{path.name}.chroma.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> ChromaServer:
        """Start the server and wait until it accepts connections."""
        self.path.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                [str(self.binary), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"chroma run exited with {self._process.returncode}: {self.log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"chroma run did not listen on port {self.port} within {timeout:.0f} s: {self.log()}")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL) and wait for the port to be released."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        stop_process(process)

    @property
    def running(self) -> bool:
        """Whether the server process is alive."""
        return self._process is not None and self._process.poll() is None

    def log(self) -> str:
        """The tail of the server's output."""
        try:
            return self.log_path.read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def __enter__(self) -> ChromaServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
