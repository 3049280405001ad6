"""The training process's own side: steps the runs the window sends (core.run_process).

It lives until told to quit or until the window's end of the pipe closes. A run steps in
chunks of ~CHUNK_S between looks at the messages, so a frame's request or a stop waits one
chunk at most.
"""

from __future__ import annotations

import time
from multiprocessing.connection import Connection
from typing import Any

import numpy as np

from linreg_lab.core.run_pipe import ArrayUnpickler, received_array
from linreg_lab.core.timeline import Timeline

__all__ = ["serve"]

CHUNK_S = 0.002  # the worker's steps between two looks at its messages


def serve(conn: Connection) -> None:
    """The worker's life: runs, one at a time, until told to quit or the window is gone."""
    from threadpoolctl import threadpool_limits
    threadpool_limits(limits=1, user_api="blas")  # as in the window: the same sums, bit for bit
    arrays: dict[int, np.ndarray] = {}
    conn.send(("ready",))
    try:
        while True:
            message = conn.recv()
            if message[0] == "array":
                _, key, shape, dtype = message
                arrays[key] = received_array(conn, shape, dtype)
            elif message[0] == "run":
                _, run, blob, keep, stop_epoch = message
                for key in [k for k in arrays if k not in set(keep)]:
                    del arrays[key]
                _run(conn, run, ArrayUnpickler(blob, arrays).load(), stop_epoch)
            elif message[0] == "quit":
                return
            # a frame or stop request that came after a run ended by itself: nothing to do
    except (EOFError, OSError):
        return  # the window closed the pipe, or is gone


def _run(conn: Connection, run: int, timeline: Timeline[Any], stop_epoch: int | None) -> None:
    """Step until asked to stop, at `stop_epoch`, or diverged; answer frame requests. Every
    message says which `run` it is of: the window drops those of a run it let go."""
    head = timeline.head
    since = head.progress_mark()
    chunk = 16
    while True:
        if conn.poll():
            message = conn.recv()
            if message[0] == "frame":
                progress = head.progress(since)
                since = progress.history.mark
                conn.send(("progress", run, progress))
                continue
            if message[0] == "stop":
                break
        k = chunk if stop_epoch is None else min(chunk, head.steps_to_epoch(stop_epoch))
        if k <= 0 or head.diverged:
            break
        start = time.perf_counter()
        done = timeline.step(k)
        if done < k:
            break
        chunk = _next_chunk(chunk, time.perf_counter() - start)
    checkpoints, spacing = timeline.kept_checkpoints()
    conn.send(("end", run, head.progress(since, end=True), checkpoints, spacing))


def _next_chunk(chunk: int, seconds: float) -> int:
    per_step = max(seconds / chunk, 1e-8)
    return int(min(1 << 20, max(1, 0.5 * chunk + 0.5 * CHUNK_S / per_step)))
