"""Actors, affairs and the ties between them, read once from the knowledge graph.

Everything is read with a handful of SPARQL queries that Oxigraph runs over the entailed
store (a ``pdo:Ministry`` is a ``pdo:Actor``; ``pdo:signedOn`` is a ``pdo:date``); nothing
is copied through Python but the answers.

Examples
--------
>>> from paradiplo.kg import load
>>> ex = extract(load())
>>> ex.actors["https://w3id.org/paradiplo/id/kemlu-ri"]["label"]
'Ministry of Foreign Affairs of the Republic of Indonesia'
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Literal

from ..kg import KnowledgeGraph, rows
from ..kg.labels import local_name, pick, slug_of_case
from ..namespaces import PDO

ROLES_DIRECTED = {"initiator", "proposer", "facilitator", "funder", "supporter"}


@dataclass
class Filters:
    """Which part of the knowledge graph a network is built from."""

    case: str | None = None  # case slug, e.g. "jakarta-hanoi"
    year_from: int | None = None
    year_to: int | None = None
    actor_types: tuple[str, ...] = ()  # pdo class local names, e.g. ("Ministry", "Embassy")
    include_generic: bool = True
    keep_persons: bool = False  # False: a person counts as the organisation they hold a post in

    def as_dict(self) -> dict:
        return {"case": self.case, "from": self.year_from, "to": self.year_to,
                "actor_types": list(self.actor_types), "include_generic": self.include_generic,
                "persons": "keep" if self.keep_persons else "fold"}


@dataclass
class Extract:
    """Actors, affairs and the ties between them, read once from the knowledge graph."""

    actors: dict[str, dict]
    affairs: dict[str, dict]
    ties: list[tuple[str, str, str]]  # (actor, affair, role)
    partnerships: dict[str, dict]
    directed: list[tuple[str, str, str, str]]  # (actor, target, role, affair)
    types: dict[str, set[str]] = field(default_factory=dict)  # node -> pdo class local names
    acts_for: dict[str, str] = field(default_factory=dict)  # person -> the organisation they hold a post in


_LABELS = """
SELECT ?n ?l (LANG(?l) AS ?lang) WHERE { { ?n rdfs:label ?l } UNION { ?n skos:prefLabel ?l } }
"""
def labels(kg: KnowledgeGraph) -> dict[str, str]:
    """One label per node, as :func:`paradiplo.kg.labels.pick` chooses it (English first)."""
    found: dict[str, list] = {}
    for r in rows(kg, _LABELS):
        found.setdefault(r["n"], []).append(Literal(r["l"], lang=r["lang"] or None))
    return {n: pick(ls) for n, ls in found.items()}


_CASES_OF = """
SELECT DISTINCT ?s ?case WHERE { ?case a pdo:Case . GRAPH ?case { ?s a ?t } FILTER isIRI(?s) }
"""
# The most specific pdo: class of each instance of ?root (stated or entailed types).
_MOST_SPECIFIC = """
SELECT ?x (MIN(STR(?t)) AS ?type) WHERE {
  ?x a <ROOT> . FILTER isIRI(?x)
  ?x a ?t . ?t rdfs:subClassOf* <ROOT> .
  FILTER (STRSTARTS(STR(?t), STR(pdo:)))
  FILTER NOT EXISTS { ?x a ?u . ?u rdfs:subClassOf+ ?t . FILTER (?u != ?t) }
} GROUP BY ?x
"""
_ACTORS = """
SELECT ?a (SAMPLE(?lv) AS ?level) (SAMPLE(?c) AS ?country) (MAX(?g) AS ?generic) (MAX(?gb) AS ?government) WHERE {
  ?a a pdo:Actor . FILTER isIRI(?a)
  OPTIONAL { ?a pdo:level ?lv }
  OPTIONAL { ?a pdo:country ?c }
  OPTIONAL { ?a pdo:isGeneric ?g }
  BIND (EXISTS { ?a a pdo:GovernmentBody } AS ?gb)
} GROUP BY ?a
"""
_AFFAIRS = """
SELECT ?f (MIN(STR(?s1)) AS ?signed) (MIN(STR(?d1)) AS ?date) (MIN(STR(?st)) AS ?start) (MAX(STR(?en)) AS ?end)
       (MIN(STR(?rp)) AS ?related) (MIN(STR(?es)) AS ?establishes)
       (MAX(?p) AS ?isPartnership) (MAX(?ag) AS ?isAgreement) WHERE {
  ?f a pdo:Affair . FILTER isIRI(?f)
  OPTIONAL { ?f pdo:signedOn ?s1 }
  OPTIONAL { ?f pdo:date ?d1 }
  OPTIONAL { ?f pdo:startDate ?st }
  OPTIONAL { ?f pdo:endDate ?en }
  OPTIONAL { ?f pdo:relatedPartnership ?rp }
  OPTIONAL { ?f pdo:establishes ?es }
  BIND (EXISTS { ?f a pdo:Partnership } AS ?p)
  BIND (EXISTS { ?f a pdo:Agreement } AS ?ag)
} GROUP BY ?f
"""
_PARTICIPATIONS = """
SELECT DISTINCT ?f ?actor ?role ?target WHERE {
  ?f a pdo:Affair ; pdo:participation ?p . ?p pdo:actor ?actor ; pdo:role ?role .
  OPTIONAL { ?p pdo:actedOn ?target }
}
"""
_PARTIES = """
SELECT DISTINCT ?f ?a ?kind WHERE {
  ?f a pdo:Affair .
  { ?f pdo:party ?a BIND ("party" AS ?kind) } UNION { ?f pdo:partner ?a BIND ("partner" AS ?kind) }
}
"""
_ASSESSMENTS = """
SELECT DISTINCT ?p ?a ?status ?start ?end WHERE {
  ?a pdo:assesses ?p ; pdo:status ?status .
  OPTIONAL { ?a pdo:startDate ?start } OPTIONAL { ?a pdo:endDate ?end }
}
"""
_AGREEMENT_DATES = """
SELECT DISTINCT ?p ?a ?signed WHERE {
  { ?a pdo:underPartnership ?p } UNION { ?a pdo:establishes ?p } ?a pdo:signedOn ?signed
}
"""
# A person acts for the organisation they hold a post in; a post a source is doubted on
# (pdo:disputed) does not count, and a person with posts in two organisations stays a person.
_ACTS_FOR = """
SELECT ?person (MIN(STR(?org)) AS ?in) (COUNT(DISTINCT ?org) AS ?n) WHERE {
  ?h a pdo:PostHolding ; pdo:holder ?person ; pdo:postIn ?org .
  FILTER NOT EXISTS { ?h pdo:disputed true }
} GROUP BY ?person
"""
_FIELDS = "SELECT DISTINCT ?p ?x WHERE { ?p a pdo:Partnership ; pdo:field ?x }"
_TYPES = "SELECT DISTINCT ?a ?t WHERE { ?a a pdo:Actor ; a ?t }"


def _year(text: str | None) -> int | None:
    return int(text[:4]) if text and len(text) >= 4 and text[:4].isdigit() else None


def extract(kg: KnowledgeGraph) -> Extract:
    """Read actors, affairs, roles and partnerships from the knowledge graph."""
    label = labels(kg)

    def name(node):
        return label.get(node) or local_name(node) if node else ""

    cases_of: dict = defaultdict(set)
    for r in rows(kg, _CASES_OF):
        cases_of[r["s"]].add(slug_of_case(r["case"]))
    actor_class = {r["x"]: r["type"] for r in rows(kg, _MOST_SPECIFIC.replace("ROOT", PDO.Actor))}
    affair_class = {r["x"]: r["type"] for r in rows(kg, _MOST_SPECIFIC.replace("ROOT", PDO.Affair))}

    actors = {}
    # Sorted throughout: node insertion order decides layouts, community labels and the
    # order of every export, which must not depend on Python's per-process hash seed.
    for r in sorted(rows(kg, _ACTORS), key=lambda r: r["a"]):
        a, t = r["a"], actor_class.get(r["a"])
        actors[a] = {
            "label": name(a), "type": name(t) if t else "actor", "class": local_name(t) if t else "Actor",
            "level": name(r["level"]), "country": name(r["country"]),
            "generic": r["generic"] == "true", "government": r["government"] == "true",
            "cases": sorted(cases_of.get(a, ())), "kind": "actor",
        }

    affairs, start_date = {}, {}
    for r in sorted(rows(kg, _AFFAIRS), key=lambda r: r["f"]):
        f, t = r["f"], affair_class.get(r["f"])
        start = r["signed"] or r["date"] or r["start"]
        end = r["end"] or start
        start_date[f] = r["start"]
        is_partnership = r["isPartnership"] == "true"
        partnership = f if is_partnership else (r["related"] or r["establishes"])
        affairs[f] = {
            "label": name(f), "type": name(t) if t else "affair", "class": local_name(t) if t else "Affair",
            "group": "partnership" if is_partnership else "agreement" if r["isAgreement"] == "true" else "activity",
            "date": start or "", "start": _year(start), "end": _year(end),
            "partnership": partnership or "", "cases": sorted(cases_of.get(f, ())), "kind": "affair",
        }

    parties = defaultdict(list)
    ties = set()
    for r in rows(kg, _PARTIES):
        if r["f"] in affairs and r["a"] in actors:
            parties[r["f"]].append(r["a"])
            ties.add((r["a"], r["f"], r["kind"]))
    directed = set()
    for r in rows(kg, _PARTICIPATIONS):
        f, actor, role = r["f"], r["actor"], local_name(r["role"])
        if f not in affairs or actor not in actors:
            continue
        ties.add((actor, f, role))
        if role in ROLES_DIRECTED:
            targets = [r["target"]] if r["target"] else [t for t in parties[f] if t != actor]
            directed |= {(actor, t, role, f) for t in targets if t in actors}

    partners, assessments, dates, fields = defaultdict(set), defaultdict(list), defaultdict(list), defaultdict(set)
    for actor, f, kind in ties:
        if kind == "partner":
            partners[f].add(actor)
    for r in rows(kg, _ASSESSMENTS):
        assessments[r["p"]].append((r["end"] or r["start"] or "", name(r["status"])))
    for r in rows(kg, _AGREEMENT_DATES):
        dates[r["p"]].append(r["signed"])
    for r in rows(kg, _FIELDS):
        fields[r["p"]].add(name(r["x"]))
    partnerships = {}
    for p in (f for f, d in affairs.items() if d["group"] == "partnership"):
        judged = sorted(assessments[p])
        start = min(dates[p]) if dates[p] else start_date[p]
        partnerships[p] = {
            "label": affairs[p]["label"], "partners": sorted(partners[p]),
            "since": start or "", "start": _year(start),
            "status": judged[-1][1] if judged else "", "fields": sorted(fields[p]), "cases": affairs[p]["cases"],
        }
    types = defaultdict(set)
    for r in rows(kg, _TYPES):
        if r["a"] in actors:
            types[r["a"]].add(local_name(r["t"]))
    acts_for = {r["person"]: r["in"] for r in rows(kg, _ACTS_FOR)
                if r["n"] == "1" and r["person"] in actors and r["in"] in actors}
    return Extract(actors, affairs, sorted(ties), partnerships, sorted(directed), dict(types), acts_for)


def check_actor_types(kg: KnowledgeGraph, actor_types) -> None:
    """Raise UsageError for an ``--actor-type`` that is no actor class of the ontology,
    suggesting the closest names."""
    import difflib

    from ..errors import UsageError

    known = sorted({local_name(r["c"]) for r in rows(kg, "SELECT ?c WHERE { ?c rdfs:subClassOf* pdo:Actor }")})
    for name in actor_types:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
            hint = f"; did you mean {' or '.join(close)}?" if close else f"; the actor classes are: {', '.join(known)}"
            raise UsageError(f"--actor-type {name!r} is not an actor class of the ontology{hint}")
