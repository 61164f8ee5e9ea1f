"""The SHACL shapes run as SPARQL queries inside the knowledge graph's own store.

Each constraint of each shape with a target becomes **one** SELECT over the whole entailed
graph, which Oxigraph answers natively: no copy of the data is handed to another engine,
so memory is the store's own and time grows with the data, not faster (see
``benchmarks/validate_benchmark.py``; at world scale pyshacl-turbo needs about twice the
store's memory again for its own copy). The SHACL report it returns has the structure the
other engines write (``sh:ValidationResult`` with focus node, path, value, source shape,
component, severity and message), and a test requires its findings to equal pySHACL's and
pyshacl-turbo's on every example of ``tests/shapes/``.

The part of SHACL compiled is the part ``ontology/shapes/`` uses -- targets (class,
subjects of, objects of, SPARQL), paths (predicate, inverse, alternative, sequence,
``*``/``+``/``?``), ``minCount`` / ``maxCount`` (up to 4), ``class``, ``datatype``,
``nodeKind``, ``hasValue``, ``in``, ``pattern``, ``minLength`` / ``maxLength``, ``node``,
``not``, ``or``, ``and`` and SPARQL-based constraints. A shape using anything else is
refused with :class:`Unsupported` when the shapes are compiled, never silently skipped.

How a rule becomes a query: a value that does not conform to a nested shape is written as
``EXISTS { violations }``, where *violations* is a group pattern with a solution exactly
when the node breaks one of the shape's constraints; a SPARQL constraint's query is joined
with the shape's targets (``$this`` and ``?this`` are one variable in SPARQL), which is the
SHACL pre-binding of ``$this`` for the queries these shapes use.

Examples
--------
>>> from paradiplo.kg import load
>>> queries = compile_shapes(shapes_graph())
>>> any(q.component.endswith("MinCountConstraintComponent") for q in queries)
True
>>> report = run_native(load())
>>> sum(1 for _ in report.quads_for_pattern(None, ox.NamedNode(str(SH.focusNode)), None, None)) >= 0
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from ..errors import UsageError
from ..kg import entail, project_root, select
from ..kg.terms import native_term
from .locate import fill_template
from .shapes import shapes_graph

# SHACL's instance test is rdf:type/rdfs:subClassOf*; the graph the queries read already
# holds every type that path reaches (paradiplo.kg.entail adds rdfs9 to a fixpoint), so the
# plain rdf:type is the same test at a fraction of the cost.
_TYPE = f"<{RDF.type}>"
_NODE_KINDS = {
    SH.IRI: "isIRI({v})", SH.BlankNode: "isBlank({v})", SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))", SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
_MAX_COUNT = 4  # counting n distinct values needs n variables; the shapes ask for at most 2
_SKIPPED = {SH.name, SH.description, SH.message, SH.severity, SH.order, SH.group, RDF.type, SH.path,
            SH.property, SH.sparql, SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
            SH.target, SH.deactivated, SH.defaultValue, SH.flags}
#: Every sh: term a shape may use: the compiled constraints and the ones that only describe.
_KNOWN = _SKIPPED | {SH["class"], SH.datatype, SH.nodeKind, SH.pattern, SH.minLength, SH.maxLength, SH["in"],
                     SH.node, SH["not"], SH["or"], SH["and"], SH.hasValue, SH.minCount, SH.maxCount, SH.prefixes}


class Unsupported(UsageError):
    """A shape uses a SHACL feature this engine does not compile (use another engine)."""


@dataclass(frozen=True)
class ShapeQuery:
    """One constraint of one shape as a SELECT returning ``?this`` (and ``?value``...)."""

    shape: URIRef | BNode  # the shape whose severity and messages the results carry
    component: str  # e.g. "http://www.w3.org/ns/shacl#MinCountConstraintComponent"
    severity: URIRef
    text: str
    path: URIRef | BNode | None = None
    messages: tuple[Literal, ...] = field(default=())


def _n3(term) -> str:
    return term.n3()


class _Compiler:
    def __init__(self, g: Graph):
        self.g = g
        self.count = 0

    def var(self) -> str:
        self.count += 1
        return f"?_v{self.count}"

    # ------------------------------------------------------------------ paths
    def path(self, p) -> str:
        g = self.g
        if isinstance(p, URIRef):
            return _n3(p)
        if (p, RDF.first, None) in g:
            return "(" + "/".join(self.path(x) for x in Collection(g, p)) + ")"
        for prop, text in ((SH.inversePath, "^({})"), (SH.zeroOrMorePath, "({})*"),
                           (SH.oneOrMorePath, "({})+"), (SH.zeroOrOnePath, "({})?")):
            inner = g.value(p, prop)
            if inner is not None:
                return text.format(self.path(inner))
        alternatives = g.value(p, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self.path(x) for x in Collection(g, alternatives)) + ")"
        raise Unsupported(f"a SHACL path this engine does not compile: {p!r}")

    # ------------------------------------------------------------------ value tests
    def value_tests(self, shape, v: str) -> list[tuple[URIRef, str]]:
        """(component, FILTER expression true when the value ``v`` breaks the constraint)."""
        g, out = self.g, []
        for c in g.objects(shape, SH["class"]):
            out.append((SH.ClassConstraintComponent, f"!EXISTS {{ {v} {_TYPE} {_n3(c)} }}"))
        for d in g.objects(shape, SH.datatype):
            out.append((SH.DatatypeConstraintComponent, f"!(isLiteral({v}) && sameTerm(DATATYPE({v}), {_n3(d)}))"))
        for k in g.objects(shape, SH.nodeKind):
            if k not in _NODE_KINDS:
                raise Unsupported(f"sh:nodeKind {k} in {shape}")
            out.append((SH.NodeKindConstraintComponent, "!" + _NODE_KINDS[k].format(v=v)))
        for pattern in g.objects(shape, SH.pattern):
            flags = g.value(shape, SH.flags)
            args = f"{_n3(Literal(str(pattern)))}" + (f", {_n3(Literal(str(flags)))}" if flags else "")
            out.append((SH.PatternConstraintComponent, f"(isBlank({v}) || !REGEX(STR({v}), {args}))"))
        for n in g.objects(shape, SH.minLength):
            out.append((SH.MinLengthConstraintComponent, f"(isBlank({v}) || STRLEN(STR({v})) < {int(n)})"))
        for n in g.objects(shape, SH.maxLength):
            out.append((SH.MaxLengthConstraintComponent, f"(isBlank({v}) || STRLEN(STR({v})) > {int(n)})"))
        for members in g.objects(shape, SH["in"]):
            same = " || ".join(f"sameTerm({v}, {_n3(m)})" for m in Collection(g, members)) or "false"
            out.append((SH.InConstraintComponent, f"!({same})"))
        for n in g.objects(shape, SH.node):
            out.append((SH.NodeConstraintComponent, f"EXISTS {{ {self.violations(n, v)} }}"))
        for n in g.objects(shape, SH["not"]):
            out.append((SH.NotConstraintComponent, f"NOT EXISTS {{ {self.violations(n, v)} }}"))
        for members in g.objects(shape, SH["or"]):
            each = [f"EXISTS {{ {self.violations(m, v)} }}" for m in Collection(g, members)]
            out.append((SH.OrConstraintComponent, " && ".join(each) or "true"))
        for members in g.objects(shape, SH["and"]):
            each = [f"EXISTS {{ {self.violations(m, v)} }}" for m in Collection(g, members)]
            out.append((SH.AndConstraintComponent, " || ".join(each) or "false"))
        if g.value(shape, SH.path) is None:
            for h in g.objects(shape, SH.hasValue):
                out.append((SH.HasValueConstraintComponent, f"!sameTerm({v}, {_n3(h)})"))
        return out

    def check_known(self, shape) -> None:
        for p in set(self.g.predicates(shape, None)):
            if str(p).startswith(str(SH)) and p not in _KNOWN:
                raise Unsupported(f"{p.n3()} (in shape {shape.n3()}) is not compiled by the native engine; "
                                  "use --engine turbo")

    # ------------------------------------------------------------------ counts
    def distinct_values(self, x: str, path: str, n: int) -> str:
        if n > _MAX_COUNT:
            raise Unsupported(f"a count of {n} (the native engine counts up to {_MAX_COUNT})")
        vs = [self.var() for _ in range(n)]
        pattern = " ".join(f"{x} {path} {v} ." for v in vs)
        distinct = " && ".join(f"!sameTerm({a}, {b})" for a, b in combinations(vs, 2))
        return pattern + (f" FILTER ({distinct})" if distinct else "")

    def count_violations(self, shape, x: str, path: str) -> list[tuple[URIRef, str]]:
        """(component, group pattern with a solution when the count of values is wrong)."""
        out = []
        for n in self.g.objects(shape, SH.minCount):
            if int(n) > 0:
                out.append((SH.MinCountConstraintComponent,
                            f"FILTER NOT EXISTS {{ {self.distinct_values(x, path, int(n))} }}"))
        for n in self.g.objects(shape, SH.maxCount):
            out.append((SH.MaxCountConstraintComponent, self.distinct_values(x, path, int(n) + 1)))
        for h in self.g.objects(shape, SH.hasValue):
            out.append((SH.HasValueConstraintComponent, f"FILTER NOT EXISTS {{ {x} {path} {_n3(h)} }}"))
        return out

    # ------------------------------------------------------------------ nested shapes
    def violations(self, shape, x: str) -> str:
        """A group pattern with a solution exactly when node ``x`` does not conform."""
        self.check_known(shape)
        if (shape, SH.sparql, None) in self.g:
            raise Unsupported(f"a SPARQL constraint inside a nested shape ({shape.n3()})")
        parts = []
        p = self.g.value(shape, SH.path)
        if p is not None:
            path = self.path(p)
            parts += [pattern for _, pattern in self.count_violations(shape, x, path)]
            v = self.var()
            parts += [f"{x} {path} {v} . FILTER ({test})" for _, test in self.value_tests(shape, v)]
        else:
            parts += [f"FILTER ({test})" for _, test in self.value_tests(shape, x)]
        parts += [self.violations(ps, x) for ps in self.g.objects(shape, SH.property)]
        return " UNION ".join(f"{{ {part} }}" for part in parts) or "FILTER (false)"


def _targets(g: Graph, shape) -> str | None:
    """A group pattern binding ``?this`` to the shape's focus nodes (None: no target)."""
    parts = [f"?this {_TYPE} {_n3(c)}" for c in g.objects(shape, SH.targetClass)]
    parts += [f"VALUES ?this {{ {_n3(n)} }}" for n in g.objects(shape, SH.targetNode)]
    parts += [f"?this {_n3(p)} []" for p in g.objects(shape, SH.targetSubjectsOf)]
    parts += [f"[] {_n3(p)} ?this" for p in g.objects(shape, SH.targetObjectsOf)]
    for t in g.objects(shape, SH.target):
        query = g.value(t, SH.select)
        if query is None:
            raise Unsupported(f"a custom target of {shape.n3()} that is not a SPARQL target")
        parts.append("{ " + _strip_prefixes(str(query)) + " }")
    if not parts:
        return None
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(f"{{ {p} }}" for p in parts) + " } }"


def _prefixes(g: Graph, node) -> dict[str, str]:
    out = {}
    for holder in g.objects(node, SH.prefixes):
        for d in g.objects(holder, SH.declare):
            out[str(g.value(d, SH.prefix))] = str(g.value(d, SH.namespace))
    return out


def _strip_prefixes(query: str) -> str:
    """A SELECT without leading PREFIX lines (they go to the top of the whole query)."""
    lines = query.strip().splitlines()
    return "\n".join(line for line in lines if not line.strip().upper().startswith("PREFIX "))


def compile_shapes(g: Graph) -> list[ShapeQuery]:
    """Every constraint of every shape with a target, as one SELECT each.

    Raises
    ------
    Unsupported
        If a shape uses a SHACL feature this engine does not compile.
    """
    c = _Compiler(g)
    out: list[ShapeQuery] = []
    roots = {s for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
             for s in g.subjects(p, None)}
    for root in sorted(roots, key=str):
        if g.value(root, SH.deactivated) == Literal(True):
            continue
        target = _targets(g, root)
        prefixes = _prefixes(g, g.value(root, SH.target)) if g.value(root, SH.target) else {}
        for shape in [root, *sorted(g.objects(root, SH.property), key=str)]:
            if g.value(shape, SH.deactivated) != Literal(True):
                out += _shape_queries(c, shape, target, prefixes)
    return out


def _shape_queries(c: _Compiler, shape, target: str, prefixes: dict) -> list[ShapeQuery]:
    """The queries of one shape's own constraints, over the focus nodes ``target`` binds."""
    g = c.g
    c.check_known(shape)
    severity = g.value(shape, SH.severity, default=SH.Violation)
    messages = tuple(sorted((m for m in g.objects(shape, SH.message) if isinstance(m, Literal)), key=str))
    parts = []  # (component, pattern, projection, path, extra prefixes)
    p = g.value(shape, SH.path)
    if p is None:
        parts += [(k, f"FILTER ({test})", "?this", None, {}) for k, test in c.value_tests(shape, "?this")]
    else:
        path = c.path(p)
        parts += [(k, pattern, "?this", p, {}) for k, pattern in c.count_violations(shape, "?this", path)]
        parts += [(k, f"?this {path} ?value . FILTER ({test})", "?this ?value", p, {})
                  for k, test in c.value_tests(shape, "?value")]
    for constraint in g.objects(shape, SH.sparql):
        if p is not None:
            raise Unsupported(f"a SPARQL constraint on a property shape ({shape.n3()})")
        text = _strip_prefixes(str(g.value(constraint, SH.select)))
        parts.append((SH.SPARQLConstraintComponent, "{ " + text + " }", "*", None, _prefixes(g, constraint)))
    out = []
    for component, pattern, projection, path, extra in parts:
        header = "".join(f"PREFIX {k}: <{v}>\n" for k, v in sorted({**prefixes, **extra}.items()))
        out.append(ShapeQuery(shape, str(component), severity,
                              f"{header}SELECT DISTINCT {projection} WHERE {{ {target} {pattern} }}", path, messages))
    return out


@lru_cache(maxsize=4)
def _compiled(root: Path) -> tuple[ShapeQuery, ...]:
    return tuple(compile_shapes(shapes_graph(root)))


def _path_quads(g: Graph, path, seen: set) -> list[ox.Quad]:
    """The shapes-graph triples that describe a (blank-node) path, for the report."""
    if not isinstance(path, BNode) or path in seen:
        return []
    seen.add(path)
    out = []
    for p, o in g.predicate_objects(path):
        out.append(ox.Quad(native_term(path), native_term(p), native_term(o)))
        out += _path_quads(g, o, seen)
    return out


def _message(text: str, language: str | None) -> ox.Literal:
    return ox.Literal(text, language=language) if language else ox.Literal(text)


def run_native(kg, root: Path | None = None) -> ox.Store:
    """Validate the loaded knowledge graph with the compiled queries; return the SHACL
    report (``sh:ValidationReport``) in an Oxigraph store."""
    root = root or project_root()
    entail(kg)
    shapes = shapes_graph(root)
    report = ox.BlankNode()
    quads = [ox.Quad(report, native_term(RDF.type), native_term(SH.ValidationReport))]
    sh = {name: native_term(SH[name]) for name in ("result", "focusNode", "resultSeverity", "sourceShape",
                                                   "sourceConstraintComponent", "resultPath", "value",
                                                   "resultMessage", "ValidationResult")}
    a, result_class = native_term(RDF.type), sh["ValidationResult"]
    seen_paths: set = set()
    for q in _compiled(root):
        solutions = select(kg, q.text)
        names = [v.value for v in solutions.variables]
        severity, shape, component = native_term(q.severity), native_term(q.shape), ox.NamedNode(q.component)
        fixed_path = native_term(q.path) if q.path is not None else None
        templated = any("{" in m for m in q.messages)
        messages = [_message(str(m), m.language) for m in q.messages]
        for s in solutions:
            if isinstance(q.path, BNode) and q.path not in seen_paths:
                quads += _path_quads(shapes, q.path, seen_paths)  # a blank-node path, described once
            r = ox.BlankNode()
            quads += [ox.Quad(report, sh["result"], r), ox.Quad(r, a, result_class),
                      ox.Quad(r, sh["focusNode"], s["this"]), ox.Quad(r, sh["resultSeverity"], severity),
                      ox.Quad(r, sh["sourceShape"], shape), ox.Quad(r, sh["sourceConstraintComponent"], component)]
            path = s["path"] if "path" in names and s["path"] is not None else fixed_path
            if path is not None:
                quads.append(ox.Quad(r, sh["resultPath"], path))
            value = s["value"] if "value" in names else None
            if value is None and q.path is None:
                value = s["this"]
            if value is not None:
                quads.append(ox.Quad(r, sh["value"], value))
            if templated:
                values = {n: s[n].value for n in names if s[n] is not None}
                messages = [_message(fill_template(str(m), values), m.language) for m in q.messages]
            quads += [ox.Quad(r, sh["resultMessage"], m) for m in messages]
    conforms = not any(q.predicate == sh["result"] for q in quads)
    quads.append(ox.Quad(report, native_term(SH.conforms), native_term(Literal(conforms))))
    store = ox.Store()
    store.bulk_extend(quads)
    return store
