"""Pausing Python's cyclic garbage collector while a batch job builds many objects.

Building a year's DDAS export (about a million dicts) or writing a month's meldingen (model
objects per row) made the collector walk the growing heap again and again: about a third of
their time (docs/performance.md). Those objects hold no reference cycles that matter, so
reference counting frees them as before; cycles made meanwhile are collected once the
collector resumes.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Switch the cyclic collector off for the block and back on after it (also after an
    error); when it was already off, leave it off. Usable as a decorator too."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
