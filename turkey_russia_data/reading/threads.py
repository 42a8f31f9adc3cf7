"""Running the validator's work side by side.

Reading and checking a table is mostly C code that releases the GIL: parsing (pyarrow),
hashing (hashlib), regular expressions and compute kernels (Arrow). So plain threads keep
every core busy; results are always collected in a fixed order, so reports do not
depend on timing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

_T = TypeVar("_T")
_R = TypeVar("_R")

CORES = os.cpu_count() or 1

# Side work started while the calling thread does something else (a file's hash and its
# grammar check while it is parsed). Threads start on first use and idle afterwards.
_SIDE = ThreadPoolExecutor(max_workers=CORES, thread_name_prefix="trd-side")


def in_parallel(work: Callable[[_T], _R], items: list[_T]) -> list[_R]:
    """``[work(item) for item in items]`` on a thread per core, in the order of ``items``."""
    workers = min(len(items), CORES)
    if workers <= 1:
        return [work(item) for item in items]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="trd-table") as pool:
        return list(pool.map(work, items))


def in_background(work: Callable[..., _R], *args: Any) -> Future[_R]:
    """Start ``work(*args)`` on a side thread; ``.result()`` waits for it."""
    return _SIDE.submit(work, *args)
