"""The SPARQL query library (``queries/*.rq``) and running queries safely.

Each library file starts with a comment header that this module reads::

    # title: Chronology of a partnership's agreements
    # description: The research question the query answers.
    # parameters: partnership (iri, default pd:partnership-jakarta-hanoi): the partnership
    # example: paradiplo query run agreement-chronology --param partnership=pd:partnership-seoul-tokyo

Parameters are bound as typed RDF terms (the engine's initial bindings), never pasted
into the query text, so a value cannot change what a query does. Because Oxigraph
binds only projected variables, a parameter must appear in a SELECT query's
projection; :func:`check_query` says so when it does not.

Queries run natively in the knowledge graph's Oxigraph store (:mod:`paradiplo.kg`). By
default a query sees the ontology's entailments (a ``pdo:Ministry`` is a ``pdo:Actor``;
``pdo:underPartnership`` is a ``pdo:relatedPartnership``), kept in their own named graph
``pd:graph-entailments``, so GRAPH patterns over a case still see only what the case file
says. Results are written by Oxigraph's own SPARQL results and RDF writers.

Examples
--------
>>> from paradiplo.kg import load
>>> ds = load()
>>> q = library()["partner-cities"]
>>> result = run(ds, q.text, bind_parameters(q, {"city": "pd:seoul"}))
>>> {"Taipei", "Tokyo"} <= {str(row["partnerCityLabel"]) for row in result.rows}  # source 003
True
"""

from __future__ import annotations

import difflib
import json
import multiprocessing
import re
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from .errors import QueryError, QueryTimeout, ResultTooLarge
from .kg import KnowledgeGraph, entail, project_root, select
from .kg.labels import curie
from .kg.terms import rdflib_term
from .namespaces import PREFIXES

DEFAULT_TIMEOUT = 300.0
PARAM_TYPES = ("iri", "string", "integer", "decimal", "date", "year", "boolean")
#: --format -> Oxigraph writer, for tables (SELECT, ASK) and for graphs (CONSTRUCT, DESCRIBE).
RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                  "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD,
                 "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS, "rdfxml": ox.RdfFormat.RDF_XML}


@dataclass
class Parameter:
    name: str
    type: str
    default: str | None = None
    description: str = ""


@dataclass
class NamedQuery:
    """One file of the query library."""

    name: str
    title: str
    description: str
    parameters: list[Parameter]
    example: str
    text: str
    path: Path | None = None

    @property
    def form(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE."""
        return query_form(self.text)


@dataclass
class QueryResult:
    """What a query returned: the engine's own serialisation (SPARQL JSON results for
    SELECT and ASK, N-Triples for graphs), readable as rows, a boolean or a graph."""

    form: str
    data: bytes = b""
    variables: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # variable -> rdflib term or None
    boolean: bool | None = None

    def _parsed(self):
        return ox.parse_query_results(self.data, format=ox.QueryResultsFormat.JSON)

    @property
    def graph(self) -> Graph:
        """The triples of a CONSTRUCT or DESCRIBE query as an rdflib Graph."""
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        if self.data:
            g.parse(data=self.data.decode("utf-8"), format="nt")
        return g

    def serialize(self, fmt: str) -> bytes:
        """The result in ``fmt``: json, xml, csv, tsv for tables; turtle, trig, jsonld, nt
        for graphs (by Oxigraph's writers, with the project prefixes)."""
        if self.form in ("CONSTRUCT", "DESCRIBE"):
            if fmt not in GRAPH_FORMATS:
                raise QueryError(f"a {self.form} query gives a graph: use --format {', '.join(GRAPH_FORMATS)}")
            triples = ox.parse(self.data, format=ox.RdfFormat.N_TRIPLES)
            prefixes = PREFIXES if fmt in ("turtle", "trig", "rdfxml") else None
            return ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=prefixes) or b""
        if fmt not in RESULT_FORMATS:
            raise QueryError(f"a {self.form} query gives a table: use --format table, csv, tsv, json or xml")
        return self._parsed().serialize(format=RESULT_FORMATS[fmt])


# --------------------------------------------------------------------------- library

_HEADER = re.compile(r"^#\s*(title|description|parameters|example):\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s*\(\s*(\w+)\s*(?:,\s*default\s+([^)]+?))?\s*\)\s*(?::\s*(.*))?$")


def parse_header(text: str, name: str = "query") -> dict:
    """Read the ``# key: value`` header lines at the top of a query file."""
    header: dict = {"parameters": []}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "parameters":
            if value.lower() != "none":
                p = _PARAM.match(value)
                if not p:
                    raise QueryError(f"{name}: cannot read parameter line {value!r}; "
                                     "write 'name (type, default VALUE): description'")
                if p.group(2) not in PARAM_TYPES:
                    raise QueryError(f"{name}: parameter {p.group(1)} has unknown type {p.group(2)!r}")
                header["parameters"].append(Parameter(p.group(1), p.group(2), p.group(3), p.group(4) or ""))
        else:
            header[key] = value
    return header


def load_query(path: Path) -> NamedQuery:
    text = Path(path).read_text(encoding="utf-8")
    h = parse_header(text, Path(path).stem)
    return NamedQuery(Path(path).stem, h.get("title", ""), h.get("description", ""), h["parameters"],
                      h.get("example", ""), text, Path(path))


def library(root: Path | None = None) -> dict[str, NamedQuery]:
    """Every query of ``queries/``, by name (the file stem)."""
    folder = (root or project_root()) / "queries"
    return {p.stem: load_query(p) for p in sorted(folder.glob("*.rq"))}


def find(name: str, root: Path | None = None) -> NamedQuery:
    """The named query, or a QueryError that suggests the closest names."""
    queries = library(root)
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, queries, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else "; `paradiplo query list` shows them"
    raise QueryError(f"no query named {name!r}{hint}")


# --------------------------------------------------------------------------- parameters

_IRI_FORBIDDEN = re.compile(r'[\s<>"{}|^`\\]')


def to_term(param: Parameter, raw: str):
    """Turn a parameter value given as text into a typed RDF term, or raise QueryError."""
    raw = raw.strip()
    kind = param.type
    try:
        if kind == "iri":
            return _iri(raw)
        if kind == "string":
            return Literal(raw)
        if kind == "integer":
            return Literal(int(raw), datatype=XSD.integer)
        if kind == "decimal":
            return Literal(float(raw), datatype=XSD.decimal)
        if kind == "date":
            return Literal(date.fromisoformat(raw), datatype=XSD.date)
        if kind == "year":
            if not re.fullmatch(r"-?\d{4}", raw):
                raise ValueError(raw)
            return Literal(raw, datatype=XSD.gYear)
        if kind == "boolean":
            if raw.lower() not in ("true", "false"):
                raise ValueError(raw)
            return Literal(raw.lower() == "true", datatype=XSD.boolean)
    except ValueError:
        pass
    raise QueryError(f"parameter {param.name} must be {_describe(kind)}, not {raw!r}")


def _describe(kind: str) -> str:
    return {"iri": "an IRI such as pd:jakarta or <https://w3id.org/paradiplo/id/jakarta>",
            "integer": "a whole number", "decimal": "a number", "date": "a date YYYY-MM-DD",
            "year": "a year YYYY", "boolean": "true or false", "string": "text"}[kind]


def _iri(raw: str) -> URIRef:
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    elif ":" in raw and not re.match(r"^[a-z][a-z0-9+.-]*://", raw, re.I):
        prefix, local = raw.split(":", 1)
        if prefix not in PREFIXES:
            raise ValueError(raw)
        raw = PREFIXES[prefix] + local
    if not re.match(r"^[a-z][a-z0-9+.-]*:", raw, re.I) or _IRI_FORBIDDEN.search(raw):
        raise ValueError(raw)
    return URIRef(raw)


def bind_parameters(query: NamedQuery, given: dict[str, str]) -> dict[str, object]:
    """Typed bindings for every parameter: given values, else defaults; unknown names fail."""
    declared = {p.name: p for p in query.parameters}
    unknown = set(given) - set(declared)
    if unknown:
        names = ", ".join(sorted(declared)) or "none"
        raise QueryError(f"{query.name} has no parameter {', '.join(sorted(unknown))} (its parameters: {names})")
    bindings = {}
    for name, p in declared.items():
        raw = given.get(name, p.default)
        if raw is None:
            raise QueryError(f"{query.name} needs --param {name}=VALUE ({_describe(p.type)})")
        bindings[name] = to_term(p, raw)
    return bindings


def read_query_file(path: Path) -> str:
    """The text of a query file, or an InputError that says why it cannot be read."""
    from .errors import InputError
    from .kg.load import check_regular

    check_regular(Path(path), "a query file")
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(path, f"cannot be read: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8", hint="save the query as UTF-8") from None


def bind_untyped(given: dict[str, str]) -> dict:
    """Parameters of a query without a header: IRIs if they look like one, else strings."""
    out = {}
    for k, v in given.items():
        kind = "iri" if (v.startswith("<") or re.match(r"^[\w-]+:[^\s]*$", v)) else "string"
        out[k] = to_term(Parameter(k, kind), v)
    return out


# --------------------------------------------------------------------------- running

_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword outside IRIs, strings and
    comments (a ``#`` inside ``<...#>`` is no comment).

    >>> query_form("PREFIX pdo: <https://w3id.org/paradiplo/ontology#> SELECT ?c WHERE { ?c a pdo:Case }")
    'SELECT'
    """
    m = _FORM.search(_tokens_removed(text))
    if not m:
        raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return m.group(1).upper()


def declares_dataset(text: str) -> bool:
    """Whether the query names its own dataset (FROM or FROM NAMED).

    >>> declares_dataset("SELECT * FROM pd:case-jakarta-hanoi WHERE { ?s ?p ?o }")
    True
    >>> declares_dataset("SELECT ?from WHERE { ?from rdfs:label 'FROM' }")
    False
    """
    return bool(re.search(r"(?<![\w-])FROM(?![\w-])", _tokens_removed(text), re.I))


def check_query(text: str, bindings: dict) -> None:
    r"""Refuse updates, federated queries (``SERVICE``: nothing reaches the network), and
    parameters a SELECT query does not project (see module doc).

    SERVICE is looked for among the query's tokens, not in its text: strings, IRIs,
    comments, escapes, variables and prefixed names are set aside first, both in the text
    as written and with its ``\u`` escapes expanded, and the word is refused wherever it is
    left, in any case, with or without spaces around it. Behind this check, a query runs in
    a child process that cannot open a network socket at all (:func:`_no_network`).

    >>> check_query("SELECT ?service WHERE { ?service a pdo:Ministry }", {})
    >>> check_query("SELECT * { ?s ?p ?o . sErViCe#x\n<http://127.0.0.1/> { ?s ?p ?o } }", {})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    paradiplo.errors.QueryError: SERVICE (federated queries) is refused: ...
    """
    views = [_tokens_removed(text), _tokens_removed(_unescape(text))]
    if any(re.search(r"^\s*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b", v, re.I | re.M) for v in views):
        raise QueryError("only queries are run (SELECT, ASK, CONSTRUCT, DESCRIBE), not updates")
    if any(re.search("service", v, re.I) for v in views):
        raise QueryError("SERVICE (federated queries) is refused: paradiplo queries only its own knowledge graph "
                         "and never reaches the network")
    body = _strip_comments(text)
    if bindings and query_form(text) == "SELECT":
        head = body[re.search(r"\bSELECT\b", body, re.I).end():]
        head = re.split(r"\bWHERE\b|\{", head, maxsplit=1, flags=re.I)[0]
        if "*" not in head:
            missing = [n for n in bindings if not re.search(rf"\?{n}\b(?!\s*\))", head)]
            if missing:
                raise QueryError(f"parameter ?{missing[0]} must be in the SELECT clause to be bound")


_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
#: The tokens that may hide a keyword, as a SPARQL lexer meets them from the left: long
#: and short strings (with their escapes), IRIs (with ``\u`` escapes), comments, an
#: escape outside a string (as in the prefixed name ``ex:a\'``), variables, and the local
#: part of prefixed names and blank nodes (what follows a colon). A prefix stays: Oxigraph
#: reads ``SERVICEex:x`` as SERVICE then ``ex:x``.
_HIDING = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''" r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n\r]|\\.)*'" r'|"(?:[^"\\\n\r]|\\.)*"'
    r'|<(?:[^<>"{}|^`\\\x00-\x20]|' + _UCHAR + r")*>"
    r"|#[^\n\r]*|\\.|[?$][\w\u00B7\u0300-\u036F\u203F\u2040]+"
    r"|:(?:[\w.\-:%\u00B7]|\\.)*", re.S)


def _tokens_removed(text: str) -> str:
    r"""``text`` with every token that can hide a keyword replaced by a space.

    >>> _tokens_removed('SELECT ?service { ?s ex:service "service" } # service').split()
    ['SELECT', '{', 'ex', '}']
    """
    return _HIDING.sub(" ", text)


def _unescape(text: str) -> str:
    r"""``text`` with its ``\uXXXX`` and ``\UXXXXXXXX`` escapes expanded, which SPARQL 1.1
    allows before parsing.

    >>> _unescape(r"\u0053ERVICE")
    'SERVICE'
    """
    def char(m):
        code = int(m.group(0)[2:], 16)
        return chr(code) if code <= 0x10FFFF else " "
    return re.sub(_UCHAR, char, text)


def _strip_comments(text: str) -> str:
    # Drops # comments outside IRIs and strings well enough for the checks above.
    return "\n".join(re.sub(r"(^|\s)#.*$", "", line) for line in text.splitlines())


def prepare(ds: KnowledgeGraph) -> KnowledgeGraph:
    """The knowledge graph ready to query: its entailments computed in the store (once)."""
    return entail(ds)


_NO_NETWORK = "the query tried to reach the network, which paradiplo never does (nothing was sent)"


def _execute(ds: KnowledgeGraph, text: str, bindings: dict, inference: bool, max_rows: int | None = None,
             dataset: tuple | None = None) -> QueryResult:
    try:
        result = select(ds, text, bindings, inference=inference, dataset=dataset, own_dataset=declares_dataset(text))
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


def _bounded(items, limit: int):
    """``items``, or ResultTooLarge as soon as there are more than ``limit``: a large result
    is refused while it is computed, not after it has been held in memory whole."""
    for i, item in enumerate(items):
        if i >= limit:
            raise ResultTooLarge(f"the result has more than {limit:,} rows: add LIMIT (and OFFSET to page)")
        yield item


def _json_results(solutions: ox.QuerySolutions, limit: int) -> bytes:
    """SPARQL 1.1 JSON results of at most ``limit`` solutions (else ResultTooLarge), written
    as they come. Oxigraph's writer takes the whole iterator, which cannot be cut short.

    >>> store = ox.Store()
    >>> _json_results(store.query('SELECT ?x ?l WHERE { VALUES (?x ?l) { (<http://e.org/a> "b"@en) } }'), 5)
    b'{"head":{"vars":["x","l"]},"results":{"bindings":[{"x":{"type":"uri","value":"http://e.org/a"},\
"l":{"type":"literal","value":"b","xml:lang":"en"}}]}}'
    """
    names = [v.value for v in solutions.variables]
    bindings = [{n: _json_term(s[n]) for n in names if s[n] is not None} for s in _bounded(solutions, limit)]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != str(XSD.string):
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")}}


def _with_rows(result: QueryResult) -> QueryResult:
    """Fill ``variables`` and ``rows`` (rdflib terms) of a SELECT result."""
    if result.form == "SELECT":
        solutions = result._parsed()
        result.variables = [v.value for v in solutions.variables]
        result.rows = [{v: (None if s[v] is None else rdflib_term(s[v])) for v in result.variables} for s in solutions]
    return result


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


def _child(conn, ds, text, bindings, inference, max_rows, dataset):
    _die_with_parent()
    _no_network()  # where seccomp is missing, check_query is the only guard
    try:
        conn.send(("ok", _execute(ds, text, bindings, inference, max_rows, dataset)))
    except ResultTooLarge as err:
        conn.send(("too-large", str(err)))
    except QueryError as err:
        conn.send(("error", str(err)))
    except PermissionError:  # the seccomp filter of _no_network refused a socket
        conn.send(("error", _NO_NETWORK))
    except BaseException as err:  # noqa: BLE001 - reported to the parent, which decides
        conn.send(("error", f"the query failed: {err}"))
    finally:
        conn.close()


#: Held by a thread that reads the store in this process, and while a query child is
#: forked: a fork taken while another thread holds one of the store's internal locks
#: would leave that lock held forever in the child (seen as queries hanging until their
#: time limit under 16 concurrent clients of paradiplo serve). Re-entrant, so a caller
#: holding it may run queries.
STORE_LOCK = threading.RLock()


def run(ds: KnowledgeGraph, text: str, bindings: dict | None = None, timeout: float | None = DEFAULT_TIMEOUT,
        inference: bool = True, *, max_rows: int | None = None, rows: bool = True,
        dataset: tuple[list[str], list[str] | None] | None = None) -> QueryResult:
    """Run a query with typed ``bindings``; stop it after ``timeout`` seconds.

    The query runs in a forked child process so that a runaway query (which holds the
    engine, not Python) can really be stopped; the child shares the loaded store
    copy-on-write, so nothing is loaded twice. ``timeout=None`` runs it in this process.
    The child also writes the result (SPARQL JSON results or N-Triples), so the time limit
    covers that too; with ``max_rows`` it stops at the first row past the limit.
    ``rows=False`` leaves ``QueryResult.rows`` empty (a server sends ``data`` on).

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
    entail(ds)  # before the fork, so that it is computed once
    if timeout is None:
        with STORE_LOCK:
            result = _execute(ds, text, bindings, inference, max_rows, dataset)
            return _with_rows(result) if rows else result
    if timeout <= 0:
        raise QueryError(f"the time limit must be a positive number of seconds, not {timeout:g}")
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(sender, ds, text, bindings, inference, max_rows, dataset),
                        daemon=True)
    try:
        with STORE_LOCK:  # no thread of this process is inside the store while it is forked
            child.start()  # inside the try: a Ctrl-C that lands during the fork still stops the child
        sender.close()
        if not receiver.poll(timeout):
            raise QueryTimeout(f"the query was stopped after {timeout:g} seconds (raise --timeout to allow more)")
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
    return _with_rows(payload) if rows else payload


# --------------------------------------------------------------------------- formats


def short(term) -> str:
    """An IRI as prefix:local when a project prefix fits; literals as their text."""
    if term is None:
        return ""
    return curie(term) if isinstance(term, URIRef) else str(term)
