"""Per-worker runtime: loads the models and the store once, reports readiness, serialises compute."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, TypeVar

from fastapi import Depends, Request

from factcheck.config import Settings
from factcheck.errors import BusyError, FactcheckError
from factcheck.pipeline import Components, Pipeline
from factcheck.stages import Extractor

log = logging.getLogger(__name__)
T = TypeVar("T")


class Runtime:
    """Owns the loaded pipeline of one worker process."""

    def __init__(self, components: Components) -> None:
        self.components = components
        self._load_lock = threading.Lock()
        # spaCy is not documented as thread-safe and the work is CPU-bound, so one computation (checking,
        # extracting, ingesting, deleting, evaluating) runs at a time per worker; more throughput comes from
        # more workers. Store reads skip the queue (see routes_sources).
        self._compute_lock = threading.Lock()
        self._pipeline: Pipeline | None = None
        self._extractor: Extractor | None = None
        self.error: str | None = None
        self.loading = False
        self.load_seconds: float | None = None
        self._settled = threading.Event()
        # Each link being fetched holds a thread-pool thread for up to the fetch timeout: a few at a time.
        self._fetch_slots = threading.BoundedSemaphore(components.settings.fetch_concurrency)

    def start_warm_up(self) -> threading.Thread:
        """Warm up in a background thread so the server answers probes while models load."""
        self.loading = True
        thread = threading.Thread(target=self.warm_up, name="factcheck-warm-up", daemon=True)
        thread.start()
        return thread

    def wait(self, timeout: float | None = None) -> bool:
        """Block until a warm-up has finished (successfully or not)."""
        return self._settled.wait(timeout)

    def warm_up(self) -> None:
        """Load models and open the store now, recording a failure instead of raising it."""
        self.loading = True
        started = time.perf_counter()
        try:
            pipeline = self.pipeline()
            self.components.get_embedder().embed(["warm up"])
            pipeline.extractor.extract('"Warm up," she said.')
            self.load_seconds = time.perf_counter() - started
            log.info("pipeline ready in %.1f s", self.load_seconds)
        except FactcheckError as exc:
            log.warning("pipeline not ready: %s", exc.message)
        except Exception as exc:
            self.error = f"loading failed: {exc}"
            log.exception("pipeline failed to load")
        finally:
            self.loading = False
            self._settled.set()

    def pipeline(self) -> Pipeline:
        """The full pipeline, built on first use; raises StoreError/ModelError when it cannot be."""
        with self._load_lock:
            if self._pipeline is None:
                try:
                    self._pipeline = self.components.pipeline()
                    self._extractor = self._pipeline.extractor
                    self.error = None
                except FactcheckError as exc:
                    self.error = exc.message
                    raise
        return self._pipeline

    def extractor(self) -> Extractor:
        """The extractor alone, which needs no store."""
        with self._load_lock:
            if self._extractor is None:
                try:
                    self._extractor = self.components.extractor()
                except FactcheckError as exc:
                    self.error = exc.message
                    raise
        return self._extractor

    @property
    def ready(self) -> bool:
        """True once the pipeline is built."""
        return self._pipeline is not None

    def run(self, work: Callable[[], T]) -> T:
        """Run CPU-bound work under the compute lock."""
        with self._compute_lock:
            return work()

    @contextmanager
    def fetch_slot(self) -> Iterator[None]:
        """Hold one of this worker's fetch slots; BusyError at once when all are taken."""
        if not self._fetch_slots.acquire(blocking=False):
            limit = self.components.settings.fetch_concurrency
            raise BusyError(f"this server is already fetching {limit} links; try again shortly")
        try:
            yield
        finally:
            self._fetch_slots.release()

    def readiness(self) -> tuple[bool, str]:
        """Whether this worker can answer checks, and why not."""
        if self._pipeline is None:
            if self.loading:
                return False, "models are loading"
            return False, self.error or "models are not loaded"
        try:
            self._pipeline.store.ping()
        except FactcheckError as exc:
            return False, exc.message
        except Exception as exc:
            return False, f"store is not reachable: {exc}"
        return True, "ready"


async def current_runtime(request: Request) -> Runtime:
    """Dependency: this worker's runtime."""
    runtime: Runtime = request.app.state.runtime
    return runtime


async def current_settings(request: Request) -> Settings:
    """Dependency: the settings the app was built with."""
    settings: Settings = request.app.state.settings
    return settings


RuntimeDep = Annotated[Runtime, Depends(current_runtime)]
SettingsDep = Annotated[Settings, Depends(current_settings)]
