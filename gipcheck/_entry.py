"""The ``gipcheck`` command's entry point.

Ctrl-C at any moment prints one line and exits 130: during start-up (importing the command line,
the linter, the rules) a signal handler does it — a KeyboardInterrupt there would otherwise print
a traceback from whatever module was being imported — and from the moment the command line runs,
its own ``except KeyboardInterrupt`` does.
"""

from __future__ import annotations

import gc
import os
import signal
import sys

_gc_paused = False


def _interrupted(signum, frame) -> None:  # pragma: no cover - exercised through a real signal
    try:
        sys.stderr.write("gipcheck: 已中断 (interrupted)\n")
        sys.stderr.flush()
    finally:
        os._exit(130)


def resume_gc() -> None:
    """Turn the cyclic garbage collector back on once start-up is over (the command line calls
    this after building its first linter). Start-up makes tens of thousands of objects (modules,
    classes, rules, profiles) and frees almost none: collecting during it only costs time (a
    fifteenth of a cold run). What start-up made is then frozen out of later collections."""
    global _gc_paused
    if _gc_paused:
        _gc_paused = False
        gc.freeze()
        gc.enable()


def main() -> None:
    global _gc_paused
    if gc.isenabled():
        gc.disable()
        _gc_paused = True
    try:
        signal.signal(signal.SIGINT, _interrupted)
    except (ValueError, OSError):  # not the main thread, or no signals here: nothing to guard
        pass
    from .cli import main as run

    try:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    except (ValueError, OSError):
        pass
    try:
        run()
    finally:
        resume_gc()
