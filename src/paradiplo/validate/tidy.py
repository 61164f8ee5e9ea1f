"""One mistake, one message, on what the contributor wrote.

The SHACL engines see the entailed graph, so one wrong ``pdo:signedOn`` is also a wrong
``pdo:date`` (its super-property), and one missing type makes every shape that expects
that type fail. These functions turn the raw findings into what a contributor can act on:

* :func:`on_stated_property` -- a finding on an entailed super-property is moved to the
  property the file states, and findings that then say the same thing are merged;
* :func:`without_consequences` -- findings about a node that has no type, is described
  nowhere or lies outside paradiplo's namespaces are dropped beside the finding that says
  so (that is the one fix);
* :func:`persons_without_country_grouped` -- the persons of a file without a stated
  country are one warning, not one each, so that the organisations' stand out;
* :func:`with_suggestions` -- a misspelt class, property, entity or concept name gets
  "did you mean ...?" with the closest name the knowledge graph knows; a concept no
  vocabulary has, and none is close to, points to how to propose one.

Examples
--------
>>> closest("pdo:MemorandumOfUnderstandin", ["pdo:MemorandumOfUnderstanding", "pdo:Agreement"])
'pdo:MemorandumOfUnderstanding'
>>> closest_concept("role:organizer", ["role:organiser", "field:culture"])
'role:organiser'
>>> closest_concept("field:educaton", ["role:organiser", "field:education"])
'field:education'
"""

from __future__ import annotations

import difflib
from dataclasses import replace

import pyoxigraph as ox

from ..kg import KnowledgeGraph, derived_graphs, select
from .locate import short_name

#: shapes whose value (or path) is a name that may be misspelt, and what it should name
_NAMES = {"pdsh:DeclaredClassShape": ("value", "classes"), "pdsh:DeclaredPropertyShape": ("path", "properties"),
          "pdsh:TypedEntityShape": ("value", "entities")}
_DID_YOU_MEAN = {"en": " Did you mean {}?", "id": " Maksud Anda {}?"}
_PROPOSE = {"en": " No concept of the vocabularies is close to {}: if none fits, propose one "
                  "(docs/proposing-concepts.md).",
            "id": " Tidak ada konsep kosakata yang mirip {}: jika tidak ada yang cocok, usulkan konsep baru "
                  "(docs/proposing-concepts.md)."}


def closest(name: str, candidates) -> str | None:
    """The candidate most like ``name`` (difflib's ratio at least 0.8), if any."""
    found = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.8)
    return found[0] if found else None


def closest_concept(name: str, concepts) -> str | None:
    """The concept most like ``name`` (a short name such as ``role:organizer``), looked for
    first in the same scheme (the same prefix), then among every concept."""
    concepts = list(concepts)
    prefix = name.partition(":")[0]
    same = [c for c in concepts if c.partition(":")[0] == prefix]
    found = closest(name, same)
    if found is None:  # same local name in another scheme, or a wrong prefix
        local = name.partition(":")[2]
        by_local = {c.partition(":")[2]: c for c in concepts}
        match = closest(local, by_local) if local else None
        found = by_local[match] if match else None
    return found


def _super_properties(kg: KnowledgeGraph) -> dict[str, set[str]]:
    """property -> its strict sub-properties, as short names (pdo:date -> {pdo:signedOn ...})."""
    subs: dict[str, set[str]] = {}
    for row in select(kg, "SELECT ?sub ?sup WHERE { ?sub rdfs:subPropertyOf+ ?sup FILTER (?sub != ?sup) }",
                      inference=False):
        subs.setdefault(short_name(row["sup"].value), set()).add(short_name(row["sub"].value))
    return subs


def _stated(kg: KnowledgeGraph, focus: str) -> set[tuple[str, str]]:
    """(property, value) pairs the files state about ``focus``, as the findings show them."""
    if not focus.startswith(("http://", "https://")):
        return set()
    out = set()
    derived = derived_graphs(kg)
    for q in kg.store.quads_for_pattern(ox.NamedNode(focus), None, None, None):
        if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name.value not in derived:
            o = q.object
            out.add((short_name(q.predicate.value), o.value if isinstance(o, ox.Literal) else short_name(o.value)))
    return out


def on_stated_property(findings: list, kg: KnowledgeGraph) -> list:
    """Move each finding reported on an entailed super-property to the stated property,
    then merge findings that became the same."""
    subs = _super_properties(kg)
    kept, moved = [], []
    for f in findings:
        if f.path in subs and f.value is not None:
            stated = _stated(kg, f.focus)
            if (f.path, f.value) not in stated:
                mine = sorted(p for p, v in stated if v == f.value and p in subs[f.path])
                if mine:
                    moved.append(replace(f, path=mine[0], message=f.message.replace(f.path, mine[0])))
                    continue
        kept.append(f)

    def key(f):
        return f.focus, f.detail, f.shape, f.path, f.value, f.message
    seen = {key(f) for f in kept}
    for f in moved:  # a moved finding that says what another already says is dropped
        if key(f) not in seen:
            seen.add(key(f))
            kept.append(f)
    return kept


#: findings that name a node as the mistake itself: other findings about that node follow from it
_ROOT_CAUSES = {"pdsh:UntypedEntityShape": "focus", "pdsh:TypedEntityShape": "value", "pdsh:NamespaceShape": "value"}


def without_consequences(findings: list) -> list:
    """Drop the findings that only follow from a node having no type, being described
    nowhere, or lying outside paradiplo's namespaces: the finding that says so is the fix."""
    causes = {short_name(getattr(f, _ROOT_CAUSES[f.shape])) for f in findings if f.shape in _ROOT_CAUSES}
    return [f for f in findings if f.shape in _ROOT_CAUSES or f.value not in causes]


def with_suggestions(findings: list, kg: KnowledgeGraph, lang: str = "en") -> list:
    """Add "did you mean ...?" to findings about a name the knowledge graph does not know."""
    names = {
        "classes": "SELECT ?x WHERE { ?x a owl:Class }",
        "properties": "SELECT ?x WHERE { ?x a ?k "
                      "VALUES ?k { owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty } }",
        "entities": "SELECT DISTINCT ?x WHERE { ?x a ?t FILTER (STRSTARTS(STR(?x), STR(pd:))) }",
        "concepts": "SELECT ?x WHERE { ?x a skos:Concept }",
    }
    known: dict[str, list[str]] = {}

    def names_of(kind: str) -> list[str]:
        if kind not in known:  # each list is read only when a finding needs it
            known[kind] = [short_name(r["x"].value) for r in select(kg, names[kind], inference=False)
                           if isinstance(r["x"], ox.NamedNode)]
        return known[kind]

    def vocabulary_prefixes() -> set[str]:
        return {c.partition(":")[0] for c in names_of("concepts") if ":" in c}

    out = []
    for f in findings:
        if f.shape in _NAMES:
            where, kind = _NAMES[f.shape]
            name = getattr(f, where)
            best = closest(name, (k for k in names_of(kind) if k != name)) if name else None
            if best:
                f = replace(f, message=f.message + _DID_YOU_MEAN.get(lang, _DID_YOU_MEAN["en"]).format(best))
        elif _unknown_concept(f.value, names_of, vocabulary_prefixes):
            best = closest_concept(f.value, names_of("concepts"))
            text = (_DID_YOU_MEAN if best else _PROPOSE).get(lang, (_DID_YOU_MEAN if best else _PROPOSE)["en"])
            f = replace(f, message=f.message + text.format(best or f.value))
        out.append(f)
    return out


def _unknown_concept(value, names_of, vocabulary_prefixes) -> bool:
    """Is ``value`` written in a vocabulary's namespace (``role:…``, ``field:…``) but not
    one of its concepts?"""
    if not isinstance(value, str) or ":" not in value or " " in value or value.startswith(("http", "pd:", "pdo:")):
        return False
    return value.partition(":")[0] in vocabulary_prefixes() and value not in names_of("concepts")


_NO_COUNTRY = {
    "en": ("{n} persons have no pdo:country: {names}. Add it where a source gives it; otherwise leave it "
           "out and keep this warning.", "line"),
    "id": ("{n} orang tidak memiliki pdo:country: {names}. Tambahkan bila sumber menyebutkannya; bila tidak, "
           "biarkan peringatan ini.", "baris"),
}


def persons_without_country_grouped(findings: list, kg: KnowledgeGraph, lang: str = "en") -> list:
    """One warning per file for the persons without a stated country (pdsh:ActorCountryShape):
    a source seldom gives an official's country, and one warning each buried the actors
    whose missing country matters. The organisations keep a warning each.

    >>> persons_without_country_grouped([], None)
    []
    """
    candidates = [f for f in findings if f.shape == "pdsh:ActorCountryShape" and f.severity == "Warning"]
    if len(candidates) < 2:
        return findings
    persons = {r["x"].value for r in select(kg, "SELECT ?x WHERE { ?x a pdo:Person }", inference=False)}
    by_file: dict = {}
    for f in candidates:
        if f.focus in persons:
            by_file.setdefault(f.file, []).append(f)
    template, line_word = _NO_COUNTRY.get(lang, _NO_COUNTRY["en"])
    grouped, replaced = [], set()
    for group in by_file.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda f: (f.line or 0, f.label))
        names = ", ".join(f"{f.label} ({line_word} {f.line})" if f.line else f.label for f in group)
        grouped.append(replace(group[0], label=f"{len(group)} persons" if lang == "en" else f"{len(group)} orang",
                               message=template.format(n=len(group), names=names)))
        replaced.update(id(f) for f in group)
    if not grouped:
        return findings
    return [f for f in findings if id(f) not in replaced] + grouped
