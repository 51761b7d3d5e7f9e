"""One way to run long work off the UI thread: `Job(...).on_event(...).on_success(...).start()`.

The work is a generator factory (the services' shape): the worker thread iterates it,
checks the cancel flag between items, and sends each item to the UI thread. Cancelling is
cooperative: the flag is seen at the next item, the generator is closed, and `cancelled`
fires; the UI treats that as normal, not as an error.

All model work shares one worker thread (like Anki's single collection executor): models and
the services are not thread-safe, and the user waits on one long task at a time anyway.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from typing import Any

from app.qt import QObject, QRunnable, QThreadPool, Signal
from app.services import USER_ERRORS

log = logging.getLogger(__name__)

# How much less eager than the window the model thread is for the CPU (Linux "nice"). The
# threads CTranslate2 and llama.cpp start for their maths inherit it, so on a 2-core laptop
# the window (and the audio capture) get a core the moment they need one, while the models
# still use every core when the window is idle. A lower priority is always allowed.
MODEL_NICENESS = 5

_model_pool: QThreadPool | None = None


def model_pool() -> QThreadPool:
    global _model_pool
    if _model_pool is None:
        _model_pool = QThreadPool()
        _model_pool.setMaxThreadCount(1)
        _model_pool.setExpiryTimeout(-1)
    return _model_pool


def _lower_this_threads_priority() -> None:
    """The window's niceness plus MODEL_NICENESS for the calling worker thread (Linux:
    niceness is per thread). Set absolutely, not added: a pooled thread runs many jobs."""
    if _WINDOW_NICENESS is None:
        return
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(),
                       min(19, _WINDOW_NICENESS + MODEL_NICENESS))
    except OSError:
        log.info("could not lower the model thread's priority", exc_info=True)


# Read on the UI thread when this module is imported (PRIO_PROCESS 0: the calling thread).
_WINDOW_NICENESS = os.getpriority(os.PRIO_PROCESS, 0) if hasattr(os, "getpriority") else None


class Cancelled(Exception):
    """Raised inside the work when the user cancels; reported through `cancelled`."""


class _Signals(QObject):
    progressed = Signal(object)  # not `event`: that would hide QObject.event()
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()


class _Runner(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.job = job

    def run(self) -> None:
        _lower_this_threads_priority()
        job, signals = self.job, self.job.signals
        last: Any = None
        try:
            events = job.work()
            try:
                for last in events:
                    if job.cancel_requested:
                        raise Cancelled
                    signals.progressed.emit(last)
            finally:
                close = getattr(events, "close", None)
                if close:
                    close()
            if job.cancel_requested:
                raise Cancelled
            signals.succeeded.emit(last)
        except Cancelled:
            signals.cancelled.emit()
        except USER_ERRORS as exc:
            signals.failed.emit(" ".join(str(exc).split()))
        except Exception as exc:  # noqa: BLE001 - surfaced to the user, logged in full
            log.exception("background job failed")
            signals.failed.emit(f"Something went wrong ({type(exc).__name__}: {exc}). "
                                "Try again; if it happens again, tell your IT team.")
        finally:
            signals.finished.emit()


class Job:
    """A cancellable background task whose results arrive on the UI thread."""

    _alive: set[Job] = set()  # keeps running jobs referenced until they finish

    def __init__(self, work: Callable[[], Iterator[Any]], *,
                 pool: QThreadPool | None = None) -> None:
        self.work = work
        self.signals = _Signals()
        self.pool = pool or model_pool()
        self._cancel = threading.Event()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def on_event(self, fn: Callable[[Any], None]) -> Job:
        self.signals.progressed.connect(fn)
        return self

    def on_success(self, fn: Callable[[Any], None]) -> Job:
        self.signals.succeeded.connect(fn)
        return self

    def on_failure(self, fn: Callable[[str], None]) -> Job:
        self.signals.failed.connect(fn)
        return self

    def on_cancelled(self, fn: Callable[[], None]) -> Job:
        self.signals.cancelled.connect(fn)
        return self

    def on_finished(self, fn: Callable[[], None]) -> Job:
        self.signals.finished.connect(fn)
        return self

    def start(self) -> Job:
        Job._alive.add(self)
        self.signals.finished.connect(lambda: Job._alive.discard(self))
        self.pool.start(_Runner(self))
        return self
