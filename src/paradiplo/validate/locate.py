"""Where a finding is, and how it is worded: the entity a blank node belongs to, labels,
SHACL paths as text, the message in the contributor's language, and the line of the file
where the entity is written; :class:`Locator` and :func:`shacl_findings` turn the SHACL
engine's results into findings about the checked files."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import RDFS, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH

from ..kg import KnowledgeGraph, default_graphs
from ..kg.labels import curie, pick
from ..kg.terms import rdflib_term
from ..namespaces import PDSH
from .findings import Finding, order
from .shapes import shapes_graph


def short_name(term) -> str | None:
    """Shorten an IRI with the project's prefixes (pd:, pdo:, field: ...) and pdsh:, sh:."""
    return curie(term, {"pdsh": str(PDSH), "sh": str(SH)})


def path_text(g: Graph, path) -> str | None:
    """A SHACL property path as text: pdo:x, ^pdo:x (inverse), pdo:x|pdo:y (alternatives)."""
    if path is None or not isinstance(path, BNode):
        return short_name(path)
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + (path_text(g, inverse) or "")
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        from rdflib.collection import Collection

        return "|".join(path_text(g, p) or "" for p in Collection(g, alternatives))
    return None


def label_in(g: Graph, node, lang: str) -> str:
    """The ``rdfs:label`` of ``node`` in ``lang`` (:func:`paradiplo.kg.labels.pick`), else its CURIE."""
    return pick(g.objects(node, RDFS.label), lang) or short_name(node) or ""


def owner_of(g: Graph, node, depth: int = 0):
    """The IRI entity a blank node belongs to, and the property that links them."""
    if not isinstance(node, BNode) or depth > 5:
        return node, None
    for parent, prop in g.subject_predicates(node):
        owner, _ = owner_of(g, parent, depth + 1)
        return owner, prop
    return node, None


def fill_template(template: str, values: dict[str, str]) -> str:
    """A message template with ``{?name}`` / ``{$name}`` replaced by the values, as SHACL
    engines fill ``sh:message``.

    >>> fill_template("signed {?d1}, before {$d2}", {"d1": "2003", "d2": "2004"})
    'signed 2003, before 2004'
    """
    for name, value in values.items():
        template = template.replace("{?" + name + "}", value).replace("{$" + name + "}", value)
    return template


def template_regex(template: str) -> re.Pattern:
    parts = re.split(r"\{[?$]\w+\}", template)
    return re.compile(".*?".join(re.escape(p) for p in parts) + r"\Z", re.S)


def message_in(messages: list, shape, shapes: Graph, lang: str) -> str:
    """The result's message in ``lang``.

    Engines drop the language tag of a message once they substitute {?var} in it, so
    an untagged message is matched back to the shape's template in each language.
    """
    for m in messages:
        if getattr(m, "language", None) == lang:
            return m.value
    templates = [t for t in shapes.objects(shape, SH.message) if getattr(t, "language", None) == lang]
    for m in messages:
        if any(template_regex(str(t)).match(m.value) for t in templates):
            return m.value
    return messages[0].value if messages else ""


_SUBJECT = re.compile(r"^\s*(<[^>\s]*>|[\w-]*:[^\s;,]*[^\s;,.])")


@lru_cache(maxsize=16)
def subject_lines(path: Path) -> tuple[dict[str, int], dict[str, str]]:
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


def line_of(node: URIRef, path: Path) -> int | None:
    """First line of ``path`` where ``node`` is written as a subject."""
    first, prefixes = subject_lines(path)
    line = first.get(f"<{node}>")
    if line is None:
        for ns, prefix in prefixes.items():
            if str(node).startswith(ns):
                line = first.get(f"{prefix}:{str(node)[len(ns):]}")
                if line is not None:
                    break
    return line



def display_path(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- SHACL results as findings


_RESULTS = """
SELECT ?r ?focus ?severity ?shape ?component ?path ?value WHERE {
  ?r a sh:ValidationResult ; sh:focusNode ?focus ; sh:resultSeverity ?severity ; sh:sourceShape ?shape ;
     sh:sourceConstraintComponent ?component .
  OPTIONAL { ?r sh:resultPath ?path } OPTIONAL { ?r sh:value ?value }
}"""


class Locator:
    """Turns a result about a node into a finding about an entity of a checked file: the
    entity a blank node belongs to, its label, the file and line where it is written.
    Labels are read natively in one pass once there are many results to word."""

    def __init__(self, kg: KnowledgeGraph, per_file: dict, lang: str, root: Path, many: bool = False):
        self.kg, self.lang, self.root = kg, lang, root
        self.owners = {subject: p for p, subjects in reversed(per_file.items()) for subject in subjects}
        self.table = None
        if many:
            self.table = {}
            for graph in default_graphs(kg, inference=False):
                for q in kg.store.quads_for_pattern(None, ox.NamedNode(str(RDFS.label)), None, graph):
                    self.table.setdefault(q.subject.value, []).append(rdflib_term(q.object))

    def label(self, node) -> str:
        if self.table is None:
            return label_in(self.kg.rdflib, node, self.lang)
        return pick(self.table.get(str(node), []), self.lang) or short_name(node) or ""

    def finding(self, focus, **fields) -> Finding | None:
        """The finding about ``focus`` (None if no checked file holds its entity)."""
        owner, via = owner_of(self.kg.rdflib, focus)
        file = self.owners.get(owner)
        if file is None:
            return None  # about a node of the surrounding graph, not of the checked files
        label = self.label(owner)
        return Finding(focus=str(owner), label=label, file=display_path(file, self.root),
                       line=line_of(owner, file) if isinstance(owner, URIRef) else None,
                       detail=f"{short_name(via)} of {label}" if isinstance(focus, BNode) else None, **fields)


def shacl_findings(report: ox.Store, locator: Locator, root: Path) -> list[Finding]:
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
    return sorted((f for f in found.values() if f), key=order)
