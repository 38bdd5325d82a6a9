"""Hands memory freed by a finished stage back to the operating system.

pyarrow's allocator and glibc's malloc both keep freed pages for re-use, so
without this the resident size of a long run only ever grows: each stage would
start from the previous stage's peak.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import lru_cache

import pyarrow as pa


@lru_cache(maxsize=1)
def _libc():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def release_memory(collect: bool = False) -> None:
    """collect: also run the cycle collector (slow with many live objects: stage ends only)."""
    if collect:
        gc.collect()
    pa.default_memory_pool().release_unused()
    libc = _libc()
    if libc is not None:  # glibc only; musl and macOS have no malloc_trim
        libc.malloc_trim(0)
