"""Stop signals reach the server's loop whichever thread the kernel delivers them to."""

from __future__ import annotations

import select
import signal
import threading

from registry.lifecycle import on_stop_signals


def _signals_read(sock, seconds: float) -> bytes:
    ready, _, _ = select.select([sock], [], [], seconds)
    return sock.recv(64) if ready else b""


def test_signal_delivered_to_another_thread_is_read_from_the_socket():
    reader, restore = on_stop_signals()
    try:
        waiting = threading.Event()
        done = threading.Event()

        def other() -> None:  # a thread that is not the main one, like a waitress worker
            waiting.set()
            done.wait(10)

        thread = threading.Thread(target=other)
        thread.start()
        waiting.wait(5)
        signal.pthread_kill(thread.ident, signal.SIGINT)  # the C handler runs in that thread
        signal.pthread_kill(thread.ident, signal.SIGTERM)
        done.set()
        thread.join(5)
        assert sorted(_signals_read(reader, 5)) == sorted([signal.SIGINT, signal.SIGTERM])
    finally:
        restore()
        reader.close()


def test_stop_signals_raise_nothing_in_the_main_thread_and_restore_puts_back_the_old_handlers():
    before = signal.getsignal(signal.SIGINT)
    reader, restore = on_stop_signals()
    try:
        signal.raise_signal(signal.SIGINT)  # no KeyboardInterrupt: the loop decides what a signal means
        assert list(_signals_read(reader, 5)) == [signal.SIGINT]
    finally:
        restore()
        reader.close()
    assert signal.getsignal(signal.SIGINT) is before
    assert signal.set_wakeup_fd(-1) == -1, "the wakeup fd is given back"
