"""Running a validation: the engine's results and paradiplo's own checks (whole-graph
queries, quotes, typed values) as findings about the checked files, tidied, and put back
into the SHACL report. The model is :mod:`~paradiplo.validate.findings`, which files are
read :mod:`~paradiplo.validate.files`, locating and wording
:mod:`~paradiplo.validate.locate`, the readable text :mod:`~paradiplo.validate.text`.

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

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF
from rdflib.namespace import SH

from ..kg import KnowledgeGraph, data_files, load, project_root, read_into
from ..kg.labels import expand
from ..kg.load import real
from ..kg.terms import rdflib_term
from ..namespaces import PDSH
from .checks import run_check, store_checks
from .engine import run_engine
from .files import expand_paths, file_graphs, graphs_of_file, subjects_of
from .findings import Finding, Report, order
from .literals import datatype_name, ill_typed
from .locate import Locator, fill_template, shacl_findings, short_name
from .quotes import misquotes
from .shapes import shapes_graph
from .tidy import on_stated_property, persons_without_country_grouped, with_suggestions, without_consequences

#: findings that a draft may keep but an accepted contribution may not: left-over TODOs,
#: and a cited source that says neither where its text is nor its address
ACCEPTANCE_BLOCKERS = frozenset({"pdsh:Citation-todo", "pdsh:CitedSource-todo", "pdsh:CitedSourceShape"})


def validate(kg: KnowledgeGraph, files: Sequence[Path] | None = None, *, lang: str = "en", engine: str = "native",
             root: Path | None = None, progress=lambda _: None, contribution: bool = False) -> Report:
    """Validate the loaded knowledge graph ``kg``; report on the entities of ``files``.

    Parameters
    ----------
    kg : KnowledgeGraph
        The knowledge graph as :func:`paradiplo.kg.load` returns it (not reloaded here).
    files : sequence of Path, optional
        Files read into ``kg`` whose entities are reported on. Default: every bundled
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
    loaded = file_graphs(kg)
    targets = [real(p) for p in files] if files is not None else \
        [real(p) for p in data_files(root) if real(p) in loaded]
    per_file = {p: subjects_of(kg, loaded.get(p, ())) for p in targets}
    progress(f"validating {len(kg.store):,} statements with {engine}")
    report = run_engine(kg, engine, root)
    progress("locating the results in the files")
    results = sum(1 for _ in report.quads_for_pattern(None, ox.NamedNode(str(SH.focusNode)), None, None))
    locator = Locator(kg, per_file, lang, root, many=results > 200)
    beside = sorted({p.parent for p in loaded})  # a text may sit beside the file that cites it
    checked = _store_check_findings(kg, locator, root, contribution) + _quote_findings(kg, locator, root, beside)
    findings = shacl_findings(report, locator, root) + checked
    bad = _ill_typed_findings(kg, locator, root)
    if bad:  # one mistake, one message: drop the engine's results about the same values
        values = {(f.focus, f.value) for f in bad}
        findings = [f for f in findings if (f.focus, f.value) not in values] + bad
    findings = with_suggestions(without_consequences(on_stated_property(findings, kg)), kg, lang)
    findings = persons_without_country_grouped(findings, kg, lang)
    if contribution:
        findings = [replace(f, severity="Violation") if f.shape in ACCEPTANCE_BLOCKERS else f for f in findings]
    own = {c.shape for c in store_checks(root, contribution=True)} | {"pdsh:VerbatimQuoteShape", "pdsh:SourceTextShape",
                                                   "pdsh:WellFormedLiteral"}
    _add_results(report, [f for f in findings if f.shape in own], lang)
    return Report(sorted(findings, key=order), report, [str(p) for p in targets])


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


def _store_check_findings(kg: KnowledgeGraph, locator: Locator, root: Path,
                          contribution: bool = False) -> list[Finding]:
    """Findings of the checks that run as one query over the whole graph (checks.py)."""
    found = []
    for check in store_checks(root, contribution):
        for row in run_check(kg, check):
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


def _quote_findings(kg: KnowledgeGraph, locator: Locator, root: Path, beside: list[Path]) -> list[Finding]:
    """A finding for each quote that is not in its source's text, and for each missing text."""
    folders = [root / "data" / "texts", *beside, *(b / "texts" for b in beside)]
    found = []
    for m in misquotes(kg, folders):
        values = {"source": short_name(m.source), "file": m.file, "quote": m.quote, "closest": m.closest or ""}
        shape = PDSH.VerbatimQuoteShape if m.closest is not None else PDSH.SourceTextShape
        message = _shape_message(root, shape, locator.lang, values)
        about = m.entity if m.closest is not None else ox.NamedNode(m.source)  # a missing text: on its source
        found.append(locator.finding(
            rdflib_term(about), severity="Violation", message=message, shape=short_name(shape),
            component="sh:SPARQLConstraintComponent", path="pdo:quote" if m.closest is not None else "pdo:fileName",
            value=m.quote if m.closest is not None else m.file))
    return list({(f.focus, f.detail, f.shape, f.value): f for f in found if f}.values())


def _ill_typed_findings(kg: KnowledgeGraph, locator: Locator, root: Path) -> list[Finding]:
    """A finding for each typed value whose text is not valid for its datatype."""
    lang = locator.lang
    found = []
    for s, p, o, form, suggestion in ill_typed(kg):
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
    kg = load([], root=root)
    for p in targets:
        read_into(kg, p, root)
    taken = set().union(*(file_graphs(kg).get(p, set()) for p in targets))
    for p in around:
        if p not in targets and not (graphs_of_file(p, root) & taken):
            read_into(kg, p, root)
    return validate(kg, targets, lang=lang, engine=engine, root=root, progress=progress, contribution=contribution)


__all__ = ["ACCEPTANCE_BLOCKERS", "expand_paths", "validate", "validate_files"]
