"""One BLAS thread in the window process: the lab's matrix work is small and interactive.

On a busy machine a multithreaded BLAS call on a few thousand rows spends most of its time
waiting for the scheduler to run its second thread (measured on 2 shared cores: a statistics
pass at 10⁵ rows 2.1 ms with one thread, 14 ms with two; least squares at 10⁶ rows 77 ms
against 139 ms). No interactive path measured faster with more threads, so the window pins
BLAS to one; scripts and notebooks using linreg_lab.core keep NumPy's default.
"""

from __future__ import annotations

from threadpoolctl import threadpool_limits

_limits: list[threadpool_limits] = []  # kept so the limit stays for the process's life


def pin_blas_to_one_thread() -> None:
    """Limit every loaded BLAS library to one thread (idempotent)."""
    if not _limits:
        _limits.append(threadpool_limits(limits=1, user_api="blas"))
