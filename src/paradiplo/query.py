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

By default a query sees the ontology's entailments (a ``pdo:Ministry`` is a
``pdo:Actor``; ``pdo:underPartnership`` is a ``pdo:relatedPartnership``): they are added
in their own named graph, ``pd:graph-entailments``, so GRAPH patterns over a case still
see only what the case file says.

Examples
--------
>>> from paradiplo.graph import load
>>> ds = prepare(load())
>>> q = library()["partner-cities"]
>>> result = run(ds, q.text, bind_parameters(q, {"city": "pd:seoul"}))
>>> sorted(str(row["partnerCityLabel"]) for row in result.rows)
['Taipei', 'Tokyo']
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import multiprocessing
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD

from .graph import new_dataset, project_root
from .inference import rdfs_closure
from .namespaces import PD, PREFIXES

ENTAILMENT_GRAPH = PD["graph-entailments"]
DEFAULT_TIMEOUT = 300.0
PARAM_TYPES = ("iri", "string", "integer", "decimal", "date", "year", "boolean")


class QueryError(Exception):
    """The query or its parameters are wrong (a user error: exit code 2)."""


class QueryTimeout(Exception):
    """The query ran longer than its time limit (exit code 3)."""


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
    """What a query returned, in plain Python: rows for SELECT, a graph, or a boolean."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    graph: Graph | None = None
    boolean: bool | None = None


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


# --------------------------------------------------------------------------- running

_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


def query_form(text: str) -> str:
    body = "\n".join(line.split("#", 1)[0] if not line.lstrip().startswith("#") else "" for line in text.splitlines())
    m = _FORM.search(body)
    if not m:
        raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return m.group(1).upper()


def check_query(text: str, bindings: dict) -> None:
    """Refuse updates, and parameters a SELECT query does not project (see module doc)."""
    if re.search(r"^\s*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b", _strip_comments(text), re.I | re.M):
        raise QueryError("only queries are run (SELECT, ASK, CONSTRUCT, DESCRIBE), not updates")
    if bindings and query_form(text) == "SELECT":
        head = _strip_comments(text)
        head = head[re.search(r"\bSELECT\b", head, re.I).end():]
        head = re.split(r"\bWHERE\b|\{", head, maxsplit=1, flags=re.I)[0]
        if "*" not in head:
            missing = [n for n in bindings if not re.search(rf"\?{n}\b(?!\s*\))", head)]
            if missing:
                raise QueryError(f"parameter ?{missing[0]} must be in the SELECT clause to be bound")


def _strip_comments(text: str) -> str:
    # Drops # comments outside IRIs and strings well enough for the checks above.
    return "\n".join(re.sub(r"(^|\s)#.*$", "", line) for line in text.splitlines())


def prepare(ds: Dataset, inference: bool = True, store: str = "oxigraph") -> Dataset:
    """A Dataset to query: every named graph of ``ds``, and a default graph that is their
    RDF merge (each triple once), plus the entailments when ``inference`` is on.

    The loader's union default graph has bag semantics in Oxigraph (a triple stated in
    two case graphs would match twice), while SPARQL's default graph is a set; so the
    merge is made explicit here.
    """
    qds = new_dataset(store, default_union=False)
    default = qds.default_graph
    for s, p, o, g in ds.quads((None, None, None, None)):
        qds.graph(getattr(g, "identifier", g)).add((s, p, o))
        default.add((s, p, o))
    if inference:
        data = Graph() + default
        target = qds.graph(ENTAILMENT_GRAPH)
        for t in rdfs_closure(Graph() + data) - data:
            target.add(t)
            default.add(t)
    return qds


def _execute(ds: Dataset, text: str, bindings: dict) -> QueryResult:
    try:
        result = ds.query(text, initNs=PREFIXES, initBindings=bindings or None)
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {_syntax_message(err)}") from None
    except Exception as err:  # the engines raise assorted types for bad queries
        message = str(err)
        if "does not contains variable" in message:
            message = f"{message} (a parameter must be in the SELECT clause)"
        raise QueryError(f"the query cannot be run: {message}") from None
    form = result.type
    if form == "SELECT":
        variables = [str(v) for v in result.vars]
        rows = []
        for row in result:
            values = row.asdict()
            rows.append({v: values.get(v) for v in variables})
        return QueryResult("SELECT", variables, rows)
    if form == "ASK":
        return QueryResult("ASK", boolean=bool(result.askAnswer))
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for t in result.graph:
        g.add(t)
    return QueryResult(form, graph=g)


def _syntax_message(err: SyntaxError) -> str:
    text = str(err)
    m = re.match(r"error at (\d+):(\d+): (.*)", text)
    return f"line {m.group(1)}, column {m.group(2)}: {m.group(3)}" if m else text


def _child(conn, ds, text, bindings):
    try:
        conn.send(("ok", _execute(ds, text, bindings)))
    except QueryError as err:
        conn.send(("error", str(err)))
    except BaseException as err:  # noqa: BLE001 - reported to the parent, which decides
        conn.send(("error", f"the query failed: {err}"))
    finally:
        conn.close()


def run(ds: Dataset, text: str, bindings: dict | None = None, timeout: float | None = DEFAULT_TIMEOUT) -> QueryResult:
    """Run a query with typed ``bindings``; stop it after ``timeout`` seconds.

    The query runs in a forked child process so that a runaway query (which holds
    the engine, not Python) can really be stopped; the child shares the loaded
    graph copy-on-write, so nothing is loaded twice.

    Raises
    ------
    QueryError
        Syntax error (with line and column), an update, an unprojected parameter.
    QueryTimeout
        The query ran past ``timeout``.
    """
    bindings = bindings or {}
    check_query(text, bindings)
    if not timeout:
        return _execute(ds, text, bindings)
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(sender, ds, text, bindings), daemon=True)
    child.start()
    sender.close()
    if not receiver.poll(timeout):
        child.kill()
        child.join()
        raise QueryTimeout(f"the query was stopped after {timeout:g} seconds (raise --timeout to allow more)")
    try:
        status, payload = receiver.recv()
    except EOFError:
        child.join()
        raise QueryError(f"the query process ended unexpectedly (exit code {child.exitcode})") from None
    child.join()
    if status == "error":
        raise QueryError(payload)
    return payload


# --------------------------------------------------------------------------- formats


def short(term) -> str:
    """An IRI as prefix:local when a project prefix fits; literals as their text."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if text.startswith(ns) and text != ns:
                return f"{prefix}:{text[len(ns):]}"
        return text
    return str(term)


def to_sparql_json(result: QueryResult) -> dict:
    """SPARQL 1.1 Query Results JSON Format."""
    if result.form == "ASK":
        return {"head": {}, "boolean": result.boolean}

    def cell(term):
        if isinstance(term, URIRef):
            return {"type": "uri", "value": str(term)}
        if isinstance(term, BNode):
            return {"type": "bnode", "value": str(term)}
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and term.datatype != XSD.string:
            out["datatype"] = str(term.datatype)
        return out

    bindings = [{v: cell(t) for v, t in row.items() if t is not None} for row in result.rows]
    return {"head": {"vars": result.variables}, "results": {"bindings": bindings}}


def to_delimited(result: QueryResult, delimiter: str) -> str:
    """CSV (RFC 4180) or TSV with a header row: IRIs in full, literals as text."""
    buf = io.StringIO()
    if delimiter == "\t":
        buf.write("\t".join(result.variables) + "\n")
        for row in result.rows:
            buf.write("\t".join(_tsv_cell(row[v]) for v in result.variables) + "\n")
        return buf.getvalue()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if row[v] is None else str(row[v]) for v in result.variables])
    return buf.getvalue()


def _tsv_cell(term) -> str:
    if term is None:
        return ""
    return str(term).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def to_json_text(result: QueryResult) -> str:
    return json.dumps(to_sparql_json(result), indent=2, ensure_ascii=False) + "\n"
