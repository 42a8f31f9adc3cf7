"""Running the validator's work side by side.

Reading and checking a table is mostly C code that releases the GIL: parsing (pyarrow),
hashing (hashlib), regular expressions and compute kernels (Arrow). So plain threads keep
every core busy; results are always collected in a fixed order, so reports do not
depend on timing. Every thread started here is scoped: joined before the call (or the
``with`` block) that started it ends, so none is still running native code when the
interpreter shuts down.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

_T = TypeVar("_T")
_R = TypeVar("_R")

CORES = os.cpu_count() or 1


def in_parallel(work: Callable[[_T], _R], items: list[_T]) -> list[_R]:
    """``[work(item) for item in items]`` on a thread per core, in the order of ``items``.

    Every thread is finished before this returns, on error too: work not yet started is
    cancelled and work under way is awaited, so no thread is left in native code when
    the interpreter exits."""
    workers = min(len(items), CORES)
    if workers <= 1:
        return [work(item) for item in items]
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="trd-table")
    try:
        return list(pool.map(work, items))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# Below this many bytes, side work on a file is done in place: starting a thread costs
# more than hashing or scanning a small file takes.
SIDE_THREAD_BYTES = 1 << 18


@contextmanager
def in_background(work: Callable[..., _R], *args: Any, size: int | None = None) -> Iterator[Future[_R]]:
    """``work(*args)`` on a side thread for the duration of a ``with`` block; ``.result()``
    waits for it. The thread is joined when the block ends, however it ends (an early
    return or an exception included): side work never outlives the reader that started
    it, nor the data it reads (a memory map may be closed right after). Work on fewer
    than ``SIDE_THREAD_BYTES`` (``size``) is done before the block, on this thread."""
    if size is not None and size < SIDE_THREAD_BYTES:
        done: Future[_R] = Future()
        try:
            done.set_result(work(*args))
        except Exception as exc:  # raised again by .result(), as it would be from a thread
            done.set_exception(exc)
        yield done
        return
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="trd-side")
    try:
        yield pool.submit(work, *args)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
