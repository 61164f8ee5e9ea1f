"""A small pool of query workers for a server: processes forked once from the loaded
knowledge graph and sandboxed once (no network socket, dead with their parent), each
running one query at a time and writing its answer in the format asked for. A worker
that passes its time limit is killed and replaced, so a runaway query is really stopped,
as with :func:`paradiplo.query.run`, without a fork for every query.

Examples
--------
>>> from paradiplo.kg import load
>>> workers = Workers(load(), size=1)
>>> workers.run("ASK { ?s a pdo:Case }", {}, timeout=10, fmt="json")
b'{"head":{},"boolean":true}'
>>> workers.close()
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time

from ..errors import QueryError, QueryTimeout, ResultTooLarge
from ..kg import KnowledgeGraph, entail
from .execution import STORE_LOCK, _die_with_parent, _execute, _no_network, attempt
from .safety import check_query


def _answer(kg, text, bindings, inference, max_rows, dataset, fmt) -> bytes:
    """One job's answer, written in the requested format."""
    return _execute(kg, text, bindings, inference, max_rows, dataset).serialize(fmt)


def _serve_jobs(conn, kg) -> None:
    """A worker's life: sandbox itself, then answer jobs until its pipe closes."""
    _die_with_parent()
    _no_network()  # where seccomp is missing, check_query is the only guard
    while True:
        try:
            text, bindings, inference, max_rows, dataset, fmt = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(attempt(_answer, kg, text, bindings, inference, max_rows, dataset, fmt))


class Workers:
    """``size`` query worker processes over ``kg`` (read-only), started at the first query.

    :meth:`run` is safe to call from several threads; a caller that runs at most ``size``
    queries at once (as :mod:`paradiplo.serve` does) never waits for a worker.
    """

    def __init__(self, kg: KnowledgeGraph, size: int = 4):
        self._ds, self._size = kg, size
        self._idle: queue.SimpleQueue = queue.SimpleQueue()
        self._all: set = set()
        self._start = threading.Lock()
        self._started = False

    def _spawn(self):
        ctx = multiprocessing.get_context("fork")
        mine, theirs = ctx.Pipe()
        process = ctx.Process(target=_serve_jobs, args=(theirs, self._ds), daemon=True)
        with STORE_LOCK:  # no thread of this process is inside the store while it is forked
            process.start()
        theirs.close()
        worker = (process, mine)
        self._all.add(worker)
        return worker

    def _stop(self, worker) -> None:
        process, conn = worker
        self._all.discard(worker)
        conn.close()
        if process.is_alive():
            process.kill()
        process.join()

    def _take(self):
        with self._start:
            if not self._started:
                entail(self._ds)  # before the forks, so that it is computed once
                for _ in range(self._size):
                    self._idle.put(self._spawn())
                self._started = True
        worker = self._idle.get()
        return self._spawn() if worker is None else worker  # None: the place of a stopped worker

    def run(self, text: str, bindings: dict | None, timeout: float, *, inference: bool = True,
            max_rows: int | None = None, dataset: tuple | None = None, fmt: str = "json") -> bytes:
        """The answer to a query in ``fmt`` (a key of RESULT_FORMATS or GRAPH_FORMATS), as
        :func:`paradiplo.query.run` gives it, within ``timeout`` seconds, writing included.

        Raises QueryError, ResultTooLarge or QueryTimeout as :func:`paradiplo.query.run` does.
        """
        bindings = bindings or {}
        check_query(text, bindings)
        deadline = time.monotonic() + timeout
        worker = self._take()
        healthy = False
        try:
            worker[1].send((text, bindings, inference, max_rows, dataset, fmt))
            if not worker[1].poll(max(deadline - time.monotonic(), 0)):
                raise QueryTimeout(f"the query was stopped after {timeout:g} seconds (raise --timeout to allow more)")
            status, payload = worker[1].recv()
            healthy = True
        except (EOFError, OSError):
            raise QueryError(f"the query process ended unexpectedly (exit code {worker[0].exitcode})") from None
        finally:
            if healthy:
                self._idle.put(worker)
            else:  # stopped at its limit, or dead: a fresh worker takes its place, forked by
                self._stop(worker)  # the next query, so that this answer is not delayed
                self._idle.put(None)
        if status == "too-large":
            raise ResultTooLarge(payload)
        if status == "error":
            raise QueryError(payload)
        return payload

    def close(self) -> None:
        """Stop every worker (a server's shutdown)."""
        for worker in list(self._all):
            self._stop(worker)
