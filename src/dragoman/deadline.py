"""A per-document time limit for the stages that run arbitrary input through third-party code.

::

    with time_limit(settings.document_timeout) as limit:
        article = extract_one(doc, settings)
    # raises StageTimeout when the time is up; ``limit.expired`` says so even if a library
    # caught the exception on its way out

The limit is a ``SIGALRM`` interval timer: after ``seconds`` it raises
:class:`~dragoman.errors.StageTimeout` in the running code, and again every quarter second until
the stage gives up. An interval timer already running (an outer limit, a test timeout) is
put back afterwards with the time it had left, or left alone when it ends first. Signals only
reach the main thread, so elsewhere (an API worker thread) the block runs unbounded; input
size caps still hold there.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from dragoman.errors import StageTimeout

__all__ = ["Deadline", "time_limit"]

_REPEAT = 0.25


@dataclass(slots=True)
class Deadline:
    """What :func:`time_limit` yields: its length and whether it ran out."""

    seconds: float
    enforced: bool = False
    expired: bool = False


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[Deadline]:
    """Stop the block with StageTimeout after ``seconds`` (0 or less: no limit)."""
    deadline = Deadline(seconds)
    if seconds <= 0 or not _can_alarm():
        yield deadline
        return
    outer_left, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    if outer_left and outer_left <= seconds:  # the outer timer ends first: let it act
        yield deadline
        return
    started = time.monotonic()

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        deadline.expired = True
        raise StageTimeout(f"stopped after {seconds:g} s on one document (document_timeout)")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    deadline.enforced = True
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)
    try:
        yield deadline
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:
            left = max(outer_left - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, outer_interval)
