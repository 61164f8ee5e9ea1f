"""Validate cases against the SHACL shapes in ``ontology/shapes/``.

A contributed file is validated together with the ontology, the vocabularies and the
bundled data (so it may refer to actors already in the graph), with the four RDFS
entailments of :mod:`paradiplo.inference` added first. The report keeps only the
results about nodes described in the files being checked, and says for each one the
file and line where the node is written, its label, the property, the value and the
rule's message in English or Indonesian.

Engines: pyshacl-turbo (default; a pySHACL-compatible Rust engine, about 75 times
faster here, see ``benchmarks/validate_benchmark.py``) and pySHACL (the reference, with
``engine="pyshacl"``). A test checks that both give the same results on every example
in ``tests/shapes/``.

Examples
--------
>>> report = validate_files()
>>> report.conforms()
True
>>> sorted({f.shape for f in report.findings})[:1]
['pdsh:ActorCountryShape']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import RDFS, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from .graph import FORMATS, InputError, data_files, load, project_root, read_into, union
from .inference import rdfs_closure
from .namespaces import PREFIXES

PDSH = Namespace("https://w3id.org/paradiplo/shapes#")
ENGINES = ("turbo", "pyshacl")
SEVERITIES = {"violation": SH.Violation, "warning": SH.Warning, "info": SH.Info}
_RANK = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}


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
    """Findings of one validation run, with the SHACL report graph behind them."""

    findings: list[Finding]
    graph: Graph = field(repr=False)
    files: list[str] = field(default_factory=list)

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
            "counts": {s: self.count(s) for s in ("violation", "warning", "info")},
            "files": [{"file": name, "results": rows} for name, rows in by_file.items()],
        }


# --------------------------------------------------------------------------- shapes


def shapes_files(root: Path | None = None) -> list[Path]:
    root = root or project_root()
    return sorted((root / "ontology" / "shapes").glob("*.ttl"))


@lru_cache(maxsize=4)
def _shapes(root: Path) -> Graph:
    g = Graph()
    for f in shapes_files(root):
        g.parse(f, format="turtle")
    return g


def shapes_graph(root: Path | None = None) -> Graph:
    """All shapes, parsed once per process."""
    return _shapes(root or project_root())


# --------------------------------------------------------------------------- running


def _run_engine(data: Graph, shapes: Graph, engine: str) -> Graph:
    if engine == "turbo":
        import pyshacl_turbo as engine_module
    elif engine == "pyshacl":
        import pyshacl as engine_module
    else:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    # Entailments are added beforehand (inference.rdfs_closure), so the engine runs none.
    _, results, _ = engine_module.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, allow_infos=True,
    )
    return results


def validate_graph(data: Graph, *, engine: str = "turbo", root: Path | None = None) -> Graph:
    """Validate an rdflib Graph that already holds ontology, vocabularies and data.

    Returns the SHACL validation report graph (``sh:ValidationReport``).
    """
    closed = rdfs_closure(Graph() + data)
    return _run_engine(closed, shapes_graph(root), engine)


def validate_files(
    paths: Sequence[Path] | None = None,
    *,
    context: Sequence[Path] | None = None,
    lang: str = "en",
    engine: str = "turbo",
    root: Path | None = None,
    store: str = "oxigraph",
) -> Report:
    """Validate files (default: all bundled data) in the context of the whole graph.

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
    engine : {"turbo", "pyshacl"}
        SHACL engine.

    Raises
    ------
    InputError
        If a file cannot be read (missing, not UTF-8, syntax error ...).
    """
    root = root or project_root()
    bundled = [p.resolve() for p in data_files(root)]
    targets = [p.resolve() for p in expand_paths(paths)] if paths else bundled
    around = bundled if context is None else [Path(p).resolve() for p in context]
    ds = load([p for p in around if p not in targets], root=root, store=store)
    per_file = {}
    for p in targets:
        read_into(ds, p, root)
        single = Dataset()
        read_into(single, p, root)
        per_file[p] = {s for s, _, _, _ in single.quads() if not isinstance(s, BNode)}
    data = union(ds)
    report_graph = validate_graph(data, engine=engine, root=root)
    findings = _findings(report_graph, data, per_file, lang, root)
    return Report(findings, report_graph, [str(p) for p in targets])


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders replaced by the RDF files below them (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.suffix in FORMATS and f.is_file())
            if not found:
                raise InputError(p, "folder holds no RDF files (.ttl, .trig, .nt, .nq, .jsonld)")
            out += found
        else:
            out.append(p)  # read_into reports a missing or unreadable file
    return out


# --------------------------------------------------------------------------- reporting


def _curie(term) -> str | None:
    """Shorten an IRI with the project's prefixes (pd:, pdo:, field: ...) for display."""
    if term is None:
        return None
    text = str(term)
    prefixes = {"pdsh": str(PDSH), "sh": str(SH), **PREFIXES}
    # Longest namespace first, so field: wins over a shorter enclosing namespace.
    for prefix, ns in sorted(prefixes.items(), key=lambda kv: -len(kv[1])):
        if text.startswith(ns) and text != ns:
            return f"{prefix}:{text[len(ns):]}"
    return text


def _path_text(g: Graph, path) -> str | None:
    """A SHACL property path as text: pdo:x, ^pdo:x (inverse), pdo:x|pdo:y (alternatives)."""
    if path is None or not isinstance(path, BNode):
        return _curie(path)
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + (_path_text(g, inverse) or "")
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        from rdflib.collection import Collection

        return "|".join(_path_text(g, p) or "" for p in Collection(g, alternatives))
    return None


def _label(g: Graph, node, lang: str) -> str:
    labels = list(g.objects(node, RDFS.label))
    for want in (lang, "en", None):
        for lab in labels:
            if getattr(lab, "language", None) == want:
                return str(lab)
    return str(labels[0]) if labels else (_curie(node) or "")


def _owner(g: Graph, node, depth: int = 0):
    """The IRI entity a blank node belongs to, and the property that links them."""
    if not isinstance(node, BNode) or depth > 5:
        return node, None
    for parent, prop in g.subject_predicates(node):
        owner, _ = _owner(g, parent, depth + 1)
        return owner, prop
    return node, None


def _template_regex(template: str) -> re.Pattern:
    parts = re.split(r"\{[?$]\w+\}", template)
    return re.compile(".*?".join(re.escape(p) for p in parts) + r"\Z", re.S)


def _message(results: Graph, result, shapes: Graph, lang: str) -> str:
    """The result's message in ``lang``.

    Engines drop the language tag of a message once they substitute {?var} in it, so
    an untagged message is matched back to the shape's template in each language.
    """
    messages = list(results.objects(result, SH.resultMessage))
    for m in messages:
        if getattr(m, "language", None) == lang:
            return str(m)
    shape = results.value(result, SH.sourceShape)
    templates = [t for t in shapes.objects(shape, SH.message) if getattr(t, "language", None) == lang]
    for m in messages:
        if any(_template_regex(str(t)).match(str(m)) for t in templates):
            return str(m)
    return str(messages[0]) if messages else ""


_SUBJECT = re.compile(r"^\s*(<[^>\s]*>|[\w-]*:[^\s;,]*[^\s;,.])")


@lru_cache(maxsize=16)
def _subject_lines(path: Path) -> tuple[dict[str, int], dict[str, str]]:
    """Index a file once: the first line where each subject token is written, and the
    file's prefixes (Turtle/TriG), so locating a result costs a dictionary lookup."""
    first: dict[str, int] = {}
    prefixes: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            m = re.match(r"\s*@?prefix\s+([\w-]*):\s*<([^>]*)>", line, re.I)
            if m:
                prefixes[m.group(2)] = m.group(1)
                continue
            m = _SUBJECT.match(line)
            if m and m.group(1) not in first:
                first[m.group(1)] = i
    return first, prefixes


def _locate(node: URIRef, path: Path) -> int | None:
    """First line of ``path`` where ``node`` is written as a subject."""
    first, prefixes = _subject_lines(path)
    line = first.get(f"<{node}>")
    if line is None:
        for ns, prefix in prefixes.items():
            if str(node).startswith(ns):
                line = first.get(f"{prefix}:{str(node)[len(ns):]}")
                if line is not None:
                    break
    return line


def _findings(results: Graph, data: Graph, per_file: dict, lang: str, root: Path) -> list[Finding]:
    shapes = shapes_graph(root)
    found = []
    for r in results.subjects(SH.focusNode, None):
        focus = results.value(r, SH.focusNode)
        owner, via = _owner(data, focus)
        files = [p for p, subjects in per_file.items() if owner in subjects]
        if not files:
            continue  # about a node of the surrounding graph, not of the checked files
        file = files[0]
        value = results.value(r, SH.value)
        detail = None
        if isinstance(focus, BNode):
            detail = f"{_curie(via)} of {_label(data, owner, lang)}"
        found.append(Finding(
            severity=str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
            focus=str(owner),
            label=_label(data, owner, lang),
            message=_message(results, r, shapes, lang),
            shape=_curie(results.value(r, SH.sourceShape)),
            component=_curie(results.value(r, SH.sourceConstraintComponent)),
            path=_path_text(results, results.value(r, SH.resultPath)),
            value=None if value is None or isinstance(value, BNode) or value == focus else
                  (str(value) if isinstance(value, Literal) else _curie(value)),
            file=_display(file, root),
            line=_locate(owner, file) if isinstance(owner, URIRef) else None,
            detail=detail,
        ))
    # Engines may report one problem more than once (e.g. through two targets).
    unique = {tuple(asdict(f).values()): f for f in found}.values()
    return sorted(unique, key=lambda f: (f.file or "", f.line or 0, f.focus, _RANK[SH[f.severity]],
                                         f.shape or "", f.value or ""))


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
