"""Running a query safely: in a forked child process that cannot open a network socket
(seccomp), dies with its parent, and is killed at its time limit.

Queries run natively in the knowledge graph's Oxigraph store (:mod:`paradiplo.kg`). By
default a query sees the ontology's entailments (a ``pdo:Ministry`` is a ``pdo:Actor``;
``pdo:underPartnership`` is a ``pdo:relatedPartnership``), kept in their own named graph
``pd:graph-entailments``, so GRAPH patterns over a case still see only what the case file
says. Because Oxigraph binds only projected variables, a parameter must appear in a SELECT
query's projection; :func:`paradiplo.query.safety.check_query` says so when it does not.

Examples
--------
>>> from paradiplo.kg import load
>>> from paradiplo.query import bind_parameters, library
>>> kg = load()
>>> q = library()["partner-cities"]
>>> result = run(kg, q.text, bind_parameters(q, {"city": "pd:seoul"}))
>>> {"Taipei", "Tokyo"} <= {str(row["partnerCityLabel"]) for row in result.rows}  # source 003
True
"""

from __future__ import annotations

import multiprocessing
import re
import threading
from collections.abc import Callable

import pyoxigraph as ox

from ..errors import QueryError, QueryTimeout, ResultTooLarge
from ..kg import KnowledgeGraph, entail, select
from .results import QueryResult, _bounded, _json_results, _with_rows
from .safety import check_query, declares_dataset, query_form

DEFAULT_TIMEOUT = 300.0


def prepare(kg: KnowledgeGraph) -> KnowledgeGraph:
    """The knowledge graph ready to query: its entailments computed in the store (once)."""
    return entail(kg)


_NO_NETWORK = "the query tried to reach the network, which paradiplo never does (nothing was sent)"


def _execute(kg: KnowledgeGraph, text: str, bindings: dict, inference: bool, max_rows: int | None = None,
             dataset: tuple | None = None) -> QueryResult:
    try:
        result = select(kg, text, bindings, inference=inference, dataset=dataset, own_dataset=declares_dataset(text))
        if isinstance(result, bool):
            data = b'{"head":{},"boolean":%s}' % (b"true" if result else b"false")
            return QueryResult("ASK", data=data, boolean=result)
        if isinstance(result, ox.QuerySolutions):
            if max_rows is None:
                return QueryResult("SELECT", data=result.serialize(format=ox.QueryResultsFormat.JSON))
            return QueryResult("SELECT", data=_json_results(result, max_rows))
        triples = result if max_rows is None else _bounded(result, max_rows)
        return QueryResult(query_form(text), data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {_syntax_message(err)}") from None
    except PermissionError:  # a socket refused by the seccomp filter of _no_network
        raise QueryError(_NO_NETWORK) from None
    except (RuntimeError, OSError, ValueError) as err:  # evaluation errors of the engine
        message = str(err)
        if "does not contains variable" in message:
            message = f"{message} (a parameter must be in the SELECT clause)"
        raise QueryError(f"the query cannot be run: {message}") from None


def _syntax_message(err: SyntaxError) -> str:
    text = str(err)
    m = re.match(r"error at (\d+):(\d+): (.*)", text)
    return f"line {m.group(1)}, column {m.group(2)}: {m.group(3)}" if m else text


def _die_with_parent() -> None:
    """Ask Linux to kill this (forked) process when its parent dies, so that a query
    running in the engine never outlives an interrupted paradiplo (and never keeps the
    parent's output pipes open). Elsewhere the parent's ``finally`` is the only guard."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _no_network() -> bool:
    """Forbid this process, from now on, to open any socket but a Unix one (a seccomp
    filter, Linux on x86-64 and ARM64): a query child can then reach no host, whatever the
    query says. True if the filter is in place.

    The child needs no new socket: its result goes back through the pipe it inherited.
    Asynchronous I/O rings (``io_uring``, which can open sockets too) are refused as well.
    """
    import ctypes
    import errno
    import platform

    arch = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}.get(platform.machine())
    if arch is None:
        return False
    audit_arch, nr_socket = arch
    nr_io_uring_setup = 425  # the same number on both
    ld, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06  # BPF_LD|W|ABS, BPF_JMP|JEQ|K, BPF_JMP|JGE|K, BPF_RET|K
    allow, refuse = 0x7FFF0000, 0x00050000 | errno.EACCES  # SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO
    program = [
        (ld, 0, 0, 4),  # 0: the architecture
        (jeq, 1, 0, audit_arch),  # 1: ours: go on at 3
        (ret, 0, 0, refuse),  # 2: another ABI: refused
        (ld, 0, 0, 0),  # 3: the system call's number
        (jge, 5, 0, 0x40000000),  # 4: x32 calls: refused (10)
        (jeq, 4, 0, nr_io_uring_setup),  # 5: refused (10)
        (jeq, 0, 2, nr_socket),  # 6: socket() goes on at 7, the rest allowed (9)
        (ld, 0, 0, 16),  # 7: its first argument, the address family
        (jeq, 0, 1, 1),  # 8: AF_UNIX allowed (9), the rest refused (10)
        (ret, 0, 0, allow),  # 9
        (ret, 0, 0, refuse),  # 10
    ]

    class Filter(ctypes.Structure):
        _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint32)]

    class Program(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(Filter))]

    filters = (Filter * len(program))(*[Filter(*f) for f in program])
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong]
        if libc.prctl(38, 1, None, 0, 0) != 0:  # PR_SET_NO_NEW_PRIVS
            return False
        prog = Program(len(program), filters)
        return libc.prctl(22, 2, ctypes.addressof(prog), 0, 0) == 0  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
    except (OSError, AttributeError):
        return False


def attempt(work, *args) -> tuple[str, object]:
    """Run ``work(*args)`` in a query process: ``("ok", its value)``, or its error as the
    parent reads it (``"too-large"`` or ``"error"`` and the message)."""
    try:
        return "ok", work(*args)
    except ResultTooLarge as err:
        return "too-large", str(err)
    except QueryError as err:
        return "error", str(err)
    except PermissionError:  # the seccomp filter of _no_network refused a socket
        return "error", _NO_NETWORK
    except BaseException as err:  # noqa: BLE001 - reported to the parent, which decides
        return "error", f"the query failed: {err}"


def _child(conn, kg, text, bindings, inference, max_rows, dataset, finish=None, rows=True):
    _die_with_parent()
    _no_network()  # where seccomp is missing, check_query is the only guard
    try:
        status, result = attempt(_execute, kg, text, bindings, inference, max_rows, dataset)
        if status == "ok":
            _finish_in_child(conn, result, finish, rows)
        else:
            conn.send((status, result))
    finally:
        conn.close()


def _finish_in_child(conn, result: QueryResult, finish, rows: bool) -> None:
    """Send ``result`` back, or what ``finish`` makes of it (with its rows when ``rows``): a
    bug in ``finish`` is reported as one, not as a fault of the query."""
    if finish is None:
        conn.send(("ok", result))
        return
    try:
        conn.send(("ok", finish(_with_rows(result) if rows else result)))
    except QueryError as err:
        conn.send(("error", str(err)))
    except BaseException as err:  # noqa: BLE001 - the parent raises it again as a bug
        conn.send(("bug", f"{type(err).__name__}: {err}"))


#: Held by a thread that reads the store in this process, and while a query child is
#: forked: a fork taken while another thread holds one of the store's internal locks
#: would leave that lock held forever in the child (seen as queries hanging until their
#: time limit under 16 concurrent clients of paradiplo serve). Re-entrant, so a caller
#: holding it may run queries.
STORE_LOCK = threading.RLock()


def run(kg: KnowledgeGraph, text: str, bindings: dict | None = None, timeout: float | None = DEFAULT_TIMEOUT,
        inference: bool = True, *, max_rows: int | None = None, rows: bool = True,
        dataset: tuple[list[str], list[str] | None] | None = None, finish: Callable | None = None):
    """Run a query with typed ``bindings``; stop it after ``timeout`` seconds.

    The query runs in a forked child process so that a runaway query (which holds the
    engine, not Python) can really be stopped; the child shares the loaded store
    copy-on-write, so nothing is loaded twice. ``timeout=None`` runs it in this process.
    The child also writes the result (SPARQL JSON results or N-Triples), so the time limit
    covers that too; with ``max_rows`` it stops at the first row past the limit.
    ``rows=False`` leaves ``QueryResult.rows`` empty (a server sends ``data`` on).
    ``finish``, a function of the result (with its rows unless ``rows=False``), runs in the child as well and
    ``run`` returns what it returns (e.g. the bytes a command writes): the time limit then
    covers the whole work, the rows and their rendering included.

    The query reads the knowledge graph (with its entailments when ``inference``), or the
    graphs its FROM and FROM NAMED clauses name (exactly those), or ``dataset``: the IRIs
    of the default graphs and of the named graphs (None: all), as the SPARQL protocol's
    ``default-graph-uri`` and ``named-graph-uri`` give them, in place of FROM.

    Raises
    ------
    QueryError
        Syntax error (with line and column), an update, SERVICE, an unprojected parameter.
    ResultTooLarge
        The result has more than ``max_rows`` rows (or triples).
    QueryTimeout
        The query ran past ``timeout``.
    """
    bindings = bindings or {}
    check_query(text, bindings)
    entail(kg)  # before the fork, so that it is computed once
    if timeout is None:
        with STORE_LOCK:
            result = _execute(kg, text, bindings, inference, max_rows, dataset)
            if finish is not None:
                return finish(_with_rows(result) if rows else result)
            return _with_rows(result) if rows else result
    if timeout <= 0:
        raise QueryError(f"the time limit must be a positive number of seconds, not {timeout:g}")
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(sender, kg, text, bindings, inference, max_rows, dataset, finish, rows),
                        daemon=True)
    try:
        with STORE_LOCK:  # no thread of this process is inside the store while it is forked
            child.start()  # inside the try: a Ctrl-C that lands during the fork still stops the child
        sender.close()
        if not receiver.poll(timeout):
            output = ", its output included" if finish is not None else ""
            raise QueryTimeout(f"the query was stopped after {timeout:g} seconds{output} "
                               "(raise --timeout to allow more)")
        status, payload = receiver.recv()
    except EOFError:
        raise QueryError(f"the query process ended unexpectedly (exit code {child.exitcode})") from None
    finally:
        if child.pid is not None:
            if child.is_alive():
                child.kill()
            child.join()
    if status == "too-large":
        raise ResultTooLarge(payload)
    if status == "error":
        raise QueryError(payload)
    if status == "bug":
        raise RuntimeError(f"turning the result into output failed in the query process: {payload}")
    if finish is not None:
        return payload
    return _with_rows(payload) if rows else payload
