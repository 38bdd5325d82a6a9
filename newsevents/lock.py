"""One run at a time per output folder."""
from __future__ import annotations

import fcntl
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path


@contextmanager
def output_lock(output: Path, say: Callable[[str], object] = print) -> Iterator[None]:
    """Holds an exclusive lock on output/.lock; a second run waits and says so.

    The whole run (clean-up, staging, publish) happens under the lock, so two
    publishes never interleave. flock is released by the kernel when the process
    dies, so a killed run never leaves a stale lock behind.
    """
    path = Path(output) / ".lock"
    with open(path, "a+") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            holder = f.read().strip() or "another run"
            say(f"{output} is locked by {holder}; waiting for it to finish")
            t0 = time.monotonic()
            fcntl.flock(f, fcntl.LOCK_EX)
            say(f"{output} is free after {time.monotonic() - t0:.1f} s; this run goes on")
        f.seek(0)
        f.truncate()
        f.write(f"pid {os.getpid()} on {socket.gethostname()} since "
                f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC")
        f.flush()
        try:
            yield
        finally:
            f.seek(0)
            f.truncate()
            f.flush()
            fcntl.flock(f, fcntl.LOCK_UN)
