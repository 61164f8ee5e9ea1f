"""Validation findings: each SHACL result located in the file that holds its entity and
worded for a contributor (English or Indonesian).

:func:`validate` takes the already loaded knowledge graph; :func:`validate_files` loads
the files a contributor names, with the bundled data around them, and validates them.

Examples
--------
>>> report = validate_files()
>>> report.conforms()
True
>>> sorted({f.shape for f in report.findings})[:1]
['pdsh:ActorCountryShape']
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import RDF, RDFS, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH

from ..errors import InputError
from ..kg import FORMATS, QUAD_SUFFIXES, KnowledgeGraph, data_files, graph_name_for, load, project_root, read_into
from ..kg.labels import expand, pick
from ..kg.load import real
from ..kg.terms import rdflib_term
from ..namespaces import PDSH, PREFIXES
from .checks import run_check, store_checks
from .engine import run_engine
from .literals import datatype_name, ill_typed
from .locate import display_path, fill_template, label_in, line_of, message_in, owner_of, path_text, short_name
from .quotes import misquotes
from .shapes import SEVERITIES, shapes_graph
from .tidy import on_stated_property, persons_without_country_grouped, with_suggestions, without_consequences

_RANK = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}
_SH_RESULT = ox.NamedNode(str(SH.result))


@dataclass
class Finding:
    """One validation result, located and worded for a contributor."""

    severity: str  # "Violation", "Warning" or "Info"
    focus: str  # IRI of the entity (or of the entity a blank node belongs to)
    label: str
    message: str
    shape: str  # e.g. "pdsh:Agreement-party"
    component: str  # e.g. "sh:MinCountConstraintComponent"
    path: str | None = None
    value: str | None = None
    file: str | None = None
    line: int | None = None
    detail: str | None = None  # for a blank node: what it is ("participation in ...")


@dataclass
class Report:
    """Findings of one validation run, with the SHACL report behind them."""

    findings: list[Finding]
    store: ox.Store = field(repr=False)
    files: list[str] = field(default_factory=list)

    @property
    def conforms_sh(self) -> bool:
        """``sh:conforms`` as SHACL defines it: true only when there is no result at all."""
        return not any(True for _ in self.store.quads_for_pattern(None, _SH_RESULT, None, None))

    @property
    def graph(self) -> Graph:
        """The SHACL validation report as an rdflib Graph."""
        g = Graph()
        g.parse(data=self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode(),
                format="nt")
        return g

    def turtle(self) -> str:
        """The SHACL validation report as Turtle (Oxigraph's writer)."""
        prefixes = {"sh": str(SH), "pdsh": str(PDSH), **PREFIXES}
        data = self.store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=prefixes)
        return (data or b"").decode("utf-8")

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity.lower() == severity)

    def conforms(self, fail_on: str = "violation") -> bool:
        """True when nothing at or above ``fail_on`` severity was found."""
        worst = _RANK[SEVERITIES[fail_on]]
        return not any(_RANK[SH[f.severity]] <= worst for f in self.findings)

    def to_json(self, fail_on: str = "violation") -> dict:
        """The documented JSON form (schema: ``schemas/validation-report.schema.json``)."""
        by_file: dict[str, list] = {}
        for f in self.findings:
            by_file.setdefault(f.file or "(not located)", []).append(asdict(f))
        return {
            "conforms": self.conforms(fail_on),
            "fail_on": fail_on,
            "shacl_conforms": self.conforms_sh,
            "counts": {s: self.count(s) for s in ("violation", "warning", "info")},
            "files": [{"file": name, "results": rows} for name, rows in by_file.items()],
        }


# --------------------------------------------------------------------------- running


def file_graphs(ds: KnowledgeGraph) -> dict[Path, set[str]]:
    """The named graphs each file read into ``ds`` filled (recorded by the loader)."""
    return ds.files


def subjects_of(ds: KnowledgeGraph, graphs: Iterable[str]) -> set:
    """The IRI subjects of some named graphs, read natively."""
    store = ds.store
    out = set()
    for g in graphs:
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g)):
            if isinstance(q.subject, ox.NamedNode):
                out.add(URIRef(q.subject.value))
    return out


#: findings that a draft may keep but an accepted contribution may not: left-over TODOs,
#: and a cited source that says neither where its text is nor its address
ACCEPTANCE_BLOCKERS = frozenset({"pdsh:Citation-todo", "pdsh:CitedSource-todo", "pdsh:CitedSourceShape"})


def validate(ds: KnowledgeGraph, files: Sequence[Path] | None = None, *, lang: str = "en", engine: str = "native",
             root: Path | None = None, progress=lambda _: None, contribution: bool = False) -> Report:
    """Validate the loaded knowledge graph ``ds``; report on the entities of ``files``.

    Parameters
    ----------
    ds : KnowledgeGraph
        The knowledge graph as :func:`paradiplo.kg.load` returns it (not reloaded here).
    files : sequence of Path, optional
        Files read into ``ds`` whose entities are reported on. Default: every bundled
        data file that was loaded.
    lang : {"en", "id"}
        Language of the messages.
    engine : {"native", "turbo", "pyshacl"}
        SHACL engine (:mod:`paradiplo.validate.native`, pyshacl-turbo or pySHACL).
    contribution : bool
        Check for acceptance: also the contribution checks (labels in both languages), and
        left-over TODOs are violations, not warnings.
    """
    root = root or project_root()
    loaded = file_graphs(ds)
    targets = [real(p) for p in files] if files is not None else \
        [real(p) for p in data_files(root) if real(p) in loaded]
    per_file = {p: subjects_of(ds, loaded.get(p, ())) for p in targets}
    progress(f"validating {len(ds.store):,} statements with {engine}")
    report = run_engine(ds, engine, root)
    progress("locating the results in the files")
    results = sum(1 for _ in report.quads_for_pattern(None, ox.NamedNode(str(SH.focusNode)), None, None))
    locator = _Locator(ds, per_file, lang, root, many=results > 200)
    beside = sorted({p.parent for p in loaded})  # a text may sit beside the file that cites it
    checked = _store_check_findings(ds, locator, root, contribution) + _quote_findings(ds, locator, root, beside)
    findings = _findings(report, locator, root) + checked
    bad = _ill_typed_findings(ds, locator, root)
    if bad:  # one mistake, one message: drop the engine's results about the same values
        values = {(f.focus, f.value) for f in bad}
        findings = [f for f in findings if (f.focus, f.value) not in values] + bad
    findings = with_suggestions(without_consequences(on_stated_property(findings, ds)), ds, lang)
    findings = persons_without_country_grouped(findings, ds, lang)
    if contribution:
        findings = [replace(f, severity="Violation") if f.shape in ACCEPTANCE_BLOCKERS else f for f in findings]
    own = {c.shape for c in store_checks(root, contribution=True)} | {"pdsh:VerbatimQuoteShape", "pdsh:SourceTextShape",
                                                   "pdsh:WellFormedLiteral"}
    _add_results(report, [f for f in findings if f.shape in own], lang)
    return Report(sorted(findings, key=_order), report, [str(p) for p in targets])


def _add_results(report: ox.Store, findings: list[Finding], lang: str) -> None:
    """Put the findings of paradiplo's own checks into the SHACL report as results, and
    set its sh:conforms as SHACL defines it: false when there is any result."""
    sh = {n: ox.NamedNode(str(SH[n])) for n in ("ValidationReport", "conforms", "result", "ValidationResult",
                                                 "focusNode", "resultSeverity", "sourceShape", "resultMessage",
                                                 "sourceConstraintComponent", "resultPath", "value")}
    rdf_type = ox.NamedNode(str(RDF.type))
    node = next((q.subject for q in report.quads_for_pattern(None, rdf_type, sh["ValidationReport"], None)), None)
    if node is None:
        return

    def iri(name: str | None):
        full = expand(name, {"pdsh": str(PDSH), "sh": str(SH)}) if name else None
        return ox.NamedNode(full) if full else None

    for f in findings:
        r = ox.BlankNode()
        triples = [(node, sh["result"], r), (r, rdf_type, sh["ValidationResult"]),
                   (r, sh["focusNode"], ox.NamedNode(f.focus)),
                   (r, sh["resultSeverity"], ox.NamedNode(str(SH[f.severity]))),
                   (r, sh["sourceShape"], iri(f.shape)), (r, sh["sourceConstraintComponent"], iri(f.component)),
                   (r, sh["resultMessage"], ox.Literal(f.message, language=lang))]
        if iri(f.path):
            triples.append((r, sh["resultPath"], iri(f.path)))
        if f.value is not None:
            triples.append((r, sh["value"], ox.Literal(f.value)))
        for t in triples:
            if t[2] is not None:
                report.add(ox.Quad(*t, ox.DefaultGraph()))
    for q in list(report.quads_for_pattern(node, sh["conforms"], None, None)):
        report.remove(q)
    results = any(True for _ in report.quads_for_pattern(node, sh["result"], None, None))
    report.add(ox.Quad(node, sh["conforms"], ox.Literal(not results), ox.DefaultGraph()))


def _store_check_findings(ds: KnowledgeGraph, locator: _Locator, root: Path,
                          contribution: bool = False) -> list[Finding]:
    """Findings of the checks that run as one query over the whole graph (checks.py)."""
    found = []
    for check in store_checks(root, contribution):
        for row in run_check(ds, check):
            shown = {k: (v.value if isinstance(v, ox.Literal) else "[…]" if isinstance(v, ox.BlankNode)
                         else short_name(v.value)) for k, v in row.items()}
            found.append(locator.finding(
                rdflib_term(row["this"]), severity=check.severity, message=check.message(locator.lang, shown),
                shape=check.shape, component="sh:SPARQLConstraintComponent", path=shown.get("path"),
                value=shown.get("value")))
    return [f for f in found if f]


def _shape_message(root: Path, shape, lang: str, values: dict[str, str], default: str = "") -> str:
    """The ``sh:message`` of a shape checked in Python, in ``lang``, filled with ``values``."""
    template = next((str(m) for m in shapes_graph(root).objects(shape, SH.message)
                     if getattr(m, "language", None) == lang), default)
    return fill_template(template, values)


def _quote_findings(ds: KnowledgeGraph, locator: _Locator, root: Path, beside: list[Path]) -> list[Finding]:
    """A finding for each quote that is not in its source's text, and for each missing text."""
    folders = [root / "data" / "texts", *beside, *(b / "texts" for b in beside)]
    found = []
    for m in misquotes(ds, folders):
        values = {"source": short_name(m.source), "file": m.file, "quote": m.quote, "closest": m.closest or ""}
        shape = PDSH.VerbatimQuoteShape if m.closest is not None else PDSH.SourceTextShape
        message = _shape_message(root, shape, locator.lang, values)
        about = m.entity if m.closest is not None else ox.NamedNode(m.source)  # a missing text: on its source
        found.append(locator.finding(
            rdflib_term(about), severity="Violation", message=message, shape=short_name(shape),
            component="sh:SPARQLConstraintComponent", path="pdo:quote" if m.closest is not None else "pdo:fileName",
            value=m.quote if m.closest is not None else m.file))
    return list({(f.focus, f.detail, f.shape, f.value): f for f in found if f}.values())


def _ill_typed_findings(ds: KnowledgeGraph, locator: _Locator, root: Path) -> list[Finding]:
    """A finding for each typed value whose text is not valid for its datatype."""
    lang = locator.lang
    found = []
    for s, p, o, form, suggestion in ill_typed(ds):
        hint = (", e.g. " if lang == "en" else ", mis. ") + suggestion if suggestion else ""
        message = _shape_message(root, PDSH.WellFormedLiteral, lang, {
            "value": o.value, "datatype": datatype_name(o), "form": form, "suggestion": hint},
            default="{$value} is not a valid {$datatype}")
        found.append(locator.finding(
            rdflib_term(s), severity="Violation", message=message, shape="pdsh:WellFormedLiteral",
            component="sh:DatatypeConstraintComponent", path=short_name(p.value), value=o.value))
    return [f for f in found if f]


def validate_files(
    paths: Sequence[Path] | None = None,
    *,
    context: Sequence[Path] | None = None,
    lang: str = "en",
    engine: str = "native",
    root: Path | None = None,
    progress=lambda _: None,
    contribution: bool = False,
) -> Report:
    """Validate files (default: all bundled data) in the context of the whole graph.

    A file given here *replaces* a bundled file that fills the same named graph (a draft
    of a bundled case is checked on its own, not merged with the bundled version).

    Parameters
    ----------
    paths : sequence of Path, optional
        Files or folders to check. Folders are searched for RDF files. Default: every
        bundled data file.
    context : sequence of Path, optional
        Data loaded around them but not reported on. Default: the bundled data (the
        ontology and vocabularies are always loaded).
    lang : {"en", "id"}
        Language of the messages.
    engine : {"native", "turbo", "pyshacl"}
        SHACL engine (:mod:`paradiplo.validate.native`, pyshacl-turbo or pySHACL).

    Raises
    ------
    InputError
        If a file cannot be read (missing, not UTF-8, syntax error ...).
    """
    root = root or project_root()
    bundled = [real(p) for p in data_files(root)]
    targets = [real(p) for p in expand_paths(paths)] if paths else bundled
    around = bundled if context is None else [real(p) for p in context]
    progress(f"loading {len(targets)} file(s) and the bundled data around them")
    ds = load([], root=root)
    for p in targets:
        read_into(ds, p, root)
    taken = set().union(*(file_graphs(ds).get(p, set()) for p in targets))
    for p in around:
        if p not in targets and not (_graphs_of_file(p, root) & taken):
            read_into(ds, p, root)
    return validate(ds, targets, lang=lang, engine=engine, root=root, progress=progress, contribution=contribution)


def _graphs_of_file(path: Path, root: Path) -> set[str]:
    """The named graphs a file fills (for quad formats, read from the file)."""
    if path.suffix not in QUAD_SUFFIXES:
        return {str(graph_name_for(path, root))}
    try:
        return {q.graph_name.value for q in ox.parse(path=str(path), format=FORMATS[path.suffix])
                if isinstance(q.graph_name, ox.NamedNode)}
    except (SyntaxError, OSError, ValueError):
        return set()  # read_into reports it


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders replaced by the RDF files below them (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if os.path.isdir(p):
            found = sorted(f for f in p.rglob("*") if f.suffix in FORMATS and f.is_file())
            if not found:
                raise InputError(p, "folder holds no RDF files (.ttl, .trig, .nt, .nq, .jsonld)")
            out += found
        else:
            out.append(p)  # read_into reports a missing or unreadable file
    return out


# --------------------------------------------------------------------------- reporting


_RESULTS = """
SELECT ?r ?focus ?severity ?shape ?component ?path ?value WHERE {
  ?r a sh:ValidationResult ; sh:focusNode ?focus ; sh:resultSeverity ?severity ; sh:sourceShape ?shape ;
     sh:sourceConstraintComponent ?component .
  OPTIONAL { ?r sh:resultPath ?path } OPTIONAL { ?r sh:value ?value }
}"""


class _Locator:
    """Turns a result about a node into a finding about an entity of a checked file: the
    entity a blank node belongs to, its label, the file and line where it is written.
    Labels are read natively in one pass once there are many results to word."""

    def __init__(self, ds: KnowledgeGraph, per_file: dict, lang: str, root: Path, many: bool = False):
        self.ds, self.lang, self.root = ds, lang, root
        self.owners = {subject: p for p, subjects in reversed(per_file.items()) for subject in subjects}
        self.table = None
        if many:
            self.table = {}
            for q in ds.store.quads_for_pattern(None, ox.NamedNode(str(RDFS.label)), None, ox.DefaultGraph()):
                self.table.setdefault(q.subject.value, []).append(rdflib_term(q.object))

    def label(self, node) -> str:
        if self.table is None:
            return label_in(self.ds.rdflib, node, self.lang)
        return pick(self.table.get(str(node), []), self.lang) or short_name(node) or ""

    def finding(self, focus, **fields) -> Finding | None:
        """The finding about ``focus`` (None if no checked file holds its entity)."""
        owner, via = owner_of(self.ds.rdflib, focus)
        file = self.owners.get(owner)
        if file is None:
            return None  # about a node of the surrounding graph, not of the checked files
        label = self.label(owner)
        return Finding(focus=str(owner), label=label, file=display_path(file, self.root),
                       line=line_of(owner, file) if isinstance(owner, URIRef) else None,
                       detail=f"{short_name(via)} of {label}" if isinstance(focus, BNode) else None, **fields)


def _findings(report: ox.Store, locator: _Locator, root: Path) -> list[Finding]:
    """The SHACL engine's results as findings."""
    shapes = shapes_graph(root)
    prefixes = {"sh": str(SH)}
    messages: dict = {}
    for s in report.query("SELECT ?r ?m WHERE { ?r sh:resultMessage ?m }", prefixes=prefixes):
        messages.setdefault(s["r"], []).append(s["m"])
    results = list(report.query(_RESULTS, prefixes=prefixes))
    view = Dataset(store=OxigraphStore(store=report), default_union=False)  # for blank-node paths
    found = {}
    for s in results:
        focus = rdflib_term(s["focus"])
        value = None if s["value"] is None else rdflib_term(s["value"])
        path = None if s["path"] is None else rdflib_term(s["path"])
        # Engines may report one problem more than once (e.g. through two targets); two
        # results about two nodes (two participations of one activity) stay two.
        key = (s["focus"], path_text(view, path), s["value"], s["shape"], s["component"])
        found[key] = (locator.finding(
            focus,
            severity=s["severity"].value.rsplit("#", 1)[-1],
            message=message_in(messages.get(s["r"], []), rdflib_term(s["shape"]), shapes, locator.lang),
            shape=short_name(s["shape"].value),
            component=short_name(s["component"].value),
            path=path_text(view, path),
            value=None if value is None or isinstance(value, BNode) or value == focus else
                  (str(value) if isinstance(value, Literal) else short_name(value)),
        ))
    return sorted((f for f in found.values() if f), key=_order)


def _order(f: Finding) -> tuple:
    return (f.file or "", f.line or 0, f.focus, _RANK[SH[f.severity]], f.shape or "", f.path or "", f.value or "",
            f.message)


def report_text(report: Report, fail_on: str = "violation") -> str:
    """The readable report: grouped by file, then by entity, with line numbers."""
    out = []
    current_file = current_focus = None
    for f in report.findings:
        if f.file != current_file:
            current_file, current_focus = f.file, None
            out.append(f"\n{f.file}")
        if f.focus != current_focus:
            current_focus = f.focus
            unit = "row" if ", sheet " in (f.file or "") else "line"  # a workbook row (workbook.locate)
            where = f"{unit} {f.line}" if f.line else f"{unit} ?"
            out.append(f"  {where:>9}  {f.label}  <{f.focus}>")
        about = " ".join(x for x in (f.detail and f"[{f.detail}]", f.path, f.value and f"= {f.value}") if x)
        out.append(f"             {f.severity:<9} {about}".rstrip())
        out.append(f"                       {f.message}  ({f.shape})")
    counts = f"{report.count('violation')} violations, {report.count('warning')} warnings, {report.count('info')} infos"
    verdict = "conforms" if report.conforms(fail_on) else "does NOT conform"
    checked = f"{len(report.files)} file{'s' if len(report.files) != 1 else ''} checked"
    out.append(f"\n{checked}: {counts}; {verdict} (failing on {fail_on}s).")
    return "\n".join(out).lstrip("\n") + "\n"
