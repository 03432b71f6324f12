"""One function over many items, shared among forked processes: each process starts as a
copy of this one, so the function and its inputs are never pickled, only its results.

Forking is safe only while no other thread runs (a lock another thread holds would stay held
in the copy): with other threads running, as under `build.py serve`, the work is done here."""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import sys
import threading
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

AT_LEAST = 64  # fewer items than this: one process (a pool costs about 0.1 s)
_WORK: list[tuple[Callable, Sequence]] = []  # what the forked processes read


def _share(share: tuple[int, int]) -> list:
    first, step = share
    func, items = _WORK[0]
    return [func(item) for item in items[first::step]]


def trim_heap() -> None:
    """Give the C heap's free pages back to the system (glibc's malloc_trim) before forking.
    A forked process counts the pages it shares with its parent in its own resident set, and
    a build's heap is full of holes that reading thousands of cached files left: at N = 5000
    the main process went from 205 to 134 MB before analysis. Elsewhere, nothing happens."""
    if not sys.platform.startswith("linux"):
        return  # glibc's call; CDLL(None) is not even allowed on Windows
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # a Linux without glibc (musl)
        pass


def collect_rarely() -> None:
    """The build's settings for the cyclic garbage collector. A build makes millions of
    objects that live to its end; with the default thresholds (700, 10, 10) the collector
    scanned them over and over: about a third of a rebuild's time at N = 1000, and a
    quarter of the analysis's (its caches and models are long-lived objects too). Young
    objects are still collected; see also settle()."""
    gc.set_threshold(100_000, 20, 20)


def settle() -> None:
    """What lives now is taken to live on: young garbage is collected, the rest frozen (the
    cyclic collector stops scanning it, and a forked child stops copying the pages it would
    scan), and the heap's free pages are given back. Called between a build's phases and
    before forking; a few ms."""
    gc.collect(1)  # a full collection would cost what freezing saves
    gc.freeze()
    trim_heap()


def forked_map(func: Callable[[T], R], items: Sequence[T], workers: int, at_least: int | None = None) -> list[R]:
    """[func(item) for item in items], in `workers` forked processes when there are at least
    `at_least` items and the system can fork. Each process takes every `workers`-th item
    (long and short items spread evenly); results come back in the order of `items`."""
    if (workers < 2 or len(items) < (AT_LEAST if at_least is None else at_least) or threading.active_count() > 1
            or "fork" not in multiprocessing.get_all_start_methods()):
        return [func(item) for item in items]
    _WORK.append((func, items))
    settle()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            shares = pool.map(_share, [(i, workers) for i in range(workers)])
    finally:
        _WORK.clear()
    out: list = [None] * len(items)
    for first, results in enumerate(shares):
        out[first::workers] = results
    return out
