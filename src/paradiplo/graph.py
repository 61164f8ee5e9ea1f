"""Load "the knowledge graph": ontology, vocabularies and case data in one Dataset.

Every other module gets its data from here, so there is one answer to "which files
make up the knowledge graph, and in which named graphs do they live":

* ``ontology/paradiplo.ttl``          -> graph ``<https://w3id.org/paradiplo/ontology>``
* ``ontology/vocabularies/NAME.ttl``  -> graph ``<https://w3id.org/paradiplo/vocab/NAME>``
* ``data/sources.ttl``                -> graph ``pd:graph-sources``
* ``data/cases/*.trig``               -> the named graphs the files declare (one per case)
* any other Turtle/N-Triples file     -> graph ``pd:graph-<file stem>``

The default store is Oxigraph (through oxrdflib), chosen by
``benchmarks/store_benchmark.py``; rdflib's in-memory store stays selectable with
``store="memory"``. Files are parsed with Oxigraph's parsers in both cases because
they are fast and report syntax errors with a line and column.

Examples
--------
>>> from paradiplo.graph import load
>>> ds = load()
>>> len(ds) > 1000
True
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from .namespaces import PD, PREFIXES, VOCAB

#: rdflib store plugin name for each store paradiplo offers.
STORES = {"oxigraph": "Oxigraph", "memory": "default"}
DEFAULT_STORE = "oxigraph"

#: File suffix -> Oxigraph parser registered by oxrdflib.
FORMATS = {
    ".ttl": "ox-turtle",
    ".trig": "ox-trig",
    ".nt": "ox-ntriples",
    ".nq": "ox-nquads",
    ".jsonld": "ox-json-ld",
}
#: Longest literal accepted: quotes are at most ~200 characters and labels are short, so
#: a literal this long is a pasted document or a broken quote, not data.
MAX_LITERAL = 1_000_000

#: Formats whose files carry their own graph names.
QUAD_SUFFIXES = {".trig", ".nq", ".jsonld"}

ONTOLOGY_GRAPH = URIRef("https://w3id.org/paradiplo/ontology")
SOURCES_GRAPH = PD["graph-sources"]


class InputError(Exception):
    """A file the user gave cannot be read as RDF.

    Carries the file, the position where known, and a hint; ``str()`` gives the
    ``file:line:column: message`` form that editors and CI logs link to.
    """

    def __init__(self, path, message, line=None, column=None, hint=None):
        super().__init__(message)
        self.path = Path(path)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint

    def __str__(self):
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


def project_root() -> Path:
    """The folder holding ``ontology/`` and ``data/``.

    ``PARADIPLO_ROOT`` overrides it; otherwise it is the checkout this package was
    installed from (``pip install -e .``, which ``make`` does).
    """
    env = os.environ.get("PARADIPLO_ROOT")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2]


def ontology_files(root: Path | None = None) -> list[Path]:
    """The ontology and its SKOS vocabularies, ontology first."""
    root = root or project_root()
    return [root / "ontology" / "paradiplo.ttl", *sorted((root / "ontology" / "vocabularies").glob("*.ttl"))]


def data_files(root: Path | None = None) -> list[Path]:
    """The bundled data: the source records, then every case file."""
    root = root or project_root()
    data = root / "data"
    files = [data / "sources.ttl"]
    files += sorted(p for p in (data / "cases").glob("*") if p.suffix in FORMATS)
    return [p for p in files if p.exists()]


def graph_name_for(path: Path, root: Path | None = None) -> URIRef:
    """The named graph a triples-only file is loaded into (see module docstring)."""
    path = Path(path)
    if path.name == "paradiplo.ttl" and path.parent.name == "ontology":
        return ONTOLOGY_GRAPH
    if path.parent.name == "vocabularies":
        return URIRef(f"{VOCAB}{path.stem}")
    if path.name == "sources.ttl":
        return SOURCES_GRAPH
    return PD[f"graph-{path.stem}"]


def new_dataset(store: str = DEFAULT_STORE, default_union: bool = True) -> Dataset:
    """An empty Dataset on the chosen store, prefixes bound; by default its default
    graph is the union of the named graphs."""
    if store not in STORES:
        raise ValueError(f"unknown store {store!r}; choose one of {', '.join(STORES)}")
    ds = Dataset(store=STORES[store], default_union=default_union)
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    return ds


def _check_readable(path: Path) -> None:
    """Raise InputError for a missing, unsupported, binary or non-UTF-8 file."""
    if not path.exists():
        raise InputError(path, "no such file",
                         hint="check the path; folders are searched for .ttl/.trig/.nt/.nq/.jsonld")
    if path.suffix not in FORMATS:
        raise InputError(
            path, f"unknown RDF format {path.suffix or '(no suffix)'!r}",
            hint=f"use one of {', '.join(sorted(FORMATS))}",
        )
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise InputError(path, "this is a binary file, not RDF text")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise InputError(path, f"not UTF-8 (byte 0x{raw[err.start]:02x})", line, column,
                         hint="save the file as UTF-8") from None


def read_into(ds: Dataset, path: Path, root: Path | None = None) -> None:
    """Parse one file into ``ds``; raise :class:`InputError` if it cannot be read.

    Quad formats keep their own graph names; triple formats go into
    :func:`graph_name_for`. Input files are only read, never written.
    """
    path = Path(path)
    _check_readable(path)
    fmt = FORMATS[path.suffix]
    before = sum(1 for _ in ds.quads((None, None, None, None))) if path.stat().st_size < 4096 else None
    target = ds if path.suffix in QUAD_SUFFIXES else ds.graph(graph_name_for(path, root))
    try:
        target.parse(path, format=fmt)
    except SyntaxError as err:
        # Oxigraph reports (file, line, column, ...) in args[1], 1-based.
        pos = err.args[1] if len(err.args) > 1 and isinstance(err.args[1], tuple) else (None, None, None)
        message = str(err.args[0]) if err.args else str(err)
        if message.startswith("Parser error at "):
            message = message.split(": ", 1)[-1]
        raise InputError(path, f"syntax error: {message}", pos[1], pos[2]) from None
    except (ValueError, OSError) as err:
        raise InputError(path, f"cannot be parsed: {err}") from None
    if before is not None and sum(1 for _ in ds.quads((None, None, None, None))) == before:
        raise InputError(path, "the file holds no RDF statements", 1, 1,
                         hint="an empty file (or only comments and prefixes) is not a case; check it was saved")
    _check_literals(path)


def _check_literals(path: Path) -> None:
    """Refuse a literal longer than MAX_LITERAL characters, with the line it starts on."""
    if path.stat().st_size <= MAX_LITERAL:
        return
    text = path.read_text(encoding="utf-8")
    # a quoted run of that length on one line, or inside a long (triple-quoted) string
    n = MAX_LITERAL
    run = re.search(rf'"[^"\n]{{{n},}}', text) or re.search(rf'"""(?:(?!""").){{{n},}}', text, re.S)
    if run:
        line = text.count("\n", 0, run.start()) + 1
        column = run.start() - (text.rfind("\n", 0, run.start()) + 1) + 1
        raise InputError(path, f"a literal longer than {MAX_LITERAL:,} characters", line, column,
                         hint="quote the passage that states the claim (at most ~200 characters), not a document")


def load(
    paths: Iterable[Path] | None = None,
    *,
    root: Path | None = None,
    store: str = DEFAULT_STORE,
    ontology: bool = True,
) -> Dataset:
    """The knowledge graph as an rdflib ``Dataset``, named graphs preserved.

    Parameters
    ----------
    paths : iterable of Path, optional
        Data files to load. Default: all bundled data (:func:`data_files`).
    root : Path, optional
        Project folder; default :func:`project_root`.
    store : {"oxigraph", "memory"}
        Triple store behind the Dataset.
    ontology : bool
        Also load the ontology and vocabularies (default True).

    Returns
    -------
    rdflib.Dataset
        With ``default_union=True``: queries without ``GRAPH`` see every graph.

    Raises
    ------
    InputError
        If a file is missing, not UTF-8, of an unknown format or not valid RDF.

    Examples
    --------
    >>> ds = load()
    >>> from paradiplo.namespaces import PD
    >>> PD["case-jakarta-hanoi"] in {g.identifier for g in ds.graphs()}
    True
    """
    root = root or project_root()
    ds = new_dataset(store)
    files = list(ontology_files(root)) if ontology else []
    files += list(data_files(root) if paths is None else paths)
    for path in files:
        read_into(ds, Path(path), root)
    return ds


def union(ds: Dataset) -> Graph:
    """All triples of every graph of ``ds`` in one in-memory ``Graph``.

    pySHACL, owlrl and the network builders work on a plain Graph; this is the one
    place that flattens the Dataset for them.
    """
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def case_graphs(ds: Dataset) -> dict[URIRef, Graph]:
    """The named graph of each case, keyed by case IRI (which is the graph name)."""
    from rdflib import RDF

    from .namespaces import PDO

    return {
        g.identifier: g
        for g in ds.graphs()
        if (g.identifier, RDF.type, PDO.Case) in g
    }
