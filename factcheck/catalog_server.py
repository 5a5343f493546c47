"""A PostgreSQL server for the catalog, run from a data directory (made with `initdb` on first use).

For `serve --postgres DIR`, the test suite and the benchmarks; a deployment over several machines runs its
PostgreSQL as it runs any database, and gives every client its URL (FACTCHECK_CATALOG_URL).
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from types import TracebackType

from factcheck.errors import StoreError
from factcheck.processes import free_port, stop_process

USER = "factcheck"
START_SECONDS = 60.0
# PostgreSQL refuses to run as root; a root caller runs it as the system's `postgres` account.
SYSTEM_ACCOUNT = "postgres"


def postgres_bin() -> Path | None:
    """The directory of PostgreSQL's server programs (Debian keeps them out of PATH), or None."""
    found = shutil.which("postgres")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"), key=lambda p: int(Path(p).parts[-3]))
    return Path(versions[-1]).parent if versions else None


class PostgresServer:
    """One PostgreSQL server over `path`, listening on 127.0.0.1 only, with a trusted local user."""

    def __init__(self, path: Path, port: int | None = None, options: dict[str, str] | None = None) -> None:
        bindir = postgres_bin()
        if bindir is None:
            raise StoreError("PostgreSQL is not installed (Debian: apt-get install postgresql)")
        self.bindir = bindir
        self.path = path
        self.port = port or free_port()
        self.options = options or {}
        self.log_path = path.parent / f"{path.name}.postgres.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._account = SYSTEM_ACCOUNT if os.geteuid() == 0 else None

    @property
    def url(self) -> str:
        """The catalog URL clients use."""
        return f"postgresql://{USER}@127.0.0.1:{self.port}/postgres"

    def _own(self, path: Path) -> None:
        if self._account is not None:
            shutil.chown(path, self._account, self._account)

    def start(self) -> PostgresServer:
        """Create the data directory if needed, start the server and wait until it accepts connections."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not (self.path / "PG_VERSION").is_file():
            self.path.mkdir(mode=0o700, exist_ok=True)
            self._own(self.path)
            done = subprocess.run(
                [str(self.bindir / "initdb"), "-D", str(self.path), "-U", USER, "--auth=trust", "-E", "UTF8",
                 "--no-instructions"],
                capture_output=True, text=True, user=self._account, check=False,
            )  # fmt: skip
            if done.returncode != 0:
                raise StoreError(f"initdb {self.path} failed: {done.stderr.strip()[-500:]}")
        settings = {"listen_addresses": "127.0.0.1", "unix_socket_directories": "", **self.options}
        command = [str(self.bindir / "postgres"), "-D", str(self.path), "-p", str(self.port)]
        for key, value in settings.items():
            command += ["-c", f"{key}={value}"]
        with self.log_path.open("ab") as log:
            self._own(self.log_path)
            self._process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, user=self._account
            )
        try:
            self._wait(self._process)
        except BaseException:
            self.stop()
            raise
        return self

    def _wait(self, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise StoreError(f"PostgreSQL over {self.path} exited with {process.returncode}: {self.log()}")
            ready = subprocess.run(
                [str(self.bindir / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-U", USER],
                capture_output=True, check=False,
            )  # fmt: skip
            if ready.returncode == 0:
                return
            time.sleep(0.2)
        raise StoreError(f"PostgreSQL over {self.path} did not start within {START_SECONDS:.0f} s: {self.log()}")

    def stop(self) -> None:
        """Stop the server: a fast shutdown (SIGINT: clients are disconnected), SIGKILL if that hangs."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            stop_process(process, grace=0)

    def log(self) -> str:
        """The tail of the server's log."""
        try:
            return self.log_path.read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
