"""The case cities in the world network: which world node each is, their neighbourhoods,
and where the cases and the list disagree. The case cities and their countries are read
from the knowledge graph (every ``pdo:City`` of the cases), never listed in code."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import pyoxigraph as ox

from ..kg import KnowledgeGraph, rows
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
#: Every name of a case city (labels in any language, alternative labels): the names it
#: may be listed under.
_CITY_NAMES = """
SELECT DISTINCT ?city ?name WHERE {
  ?city a pdo:City ; pdo:country ?country ; rdfs:label|skos:altLabel ?name
  FILTER (!STRSTARTS(STR(?city), STR(pd:world-)))
}
"""
_CASE_PAIRS = """
SELECT DISTINCT ?p ?a ?b WHERE {
  ?p pdo:partner ?ga , ?gb . ?ga pdo:governs ?a . ?gb pdo:governs ?b . FILTER (STR(?a) < STR(?b))
}
"""


def case_countries(kg: KnowledgeGraph) -> dict[str, list[str]]:
    """Country IRI -> English labels, from the knowledge graph."""
    out: dict[str, list[str]] = {}
    for r in rows(kg, _COUNTRIES):
        out.setdefault(r["c"], []).append(r["label"])
    return out


def case_cities(kg: KnowledgeGraph) -> dict[str, tuple[str, str]]:
    """City IRI -> (English name, country IRI) of every city of the cases."""
    return {r["city"]: (r["name"], r["country"]) for r in rows(kg, _CITIES)}


def name_key(name: str) -> str:
    """The form under which two spellings of a place name are the same: accents dropped,
    case folded, a parenthesis and a trailing "City" (or "Kota " before it) left out.

    >>> name_key("Kōchi") == name_key("Kochi City") == name_key("Kota Kochi")
    True
    >>> name_key("Gangbuk (Seoul)")
    'gangbuk'
    """
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    plain = re.sub(r"\(.*?\)", " ", plain).casefold()
    plain = re.sub(r"^(kota|city of)\s+|\s+(city|shi|-shi)$", "", plain.strip())
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


def case_links(G, kg: KnowledgeGraph) -> dict:
    """The world nodes of the case cities (one of the city's names, as :func:`name_key`
    compares them, and the same country), their neighbourhoods, and where the cases and the
    list disagree (a case partnership the list lacks, or a listed pair of case cities that
    no case records)."""
    by_name = {(name_key(d["label"]), d.get("country_iri")): n for n, d in G.nodes(data=True)}
    names: dict[str, set[str]] = {}
    for r in rows(kg, _CITY_NAMES):
        names.setdefault(r["city"], set()).add(name_key(r["name"]))
    ranks = {n: i + 1 for i, n in enumerate(sorted(G, key=lambda n: (-G.degree(n), G.nodes[n]["label"])))}
    cities = case_cities(kg)
    links, neighbourhoods = {}, {}
    for city, (name, country) in sorted(cities.items()):
        found = sorted({by_name[(k, country)] for k in names.get(city, {name_key(name)}) if (k, country) in by_name})
        if len(found) != 1:  # none, or two listed places the city's names could be: no guess
            continue
        node = found[0]
        local = local_name(city)
        links[local] = node
        neighbourhoods[local] = {
            "world_node": node, "degree": G.degree(node), "rank_by_degree": ranks[node], "of": G.number_of_nodes(),
            "partners": sorted(({"place": G.nodes[m]["label"], "country": G.nodes[m]["country"]} for m in G[node]),
                               key=lambda r: (r["country"], r["place"])),
        }
    case_pairs = {(local_name(r["p"]), (local_name(r["a"]), local_name(r["b"]))) for r in rows(kg, _CASE_PAIRS)}
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
            "listed_pairs_not_in_cases": missing_in_cases,
            "unlinked_cities": sorted(local_name(c) for c in cities if local_name(c) not in links),
            "indonesian_pairs": listed_pairs_of(G, str(PD["indonesia"]), links, case_pairs)}


def listed_pairs_of(G, country: str, links: dict[str, str], case_pairs: set) -> list[dict]:
    """Every pair of the world list with a place in ``country`` (an IRI), and the case
    partnership that records it, if any (empty: no case yet)."""
    by_node = {node: local for local, node in links.items()}
    recorded = {frozenset(p): partnership for partnership, p in case_pairs}
    out = []
    for a, b in G.edges():
        if G.nodes[b].get("country_iri") == country and G.nodes[a].get("country_iri") != country:
            a, b = b, a
        if G.nodes[a].get("country_iri") != country:
            continue
        pair = frozenset((by_node.get(a), by_node.get(b)))
        case = recorded.get(pair, "") if None not in pair else ""
        out.append({"place": G.nodes[a]["label"], "partner": G.nodes[b]["label"],
                    "partner_country": G.nodes[b]["country"], "case_partnership": case})
    return sorted(out, key=lambda r: (r["place"], r["partner"]))


def links_nquads(links: dict, kg: KnowledgeGraph) -> bytes:
    """``pd:jakarta pdo:listedAs <world node>`` for each case city, in their own named graph,
    each an editorial identification (matched by name and country) with its reasoning."""
    cities = {local_name(c): v for c, v in case_cities(kg).items()}
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
