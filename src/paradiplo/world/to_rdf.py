"""The imported list as RDF, in its own named graph ``pd:graph-world``, written by
Oxigraph's N-Quads serialiser (sorted, so the same input gives the same bytes)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD
from rdflib.namespace import DCTERMS

from ..kg.entail import Closure
from ..kg.load import native_iri
from ..namespaces import PD, PDO
from ..output import file_digest, write_csv
from .read import (
    Entry,
    Problem,
    _coords,
    check_list,
    default_input,
    default_out,
    distance_km,
    is_default_out,
    read_rows,
    slug,
)
from .resolve import _decision, overrides_path, read_overrides, resolve

WORLD_GRAPH = PD["graph-world"]
#: What the ontology's subclass and subproperty axioms entail from the world graph,
#: written with it (``world-entailments.nq``), so that joining the list needs no reasoning.
WORLD_ENTAILMENTS = PD["graph-world-entailments"]
SOURCE = PD["source-world-sister-cities"]


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in text if not unicodedata.combining(c)).casefold())


def match_countries(names, countries: dict[str, list[str]]) -> dict[str, str]:
    """The list's country names that are countries of the knowledge graph: equal once
    accents, case, spaces and punctuation are folded, or equal to a label's part in
    parentheses (``Republic of Korea (South Korea)``). An editorial identification.

    Examples
    --------
    >>> match_countries(["Vietnam", "South Korea", "France"],
    ...                 {"pd:vietnam": ["Viet Nam"], "pd:south-korea": ["Republic of Korea (South Korea)"]})
    {'Vietnam': 'pd:vietnam', 'South Korea': 'pd:south-korea'}
    """
    keys = {}
    for iri, labels in countries.items():
        for label in labels:
            keys[_key(label)] = iri
            for part in re.findall(r"\(([^()]+)\)", label):
                keys[_key(part)] = iri
    return {n: keys[_key(n)] for n in names if _key(n) in keys}


@dataclass
class ImportReport:
    pairs: int = 0
    places: int = 0
    districts: int = 0
    countries: int = 0
    self_pairs: int = 0
    merged: int = 0
    review: int = 0
    problems: list[Problem] = field(default_factory=list)
    output: str = ""
    checksum: str = ""
    #: The twinning network, as :func:`~paradiplo.world.analyse.world_graph` reads it from
    #: the output, when the import was asked to keep it (``graph=True``); else None.
    graph: object = field(default=None, repr=False)


class _Writer:
    """Quads of the world graph written as they are made, a batch at a time (Oxigraph's
    N-Quads serialiser), with a deterministic citation blank node per statement; given the
    ontology's :class:`~paradiplo.kg.entail.Closure`, the statements they entail are kept
    (less those stated) for :meth:`entailments`."""

    def __init__(self, fh, file_name: str, closure: Closure | None = None):
        self.fh, self.file_name, self.batch = fh, file_name, []
        self.graph = native_iri(WORLD_GRAPH)
        self.closure, self.entailed, self.stated = closure, {}, set()
        self.targets = closure.targets if closure is not None else frozenset()
        self.sources = closure.sources if closure is not None else frozenset()

    def add(self, s, p, o):
        predicate = native_iri(p)
        self.batch.append(ox.Quad(s, predicate, o, self.graph))
        if self.closure is not None:
            iri = predicate.value  # (an rdflib URIRef is never equal to a str key)
            if iri in self.targets:
                self.stated.add(f"{s} {predicate} {o}")
            if iri in self.sources:
                for t in self.closure.entailed(s, iri, o):
                    self.entailed.setdefault(f"{t[0]} {t[1]} {t[2]}")

    def entailments(self) -> bytes:
        """The entailed statements not stated, as N-Quads in ``pd:graph-world-entailments``,
        in the order they were first entailed (deterministic, as the writing is)."""
        graph = f" <{WORLD_ENTAILMENTS}> .\n"
        return "".join(t + graph for t in self.entailed if t not in self.stated).encode("utf-8")

    def cite(self, node: ox.NamedNode, line: int, row: str):
        b = ox.BlankNode("c" + hashlib.sha1(f"{node.value}|{line}".encode()).hexdigest()[:16])
        self.add(node, PDO.attestedBy, b)
        self.add(b, PDO.source, native_iri(SOURCE))
        self.add(b, PDO.locator, ox.Literal(f"{self.file_name}, line {line}"))
        self.add(b, PDO.quote, ox.Literal(row[:200]))

    def flush(self):
        if self.batch:
            ox.serialize(self.batch, output=self.fh, format=ox.RdfFormat.N_QUADS)
            self.batch = []


#: The files an import writes into its folder.
IMPORT_FILES = ("sister-cities.nq", "world-entailments.nq", "merge-report.csv", "import-problems.csv")


def import_sister_cities(path: Path | None = None, out_dir: Path | None = None,
                         progress: Callable[[int], None] | None = None,
                         countries: dict[str, list[str]] | None = None, force: bool = False,
                         graph: bool = False, closure: Closure | None = None) -> ImportReport:
    """Import the list into ``out_dir/sister-cities.nq``; write the merge report beside it.

    Two streaming passes: the first collects the distinct (name, country) entries and
    resolves them into places; the second writes the graph as it reads the rows (the
    source record, the countries, then for each line the places it names first and its
    twinning), so memory grows with the number of places, not of statements.

    Parameters
    ----------
    progress : callable, optional
        Called with the number of lines read so far, over both passes (for a progress bar).
    countries : dict, optional
        Country IRI -> labels, from the knowledge graph (:func:`paradiplo.world.links.case_countries`):
        places in these countries share the knowledge graph's country entities.
    force : bool
        Replace files in ``out_dir`` that paradiplo did not write (else refused before
        anything is written: :func:`paradiplo.output.claim_folder`).
    graph : bool
        Also keep the twinning network in ``report.graph``, built as the places and
        twinnings are written: the same nodes, edges, attributes and order as
        :func:`~paradiplo.world.analyse.world_graph` reads from the file, without reading
        it again (memory then grows with the twinnings too).
    closure : Closure, optional
        The ontology's subclass and subproperty closure: also write what the graph
        entails into ``out_dir/world-entailments.nq`` (``pd:graph-world-entailments``),
        so that joining the list needs no reasoning (:func:`paradiplo.kg.join_beside`).
    """
    from ..output import claim_folder, open_atomic, record_outputs, write_atomic

    path = Path(path or default_input())
    out_dir = Path(out_dir or default_out())
    check_list(path)
    claim_folder(out_dir, IMPORT_FILES, force, own=is_default_out(out_dir))
    report = ImportReport()
    # pass 1: the distinct entries (small: one per name and country)
    entries: dict[tuple[str, str], Entry] = {}
    conflicts: list[dict] = []
    for n, (line, row, _text) in enumerate(read_rows(path, report.problems), start=1):
        for side in ("1", "2"):
            key = (row[f"country{side}"], row[f"city{side}"])
            if key not in entries:
                entries[key] = Entry(key[1], key[0], _coords(row, side), line)
            else:
                # The list names a city only by name and country; say so when one name
                # comes with coordinates far apart (two places, or a geocoding error).
                d = distance_km(entries[key].coords, _coords(row, side))
                if d is not None and d > 25:
                    other = Entry(key[1], key[0], _coords(row, side), line)
                    conflicts.append(_decision(entries[key], other, "review",
                                               "one name and country, coordinates far apart: kept as one place "
                                               "(the list identifies cities by name and country)", d))
        if progress and n % 1000 == 0:
            progress(line)
    resolution = resolve(entries, read_overrides(overrides_path()))
    seen_conflicts = set()
    for c in conflicts:  # one line per name, not per row
        if (c["country_a"], c["name_a"]) not in seen_conflicts:
            seen_conflicts.add((c["country_a"], c["name_a"]))
            resolution.decisions.append(c)
    places = resolution.places
    known = match_countries({c for c, _ in entries}, countries or {})
    del entries

    def country_iri(country: str) -> ox.NamedNode:
        return native_iri(known.get(country) or PD[f"world-country-{slug(country)}"])

    first_named: dict[int, list] = {}  # line -> the places first written there
    for place in sorted(set(places.values()), key=lambda p: p.iri):
        first_named.setdefault(place.line, []).append(place)
    target = out_dir / "sister-cities.nq"
    pairs_seen: set[bytes] = set()
    if graph:
        import networkx as nx

        report.graph = nx.Graph(name="world")
    with open_atomic(target) as fh:
        w = _Writer(fh, path.name, closure)
        src = native_iri(SOURCE)
        w.add(src, RDF.type, native_iri(PDO.Source))
        w.add(src, RDFS.label, ox.Literal("Twin towns and sister cities of the world (Wikipedia lists)",
                                          language="en"))
        w.add(src, RDFS.label, ox.Literal("Kota kembar dan kota bersaudara di dunia (daftar Wikipedia)",
                                          language="id"))
        w.add(src, DCTERMS.title, ox.Literal("twin_cities.csv: sister-city pairs scraped from English Wikipedia's "
                                             "lists of twin towns", language="en"))
        w.add(src, PDO.fileName, ox.Literal(path.name))
        w.add(src, PDO.sourceKind, ox.Literal("data set: 25,917 geocoded city pairs from the GitHub repository "
                                              "Hekman/twincities (commit 84ebdec), scraped from Wikipedia",
                                              language="en"))
        w.add(src, DCTERMS.license, ox.Literal("MIT License (c) 2026 Erik Hekman; the pairs come from English "
                                               "Wikipedia, CC BY-SA 4.0"))
        w.add(src, DCTERMS.bibliographicCitation,
              ox.Literal("Wikipedia contributors, 'List of twin towns and sister cities' (and its per-continent and "
                         "per-country pages), via Hekman/twincities.", language="en"))
        countries_seen = sorted({p.country for p in places.values()})
        for country in countries_seen:
            iri = country_iri(country)
            if country in known:  # a country of the knowledge graph, as the list writes it
                w.add(iri, SKOS.altLabel, ox.Literal(country, language="en"))
            else:
                w.add(iri, RDF.type, native_iri(PDO.Country))
                w.add(iri, RDFS.label, ox.Literal(country, language="en"))
            w.cite(iri, 1, f"country as written in the list: {country}")
        w.flush()
        written = 0
        # pass 2: each row's first-named places, then its twinning
        for line, row, text in read_rows(path, []):
            for place in first_named.pop(line, []):
                written += 1
                node = native_iri(place.iri)
                w.add(node, RDF.type, native_iri(PDO[place.kind]))
                w.add(node, RDFS.label, ox.Literal(place.name, language="en"))
                w.add(node, PDO.country, country_iri(place.country))
                for other in sorted(place.spellings - {place.name}):
                    w.add(node, SKOS.altLabel, ox.Literal(other))
                if place.coords:
                    w.add(node, PDO.latitude, ox.Literal(repr(place.coords[0]), datatype=native_iri(XSD.decimal)))
                    w.add(node, PDO.longitude, ox.Literal(repr(place.coords[1]), datatype=native_iri(XSD.decimal)))
                if place.parent:
                    w.add(node, PDO.withinPlace, native_iri(place.parent))
                w.cite(node, place.line, text)
                if graph:
                    report.graph.add_node(place.iri, label=place.name, kind=place.kind,
                                          country_iri=country_iri(place.country).value, country=place.country,
                                          **({"latitude": float(repr(place.coords[0])),
                                              "longitude": float(repr(place.coords[1]))} if place.coords else {}))
            a = places[(row["country1"], row["city1"])]
            b = places[(row["country2"], row["city2"])]
            if a.iri == b.iri:
                report.self_pairs += 1
            else:
                key = tuple(sorted((a.iri, b.iri)))
                digest = hashlib.sha1("|".join(key).encode()).digest()
                if digest not in pairs_seen:  # the same twinning listed twice under merged spellings: once
                    pairs_seen.add(digest)
                    report.pairs += 1
                    node = native_iri(f"{PD}world-twinning-{digest.hex()[:16]}")
                    w.add(node, RDF.type, native_iri(PDO.Partnership))
                    w.add(node, RDFS.label, ox.Literal(f"{a.name} ({a.country}) – {b.name} ({b.country})",
                                                       language="en"))
                    w.add(node, PDO.twinnedPlace, native_iri(a.iri))
                    w.add(node, PDO.twinnedPlace, native_iri(b.iri))
                    w.cite(node, line, text)
                    if graph:
                        report.graph.add_edge(a.iri, b.iri, twinning=node.value)
            if len(w.batch) > 5000:
                w.flush()
            if progress and line % 1000 == 0:
                progress(line)
        w.flush()
    if closure is not None:
        write_atomic(out_dir / "world-entailments.nq", w.entailments())
    _write_merge_report(out_dir / "merge-report.csv", resolution.decisions)
    report.places = written
    report.districts = sum(1 for p in set(places.values()) if p.kind == "District")
    report.countries = len(countries_seen)
    report.merged = sum(1 for d in resolution.decisions if d["decision"] == "merged")
    report.review = sum(1 for d in resolution.decisions if d["decision"] == "review")
    report.output = str(target)
    report.checksum = file_digest(target)
    if report.problems:
        write_csv(out_dir / "import-problems.csv", [{"line": p.line, "reason": p.reason} for p in report.problems],
                  ["line", "reason"])
    record_outputs(out_dir, IMPORT_FILES)
    return report



def _write_merge_report(path: Path, decisions: list[dict]) -> None:
    cols = ["decision", "name_a", "country_a", "line_a", "name_b", "country_b", "line_b", "distance_km", "reason"]
    rows = sorted(decisions, key=lambda d: (d["decision"], d["country_a"], d["name_a"], d["name_b"]))
    write_csv(path, rows, cols)
