"""Load "the knowledge graph": ontology, vocabularies and case data in one native store.

There is one answer to "which files make up the knowledge graph, and in which named
graphs do they live":

* ``ontology/paradiplo.ttl``          -> graph ``<https://w3id.org/paradiplo/ontology>``
* ``ontology/vocabularies/NAME.ttl``  -> graph ``<https://w3id.org/paradiplo/vocab/NAME>``
* ``data/sources.ttl``                -> graph ``pd:graph-sources``
* ``data/actors.ttl``                 -> graph ``pd:graph-actors`` (the shared actors and countries)
* ``data/cases/*.trig``               -> the named graphs the files declare (one per case)
* any other Turtle/N-Triples file     -> graph ``pd:graph-<file stem>``

The store is Oxigraph (``pyoxigraph``), chosen by ``benchmarks/store_benchmark.py``. Files
go straight into it with Oxigraph's own parsers (fast, and syntax errors come with a line
and column). Callers get a :class:`~paradiplo.kg.graph.KnowledgeGraph`: the
``pyoxigraph.Store`` (``kg.store``) for bulk work and SPARQL, which files filled which
graphs (``kg.files``), and an rdflib ``Dataset`` view of the same store (``kg.rdflib``) for
code that wants rdflib's API. The default graph is the RDF merge of the named graphs (each
triple once), which :func:`load` computes in the store (:func:`paradiplo.kg.entail.entail`);
``kg.rdflib.graph(iri)`` reads one file's named graph.

Examples
--------
>>> kg = load()
>>> from paradiplo.namespaces import PD
>>> kg.store.contains_named_graph(native_iri(PD["case-jakarta-hanoi"]))
True
>>> any(p.name == "jakarta-hanoi.trig" for p in kg.files)
True
"""

from __future__ import annotations

import logging
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph, URIRef

from ..errors import InputError
from ..namespaces import PD, PDO, PREFIXES, VOCAB
from ..paths import project_root, real
from .graph import KnowledgeGraph
from .terms import native_iri

# rdflib logs a traceback for every typed value it cannot convert ("24-05-1960"^^xsd:date);
# paradiplo reports such values itself, once each, located (paradiplo.validate.literals).
logging.getLogger("rdflib.term").setLevel(logging.ERROR)

#: File suffix -> Oxigraph format.
FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
}
#: Longest literal accepted: quotes are at most ~200 characters and labels are short, so
#: a literal this long is a pasted document or a broken quote, not data.
MAX_LITERAL = 1_000_000

#: Formats whose files carry their own graph names.
QUAD_SUFFIXES = {".trig", ".nq", ".jsonld"}

ONTOLOGY_GRAPH = URIRef("https://w3id.org/paradiplo/ontology")
SOURCES_GRAPH = PD["graph-sources"]
#: The shared actors and countries (``data/actors.ttl``), which the cases link to.
ACTORS_GRAPH = PD["graph-actors"]


def ontology_files(root: Path | None = None) -> list[Path]:
    """The ontology and its SKOS vocabularies, ontology first."""
    root = root or project_root()
    return [root / "ontology" / "paradiplo.ttl", *sorted((root / "ontology" / "vocabularies").glob("*.ttl"))]


def data_files(root: Path | None = None) -> list[Path]:
    """The bundled data: the source records, the shared actors, then every case file."""
    root = root or project_root()
    data = root / "data"
    files = [data / "sources.ttl", data / "actors.ttl"]
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


def check_regular(path: Path, what: str = "an RDF file",
                  hint: str = "check the path; folders are searched for .ttl/.trig/.nt/.nq/.jsonld") -> None:
    """Raise InputError unless ``path`` is a regular file: missing, a folder, a device or a
    named pipe (which would block a reader forever), a link loop. ``hint`` goes with "no
    such file"."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise InputError(path, "no such file", hint=hint) from None
    except OSError as err:
        raise InputError(path, f"cannot be read: {err.strerror or err}", hint="check the path and its links") from None
    if stat.S_ISDIR(mode):
        raise InputError(path, f"a folder, not {what}")
    if not stat.S_ISREG(mode):
        raise InputError(path, f"not a regular file (a device or a named pipe), so not {what}",
                         hint="save the data to a file and give that")


def _check_readable(path: Path) -> None:
    """Raise InputError for a missing, unsupported, binary or non-UTF-8 file."""
    check_regular(path)
    if path.suffix not in FORMATS:
        raise InputError(path, f"unknown RDF format {path.suffix or '(no suffix)'!r}",
                         hint=f"use one of {', '.join(sorted(FORMATS))}")
    if path.stat().st_size > 64 << 20:  # large files: scanned in blocks; the parser reports bad bytes itself
        with open(path, "rb") as fh:
            while block := fh.read(1 << 20):
                if b"\x00" in block:
                    raise InputError(path, "this is a binary file, not RDF text")
        return
    raw = path.read_bytes()  # read once for both checks
    if b"\x00" in raw:
        raise InputError(path, "this is a binary file, not RDF text")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise InputError(path, f"not UTF-8 (byte 0x{raw[err.start]:02x})", line, column,
                         hint="save the file as UTF-8") from None


def read_into(kg: KnowledgeGraph, path: Path, root: Path | None = None, graph: URIRef | None = None, *,
              own: bool = False) -> None:
    """Parse one file straight into the store of ``kg``, and note it in ``kg.files``; raise :class:`InputError` if it
    cannot be read.

    Quad formats keep their own graph names; triple formats go into ``graph`` or
    :func:`graph_name_for`. Input files are only read, never written. ``own``: a file
    paradiplo wrote itself with Oxigraph's serialiser into a folder it owns (the world
    import): the text checks are skipped and IRIs are not validated again (Oxigraph's
    lenient parsing, about 40% faster on the 366,000 statements of the world list).
    """
    path = Path(path)
    check_regular(path) if own else _check_readable(path)
    fmt = FORMATS[path.suffix]
    to_graph = None if path.suffix in QUAD_SUFFIXES else native_iri(graph or graph_name_for(path, root))
    if not own and path.stat().st_size < 4096 and not _holds_statements(path, fmt):
        raise InputError(path, "the file holds no RDF statements", 1, 1,
                         hint="an empty file (or only comments and prefixes) is not a case; check it was saved")
    if not own:
        _check_literals(path)
    kg.entailed = False  # the entailments must be computed again
    store = kg.store
    before = {g.value for g in store.named_graphs()} if to_graph is None else set()
    try:
        if own:
            store.load(path=str(path), format=fmt, to_graph=to_graph, lenient=True)
        else:
            store.bulk_load(path=str(path), format=fmt, to_graph=to_graph)
    except SyntaxError as err:
        raise _located(path, err) from None
    except (ValueError, OSError) as err:
        raise InputError(path, f"cannot be parsed: {err}") from None
    if to_graph is not None:
        filled = {to_graph.value}
    else:
        filled = {g.value for g in store.named_graphs()} - before
        if not filled:  # every graph of the file was there already: read their names
            filled = {q.graph_name.value for q in ox.parse(path=str(path), format=fmt)
                      if isinstance(q.graph_name, ox.NamedNode)}
    kg.files[real(path)] = filled


def join_beside(kg: KnowledgeGraph, path: Path, entailments: Path, entailment_graph: str) -> None:
    """Read a large graph paradiplo wrote itself (one named graph, N-Quads) *beside* the
    merge, with the file of its entailments (:class:`~paradiplo.kg.entail.Closure`,
    written with it into ``entailment_graph``): the graph is noted in ``kg.files`` and
    ``kg.beside``, and never copied into the default graph
    (:func:`~paradiplo.kg.entail.entail`)."""
    read_into(kg, path, own=True)
    check_regular(entailments)
    try:
        kg.store.load(path=str(entailments), format=FORMATS[Path(entailments).suffix], lenient=True)
    except SyntaxError as err:
        raise _located(Path(entailments), err) from None
    for graph in kg.files[real(path)]:
        kg.beside[graph] = entailment_graph


def _holds_statements(path: Path, fmt) -> bool:
    try:
        return next(iter(ox.parse(path=str(path), format=fmt)), None) is not None
    except SyntaxError as err:
        raise _located(path, err) from None


def _located(path: Path, err: SyntaxError) -> InputError:
    # Oxigraph reports (file, line, column, ...) in args[1], 1-based.
    pos = err.args[1] if len(err.args) > 1 and isinstance(err.args[1], tuple) else (None, None, None)
    message = str(err.args[0]) if err.args else str(err)
    message = re.sub(r"^Parser error (at|between) [^:]*: ", "", message)
    hint = None
    if "LoadDocumentCallback" in message:
        message = "a remote JSON-LD @context, which is not fetched (nothing is fetched at run time)"
        hint = "put the context in the file, or use the shipped ontology/context.jsonld inline"
    elif "No scheme found in an absolute IRI" in message:
        message = "a relative IRI (an IRI without a scheme such as https:)"
        hint = "write a full IRI <https://w3id.org/paradiplo/id/...> or a prefixed name such as pd:..."
    elif "has not been declared" in message:
        hint = "add its @prefix line at the top of the file (see the bundled cases)"
    return InputError(path, f"syntax error: {message}", pos[1], pos[2], hint=hint)


def _check_literals(path: Path) -> None:
    """Refuse a literal longer than MAX_LITERAL characters, with the line it starts on."""
    if path.stat().st_size <= MAX_LITERAL:
        return
    n = MAX_LITERAL
    run_line = re.compile(rf'"[^"\n]{{{n},}}')
    with open(path, encoding="utf-8", errors="replace") as fh:
        for i, line in enumerate(fh, 1):
            if len(line) > n and (m := run_line.search(line)):
                raise InputError(path, f"a literal longer than {MAX_LITERAL:,} characters", i, m.start() + 1,
                                 hint="quote the passage that states the claim (at most ~200 characters), "
                                      "not a document")
    if path.stat().st_size > 64 << 20:
        return  # a long triple-quoted literal is looked for in files of a sane size only
    text = path.read_text(encoding="utf-8", errors="replace")
    run = re.search(rf'"""(?:(?!""").){{{n},}}', text, re.S)
    if run:
        line = text.count("\n", 0, run.start()) + 1
        column = run.start() - (text.rfind("\n", 0, run.start()) + 1) + 1
        raise InputError(path, f"a literal longer than {MAX_LITERAL:,} characters", line, column,
                         hint="quote the passage that states the claim (at most ~200 characters), not a document")


def load(
    paths: Iterable[Path] | None = None,
    *,
    root: Path | None = None,
    ontology: bool = True,
) -> KnowledgeGraph:
    """The knowledge graph, named graphs preserved, in one Oxigraph store.

    Parameters
    ----------
    paths : iterable of Path, optional
        Data files to load. Default: all bundled data (:func:`data_files`).
    root : Path, optional
        Project folder; default :func:`project_root`.
    ontology : bool
        Also load the ontology and vocabularies (default True).

    Returns
    -------
    KnowledgeGraph
        The store, entailments computed, and the files read.

    Raises
    ------
    InputError
        If a file is missing, not UTF-8, of an unknown format or not valid RDF.
    """
    root = root or project_root()
    kg = KnowledgeGraph.empty()
    files = list(ontology_files(root)) if ontology else []
    files += list(data_files(root) if paths is None else paths)
    for path in files:
        read_into(kg, Path(path), root)
    from .entail import entail

    return entail(kg)


def named_quads(kg: KnowledgeGraph, exclude: Iterable[URIRef] = ()):
    """Every quad of the named graphs (not the default graph the query view adds), as
    pyoxigraph quads, optionally leaving out some graphs."""
    skip = {str(g) for g in exclude}
    store = kg.store
    for g in sorted(store.named_graphs(), key=lambda n: n.value):
        if g.value in skip:
            continue
        yield from store.quads_for_pattern(None, None, None, g)


def to_rdflib(kg: KnowledgeGraph, exclude: Iterable[URIRef] = ()) -> Graph:
    """The named graphs of ``kg`` merged into one in-memory rdflib ``Graph``: for the
    callers that need one (pySHACL, owlrl, rdflib's serialisers). Converted once, by
    Oxigraph's N-Triples writer and rdflib's parser."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    triples = (q.triple for q in named_quads(kg, exclude))
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    if data:
        g.parse(data=data.decode("utf-8"), format="nt")
    return g


def case_graphs(kg: KnowledgeGraph) -> dict[URIRef, Graph]:
    """The named graph of each case (an rdflib view), keyed by case IRI (the graph name)."""
    return {
        g.identifier: g
        for g in kg.rdflib.graphs()
        if isinstance(g.identifier, URIRef) and (g.identifier, RDF.type, PDO.Case) in g
    }
