"""Process lifecycle: helper processes that die with their parent, and signals that stop cleanly."""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable

__all__ = ["die_with_parent", "on_stop_signals", "PARENT_POLL_SECONDS"]

log = logging.getLogger(__name__)
PARENT_POLL_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _parent_death_signal(sig: int) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, sig, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def die_with_parent(parent_pid: int) -> None:
    """End this process when ``parent_pid`` dies, even by SIGKILL.

    Two guards: the kernel's parent-death signal (Linux ``prctl``; it fires when the *thread* that
    started us ends, so start helpers from a long-lived thread), and a watchdog thread that polls
    the parent id, for other systems and for a parent that died before ``prctl`` ran.
    """
    _parent_death_signal(signal.SIGKILL)
    if os.getppid() != parent_pid:
        os._exit(0)

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            if os.getppid() != parent_pid:
                os._exit(0)

    threading.Thread(target=watch, name="mlfdo-parent-watchdog", daemon=True).start()


def on_stop_signals() -> tuple[socket.socket, Callable[[], None]]:
    """Route SIGTERM and SIGINT to a socket the caller's event loop reads; return it and a restore function.

    Each signal writes its number as one byte to the returned socket. The caller's loop acts on
    it. A Python signal handler would not do: CPython 3.11 runs handlers only in the main thread,
    when its evaluation loop notices a flag. If the kernel delivers the signal to another thread
    while the main thread waits in ``poll()``, that thread may clear the flag first. The handler
    then never runs, and the server idles on. The C-level wakeup fd is written whichever thread
    receives the signal. The Python handlers installed here do nothing: they only keep the
    default action (exit, KeyboardInterrupt) from happening. Main thread only.
    """
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    for sig in previous:
        signal.signal(sig, lambda _signum, _frame: None)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)

    def restore() -> None:
        signal.set_wakeup_fd(previous_fd)
        for sig, old in previous.items():
            signal.signal(sig, old)
        writer.close()

    return reader, restore
