"""The C allocator of a long-running process: fewer arenas, free memory given back (decision 65).

glibc's malloc gives a thread that allocates while another holds an arena an arena of its own,
up to eight per core, and each arena keeps what its threads freed for their own later use.
``newsdesk serve`` runs eight request threads, the job workers, the scheduler and the heartbeat
in one process; the ingest's C libraries (lxml's trees, numpy's batches) allocate outside the
GIL, so their buffers spread over many arenas and stay there. Python's own small objects do not
use these arenas (they have pymalloc's), so capping them costs little: the GIL already lets
one thread run Python at a time.

- ``tune_allocator()``, first thing in ``serve``, ``web`` and ``worker``, before any thread:
  at most ``ARENAS`` arenas (``mallopt(M_ARENA_MAX)``), and blocks of ``MMAP_BYTES`` or more
  mapped on their own and unmapped when freed (``mallopt(M_MMAP_THRESHOLD)``). glibc's default
  threshold starts there but rises to 32 MB each time such a block is freed, so the batches of
  extraction and embedding end up kept in the heap, where freeing them gives nothing back. A
  ``MALLOC_ARENA_MAX`` or ``MALLOC_MMAP_THRESHOLD_`` in the environment is the operator's
  choice and is left alone.
- ``give_back()``: return the free pages at the top of each arena and the wholly free pages
  inside them to the system (``malloc_trim(0)``), called by the scheduler between its passes.

Elsewhere than glibc (macOS, musl) both do nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys
from functools import cache
from typing import Any

logger = logging.getLogger("newsdesk.worker")

#: Arenas a process may have: the main one and one more.
ARENAS = 2
#: Blocks at least this large are mapped apart and given back when freed (glibc's first value).
MMAP_BYTES = 128 * 1024
_M_MMAP_THRESHOLD = -3  # glibc's malloc.h
_M_ARENA_MAX = -8


@cache
def _libc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
    except (OSError, AttributeError):  # not glibc
        return None
    return libc


def tune_allocator() -> list[str]:
    """Cap the arenas and fix the mapping threshold (see above); the settings made."""
    made = []
    if cap_arenas():
        made.append(f"arenas {ARENAS}")
    libc = _libc()
    chosen = os.environ.get("MALLOC_MMAP_THRESHOLD_")
    if libc is not None and not chosen and libc.mallopt(_M_MMAP_THRESHOLD, MMAP_BYTES):
        made.append(f"mmap threshold {MMAP_BYTES}")
    return made


def cap_arenas(arenas: int = ARENAS) -> bool:
    """Allow at most ``arenas`` malloc arenas from now on; True when the cap is set."""
    libc = _libc()
    if libc is None or os.environ.get("MALLOC_ARENA_MAX"):
        return False
    return bool(libc.mallopt(_M_ARENA_MAX, arenas))


def give_back() -> None:
    """Return the allocator's free memory to the system, where it can."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
