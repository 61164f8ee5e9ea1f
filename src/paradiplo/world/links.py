"""The case cities in the world network: which world node each is, their neighbourhoods,
and where the cases and the list disagree. The case cities and their countries are read
from the knowledge graph (every ``pdo:City`` of the cases), never listed in code."""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
from rdflib import Dataset

from ..kg import rows
from ..kg.labels import local_name
from ..namespaces import EDITORIAL, PD, PDO

LINKS_GRAPH = PD["graph-world-links"]

_COUNTRIES = """
SELECT ?c ?label WHERE { ?c a pdo:Country ; rdfs:label ?label FILTER (LANG(?label) = "en") }
"""
_CITIES = """
SELECT ?city ?name ?country WHERE {
  ?city a pdo:City ; rdfs:label ?name ; pdo:country ?country FILTER (LANG(?name) = "en")
  FILTER (!STRSTARTS(STR(?city), STR(pd:world-)))
}
"""
_CASE_PAIRS = """
SELECT DISTINCT ?p ?a ?b WHERE {
  ?p pdo:partner ?ga , ?gb . ?ga pdo:governs ?a . ?gb pdo:governs ?b . FILTER (STR(?a) < STR(?b))
}
"""


def case_countries(ds: Dataset) -> dict[str, list[str]]:
    """Country IRI -> English labels, from the knowledge graph."""
    out: dict[str, list[str]] = {}
    for r in rows(ds, _COUNTRIES):
        out.setdefault(r["c"], []).append(r["label"])
    return out


def case_cities(ds: Dataset) -> dict[str, tuple[str, str]]:
    """City IRI -> (English name, country IRI) of every city of the cases."""
    return {r["city"]: (r["name"], r["country"]) for r in rows(ds, _CITIES)}


def case_links(G, ds: Dataset) -> dict:
    """The world nodes of the case cities (same name and country), their neighbourhoods,
    and where the cases and the list disagree (a case partnership the list lacks, or a
    listed pair of case cities that no case records)."""
    by_name = {(d["label"], d.get("country_iri")): n for n, d in G.nodes(data=True)}
    ranks = {n: i + 1 for i, n in enumerate(sorted(G, key=lambda n: (-G.degree(n), G.nodes[n]["label"])))}
    links, neighbourhoods = {}, {}
    for city, (name, country) in sorted(case_cities(ds).items()):
        node = by_name.get((name, country))
        if node is None:
            continue
        local = local_name(city)
        links[local] = node
        neighbourhoods[local] = {
            "world_node": node, "degree": G.degree(node), "rank_by_degree": ranks[node], "of": G.number_of_nodes(),
            "partners": sorted(({"place": G.nodes[m]["label"], "country": G.nodes[m]["country"]} for m in G[node]),
                               key=lambda r: (r["country"], r["place"])),
        }
    case_pairs = {(local_name(r["p"]), (local_name(r["a"]), local_name(r["b"]))) for r in rows(ds, _CASE_PAIRS)}
    missing_in_list = []
    for partnership, (a, b) in sorted(case_pairs):
        if a in links and b in links:
            if not G.has_edge(links[a], links[b]):
                missing_in_list.append({"partnership": partnership, "cities": [a, b], "why": "not in the list"})
        else:
            unknown = [x for x in (a, b) if x not in links]
            missing_in_list.append({"partnership": partnership, "cities": [a, b],
                                    "why": f"cannot be checked: {', '.join(unknown)} has no world node"})
    recorded = {p for _, p in case_pairs}
    missing_in_cases = []
    for a, b in sorted({tuple(sorted((x, y))) for x in links for y in links if x < y}):
        if G.has_edge(links[a], links[b]) and (a, b) not in recorded:
            missing_in_cases.append({"cities": [a, b], "why": "listed as twinned; no case records it"})
    return {"links": links, "neighbourhoods": neighbourhoods, "case_partnerships_not_in_list": missing_in_list,
            "listed_pairs_not_in_cases": missing_in_cases}


def links_nquads(links: dict, ds: Dataset) -> bytes:
    """``pd:jakarta pdo:listedAs <world node>`` for each case city, in their own named graph,
    each an editorial identification (matched by name and country) with its reasoning."""
    cities = {local_name(c): v for c, v in case_cities(ds).items()}
    graph = ox.NamedNode(str(LINKS_GRAPH))
    quads = []
    for local, node in sorted(links["links"].items()):
        name, _ = cities[local]
        city = ox.NamedNode(str(PD[local]))
        cite = ox.BlankNode("link" + hashlib.sha1(local.encode()).hexdigest()[:12])
        for s, p, o in [(city, PDO.listedAs, ox.NamedNode(node)), (city, PDO.attestedBy, cite),
                        (cite, PDO.source, ox.NamedNode(str(PD["source-editorial"]))),
                        (cite, PDO.editorialKind, ox.NamedNode(str(EDITORIAL.identification))),
                        (cite, PDO.supports, ox.NamedNode(str(PDO.listedAs))),
                        (cite, PDO.reason, ox.Literal(f"Matched by name and country: {name} in the list.",
                                                      language="en"))]:
            quads.append(ox.Quad(s, ox.NamedNode(str(p)), o, graph))
    return ox.serialize(sorted(quads, key=str), format=ox.RdfFormat.N_QUADS) or b""
