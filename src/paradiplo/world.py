"""The world sister-city network: import the shared list as RDF, and analyse it.

Import (:func:`import_sister_cities`) reads ``twin_cities.csv`` (pairs of cities with
countries and coordinates, scraped from Wikipedia's lists of twin towns) in two
streaming passes and writes N-Quads into one named graph, ``pd:graph-world``:

* every place once: ``pdo:City``, or ``pdo:District`` ``pdo:withinPlace`` its city for
  entries such as "Seoul – Mapo" or "Stari Grad (Sarajevo)"; name, country, WGS84
  coordinates; cited to the row where it first appears;
* every twinning as a ``pdo:Partnership`` whose only claim is that the list pairs the two
  places (``pdo:twinnedPlace``): no date, agreement, status or government is invented;
* a source record for the data set with its licence credit.

Entity resolution: names are normalised (accents, case, punctuation); entries with the
same normalised name and country are one place when their coordinates agree (within
25 km). Different spellings in one country that lie close together are *likely
duplicates*: merged when the names are nearly the same (similarity >= 0.9, <= 10 km),
otherwise left for review. Every decision is written to a merge report, and
``data/world/merge-overrides.csv`` lets a researcher force or forbid a merge.

Running the import twice on the same input writes the same bytes (idempotent).
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .graph import project_root
from .output import write_atomic

PD = "https://w3id.org/paradiplo/id/"
PDO = "https://w3id.org/paradiplo/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
WORLD_GRAPH = PD + "graph-world"
SOURCE = PD + "source-world-sister-cities"
COLUMNS = ["city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2"]

# Countries of the bundled cases, so that world places share their country entities.
CASE_COUNTRIES = {"Indonesia": "indonesia", "Japan": "japan", "Vietnam": "vietnam",
                  "South Korea": "south-korea", "Taiwan": "taiwan"}
# The case cities and their names in the list (Jung-gu is not identified by its source).
CASE_CITIES = {"jakarta": ("Jakarta", "Indonesia"), "tokyo": ("Tokyo", "Japan"), "seoul": ("Seoul", "South Korea"),
               "hanoi": ("Hanoi", "Vietnam"), "semarang": ("Semarang", "Indonesia"),
               "taipei": ("Taipei", "Taiwan"), "toyama": ("Toyama", "Japan")}


def default_input() -> Path:
    return project_root().parent / "shared" / "data" / "sister-cities" / "twin_cities.csv"


def overrides_path() -> Path:
    return project_root() / "data" / "world" / "merge-overrides.csv"


# --------------------------------------------------------------------------- names


def normalise(name: str) -> str:
    """``"Bunkyō"`` -> ``"bunkyo"``; punctuation and dashes become single spaces."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^\w]+", " ", text).strip()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-") or hashlib.sha1(text.encode()).hexdigest()[:8]


_DASH = re.compile(r"^(?P<city>.+?)\s+[–-]\s+(?P<district>.+)$")
_PAREN = re.compile(r"^(?P<district>.+?)\s*\((?P<city>[^()]+)\)$")


def split_district(name: str) -> tuple[str, str] | None:
    """``"Seoul – Mapo"`` or ``"Mapo (Seoul)"`` -> ``("Seoul", "Mapo")``; else None."""
    m = _DASH.match(name) or _PAREN.match(name)
    return (m.group("city").strip(), m.group("district").strip()) if m else None


def distance_km(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float | None:
    """Great-circle distance (haversine, mean Earth radius 6371.0088 km)."""
    if a is None or b is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


# --------------------------------------------------------------------------- reading


@dataclass
class Problem:
    line: int
    reason: str


@dataclass
class Entry:
    """One (name, country) as written in the list, with its first row."""

    name: str
    country: str
    coords: tuple[float, float] | None
    line: int
    row: str


@dataclass(eq=False)  # identity semantics: hashable, one object per resolved place
class Place:
    """A resolved place: one or more entries."""

    iri: str
    name: str
    country: str
    coords: tuple[float, float] | None
    line: int
    row: str
    kind: str = "City"  # or "District"
    parent: str | None = None  # IRI of the city of a district
    spellings: set[str] = field(default_factory=set)


def read_rows(path: Path, problems: list[Problem]) -> Iterator[tuple[int, dict, str]]:
    """Stream valid rows as (line number, row, raw text); record malformed ones."""
    with open(path, encoding="utf-8", newline="") as fh:
        header = fh.readline()
        cols = next(csv.reader([header]))
        if cols[:4] == COLUMNS[:2] + COLUMNS[4:6] and len(cols) == 4:
            expected = ["city1", "country1", "city2", "country2"]  # the raw file: no coordinates
        else:
            expected = COLUMNS
        if cols != expected:
            raise ValueError(f"{path}: line 1: expected the columns {','.join(COLUMNS)}, found {header.strip()!r}")
        for number, raw in enumerate(fh, start=2):
            text = raw.rstrip("\r\n")
            if not text.strip():
                continue
            try:
                values = next(csv.reader([text]))
            except csv.Error as err:
                problems.append(Problem(number, f"not CSV: {err}"))
                continue
            if len(values) != len(expected):
                problems.append(Problem(number, f"{len(values)} fields instead of {len(expected)}"))
                continue
            row = dict(zip(expected, (v.strip() for v in values), strict=True))
            if not all(row[k] for k in ("city1", "country1", "city2", "country2")):
                problems.append(Problem(number, "a city or country is empty"))
                continue
            try:
                for side in ("1", "2"):
                    if f"lat{side}" in row:
                        lat, lng = float(row[f"lat{side}"]), float(row[f"lng{side}"])
                        if not (-90 <= lat <= 90 and -180 <= lng <= 180):
                            raise ValueError("out of range")
            except ValueError:
                problems.append(Problem(number, "coordinates are not valid numbers in range"))
                continue
            yield number, row, text


def _coords(row: dict, side: str):
    if f"lat{side}" not in row:
        return None
    return float(row[f"lat{side}"]), float(row[f"lng{side}"])


# --------------------------------------------------------------------------- resolution


@dataclass
class Resolution:
    places: dict[tuple[str, str], Place]  # (country, spelling) -> place
    decisions: list[dict]


def read_overrides(path: Path | None) -> dict[frozenset, str]:
    """``name_a,country_a,name_b,country_b,decision,note`` with decision merge|separate."""
    out: dict[frozenset, str] = {}
    if path is None or not Path(path).exists():
        return out
    with open(path, encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(line for line in fh if not line.startswith("#")), start=2):
            decision = (row.get("decision") or "").strip()
            if decision not in ("merge", "separate"):
                raise ValueError(f"{path}: row {i}: decision must be merge or separate, not {decision!r}")
            out[frozenset({(row["country_a"].strip(), row["name_a"].strip()),
                           (row["country_b"].strip(), row["name_b"].strip())})] = decision
    return out


def resolve(entries: dict[tuple[str, str], Entry], overrides: dict[frozenset, str] | None = None) -> Resolution:
    """Group entries into places (see module docstring); return every decision made."""
    overrides = overrides or {}
    decisions = []
    parent_of: dict[tuple[str, str], tuple[str, str]] = {}
    by_key: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for (country, name), e in sorted(entries.items()):
        split = split_district(name)
        kind = "District" if split else "City"
        key = (country, kind, normalise(name) if not split else normalise(split[0]) + " / " + normalise(split[1]))
        by_key[key].append(e)
        if split:
            parent_of[(country, name)] = (country, split[0])

    # 1. same normalised name and country: one place, unless far apart
    groups: list[list[Entry]] = []
    for _key, es in sorted(by_key.items()):
        clusters: list[list[Entry]] = []
        for e in es:
            for c in clusters:
                d = distance_km(c[0].coords, e.coords)
                if d is None or d <= 25:
                    c.append(e)
                    if e.name != c[0].name:
                        decisions.append(_decision(c[0], e, "merged", "same normalised name and country", d))
                    break
            else:
                if clusters:
                    far = distance_km(clusters[0][0].coords, e.coords)
                    decisions.append(_decision(clusters[0][0], e, "review",
                                               "same name and country but far apart (two places, or a "
                                               "geocoding error); kept apart", far))
                clusters.append([e])
        groups.extend(clusters)

    # 2. likely duplicates: other spellings close together in one country
    cells: dict[tuple, list[list[Entry]]] = defaultdict(list)
    for g in groups:
        if g[0].coords and not split_district(g[0].name):
            lat, lng = g[0].coords
            cells[(g[0].country, round(lat * 4), round(lng * 4))].append(g)
    parent = {id(g): id(g) for g in groups}  # union-find over the groups

    def root(gid):
        while parent[gid] != gid:
            parent[gid] = parent[parent[gid]]
            gid = parent[gid]
        return gid

    seen = set()
    for (country, i, j), gs in sorted(cells.items()):
        near = [h for di in (-1, 0, 1) for dj in (-1, 0, 1) for h in cells.get((country, i + di, j + dj), [])]
        for g in gs:
            for h in near:
                pair = tuple(sorted((id(g), id(h))))
                if g is h or pair in seen:
                    continue
                seen.add(pair)
                a, b = g[0], h[0]
                d = distance_km(a.coords, b.coords)
                sim = difflib.SequenceMatcher(None, normalise(a.name), normalise(b.name)).ratio()
                forced = overrides.get(frozenset({(a.country, a.name), (b.country, b.name)}))
                if forced == "merge" or (forced is None and sim >= 0.9 and d is not None and d <= 10):
                    parent[root(id(h))] = root(id(g))
                    decisions.append(_decision(a, b, "merged", "override" if forced else
                                               f"similar names (similarity {sim:.2f}) {d:.1f} km apart", d))
                elif forced == "separate":
                    decisions.append(_decision(a, b, "separate", "override", d))
                elif (sim >= 0.75 and d is not None and d <= 25) or (d is not None and d <= 3 and sim >= 0.5):
                    reason = f"similarity {sim:.2f}, {d:.1f} km apart; kept apart"
                    decisions.append(_decision(a, b, "review", reason, d))
    final: dict[int, list[Entry]] = defaultdict(list)
    for g in groups:
        final[root(id(g))].extend(g)

    places: dict[tuple[str, str], Place] = {}
    used: set[str] = set()
    # IRIs in a fixed order (first line in the file); distinct places whose names slug
    # alike (Korçë / Korcë kept apart) get -2, -3 ...
    for es in sorted((sorted(g, key=lambda e: e.line) for g in final.values()), key=lambda g: g[0].line):
        first = es[0]
        split = split_district(first.name)
        kind = "District" if split else "City"
        base = f"{PD}world-{'district' if split else 'city'}-{slug(first.country)}--{slug(first.name)}"
        iri, n = base, 1
        while iri in used:
            n += 1
            iri = f"{base}-{n}"
        used.add(iri)
        place = Place(iri, first.name, first.country, first.coords, first.line, first.row, kind,
                      spellings={e.name for e in es})
        for e in es:
            places[(e.country, e.name)] = place
    # districts within their city (the parent city is created if the list lacks it)
    for (country, name), place in sorted(places.items(), key=lambda kv: (kv[1].line, kv[0])):
        if place.kind != "District" or place.parent:
            continue
        parent_name = parent_of[(country, name)][1]
        parent = places.get((country, parent_name))
        if parent is None:
            iri = f"{PD}world-city-{slug(country)}--{slug(parent_name)}"
            while iri in used:
                iri += "-city"
            used.add(iri)
            parent = Place(iri, parent_name, country, None, place.line, place.row, spellings={parent_name})
            places[(country, parent_name)] = parent
        place.parent = parent.iri
    return Resolution(places, decisions)


def _decision(a: Entry, b: Entry, decision: str, reason: str, d: float | None) -> dict:
    return {"name_a": a.name, "country_a": a.country, "line_a": a.line, "name_b": b.name, "country_b": b.country,
            "line_b": b.line, "distance_km": "" if d is None else round(d, 2), "decision": decision,
            "reason": reason}


# --------------------------------------------------------------------------- writing


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


def _q(s: str, p: str, o: str) -> str:
    s = s if s.startswith("_:") else f"<{s}>"
    return f"{s} <{p}> {o} <{WORLD_GRAPH}> .\n"


def _cite(node: str, line: int, row: str, file_name: str) -> list[str]:
    b = "_:c" + hashlib.sha1(f"{node}|{line}".encode()).hexdigest()[:16]
    return [_q(node, PDO + "attestedBy", b), _q(b, PDO + "source", f"<{SOURCE}>"),
            _q(b, PDO + "locator", _lit(f"{file_name}, line {line}")), _q(b, PDO + "quote", _lit(row[:200]))]


def _country_iri(country: str) -> str:
    return PD + (CASE_COUNTRIES.get(country) or f"world-country-{slug(country)}")


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


def import_sister_cities(path: Path | None = None, out_dir: Path | None = None,
                         progress: Callable[[int], None] | None = None) -> ImportReport:
    """Import the list into ``out_dir/sister-cities.nq``; write the merge report beside it.

    Parameters
    ----------
    progress : callable, optional
        Called with the number of rows read so far (for a progress bar).
    """
    path = Path(path or default_input())
    out_dir = Path(out_dir or project_root() / "out" / "world")
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    report = ImportReport()
    # pass 1: the distinct entries (small: one per name and country)
    entries: dict[tuple[str, str], Entry] = {}
    conflicts: list[dict] = []
    for n, (line, row, text) in enumerate(read_rows(path, report.problems), start=1):
        for side in ("1", "2"):
            key = (row[f"country{side}"], row[f"city{side}"])
            if key not in entries:
                entries[key] = Entry(key[1], key[0], _coords(row, side), line, text)
            else:
                # The list names a city only by name and country; say so when one name
                # comes with coordinates far apart (two places, or a geocoding error).
                d = distance_km(entries[key].coords, _coords(row, side))
                if d is not None and d > 25:
                    other = Entry(key[1], key[0], _coords(row, side), line, text)
                    conflicts.append(_decision(entries[key], other, "review",
                                               "one name and country, coordinates far apart: kept as one place "
                                               "(the list identifies cities by name and country)", d))
        if progress and n % 1000 == 0:
            progress(n)
    resolution = resolve(entries, read_overrides(overrides_path()))
    seen_conflicts = set()
    for c in conflicts:  # one line per name, not per row
        if (c["country_a"], c["name_a"]) not in seen_conflicts:
            seen_conflicts.add((c["country_a"], c["name_a"]))
            resolution.decisions.append(c)
    places = resolution.places
    # pass 2: stream the pairs into N-Quads (sorted output: the same input gives the same bytes)
    lines: list[str] = []
    src_name = path.name
    lines += [_q(SOURCE, RDF_TYPE, f"<{PDO}Source>"),
              _q(SOURCE, RDFS_LABEL, _lit("Twin towns and sister cities of the world (Wikipedia lists)", "en")),
              _q(SOURCE, "http://purl.org/dc/terms/title", _lit("twin_cities.csv: sister-city pairs scraped from "
                                                               "English Wikipedia's lists of twin towns", "en")),
              _q(SOURCE, PDO + "fileName", _lit(src_name)),
              _q(SOURCE, PDO + "sourceKind", _lit("data set: 25,917 geocoded city pairs from the GitHub repository "
                                                   "Hekman/twincities (commit 84ebdec), scraped from Wikipedia", "en")),
              _q(SOURCE, "http://purl.org/dc/terms/license", _lit("MIT License (c) 2026 Erik Hekman; the pairs come "
                                                                  "from English Wikipedia, CC BY-SA 4.0")),
              _q(SOURCE, "http://purl.org/dc/terms/bibliographicCitation",
                 _lit("Wikipedia contributors, 'List of twin towns and sister cities' (and its per-continent and "
                      "per-country pages), via Hekman/twincities.", "en"))]
    written_places = set()
    countries = set()
    for place in sorted(set(places.values()), key=lambda p: p.iri):
        if place.iri in written_places:
            continue
        written_places.add(place.iri)
        countries.add(place.country)
        lines.append(_q(place.iri, RDF_TYPE, f"<{PDO}{place.kind}>"))
        lines.append(_q(place.iri, RDFS_LABEL, _lit(place.name, "en")))
        lines.append(_q(place.iri, PDO + "country", f"<{_country_iri(place.country)}>"))
        for other in sorted(place.spellings - {place.name}):
            lines.append(_q(place.iri, "http://www.w3.org/2004/02/skos/core#altLabel", _lit(other)))
        if place.coords:
            lines.append(_q(place.iri, PDO + "latitude", _lit(repr(place.coords[0]), datatype=XSD + "decimal")))
            lines.append(_q(place.iri, PDO + "longitude", _lit(repr(place.coords[1]), datatype=XSD + "decimal")))
        if place.parent:
            lines.append(_q(place.iri, PDO + "withinPlace", f"<{place.parent}>"))
        lines += _cite(place.iri, place.line, place.row, src_name)
    for country in sorted(countries):
        iri = _country_iri(country)
        if country not in CASE_COUNTRIES:
            lines.append(_q(iri, RDF_TYPE, f"<{PDO}Country>"))
            lines.append(_q(iri, RDFS_LABEL, _lit(country, "en")))
            lines += _cite(iri, 1, f"country as written in the list: {country}", src_name)
    pairs_seen = set()
    for line, row, text in read_rows(path, []):
        a = places[(row["country1"], row["city1"])]
        b = places[(row["country2"], row["city2"])]
        if a.iri == b.iri:
            report.self_pairs += 1
            continue
        key = tuple(sorted((a.iri, b.iri)))
        if key in pairs_seen:
            continue  # the same twinning listed twice under merged spellings
        pairs_seen.add(key)
        report.pairs += 1
        iri = f"{PD}world-twinning-{hashlib.sha1('|'.join(key).encode()).hexdigest()[:16]}"
        lines.append(_q(iri, RDF_TYPE, f"<{PDO}Partnership>"))
        lines.append(_q(iri, RDFS_LABEL, _lit(f"{a.name} ({a.country}) – {b.name} ({b.country})", "en")))
        lines.append(_q(iri, PDO + "twinnedPlace", f"<{a.iri}>"))
        lines.append(_q(iri, PDO + "twinnedPlace", f"<{b.iri}>"))
        lines += _cite(iri, line, text, src_name)
    lines.sort()
    data = "".join(dict.fromkeys(lines))
    target = out_dir / "sister-cities.nq"
    write_atomic(target, data)
    _write_merge_report(out_dir / "merge-report.csv", resolution.decisions)
    report.places = len(written_places)
    report.districts = sum(1 for p in set(places.values()) if p.kind == "District")
    report.countries = len(countries)
    report.merged = sum(1 for d in resolution.decisions if d["decision"] == "merged")
    report.review = sum(1 for d in resolution.decisions if d["decision"] == "review")
    report.output = str(target)
    report.checksum = hashlib.sha256(data.encode()).hexdigest()
    if report.problems:
        write_atomic(out_dir / "import-problems.csv",
                     "line,reason\n" + "".join(f"{p.line},{p.reason}\n" for p in report.problems))
    return report


def _write_merge_report(path: Path, decisions: list[dict]) -> None:
    cols = ["decision", "name_a", "country_a", "line_a", "name_b", "country_b", "line_b", "distance_km", "reason"]
    rows = sorted(decisions, key=lambda d: (d["decision"], d["country_a"], d["name_a"], d["name_b"]))
    import io

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    write_atomic(path, buf.getvalue())


# =========================================================================== analyses


def world_graph(nq_path: Path):
    """The twinning network from the imported N-Quads: places as nodes (label, country,
    latitude, longitude, kind), twinnings as edges. Read with Oxigraph's streaming parser."""
    import networkx as nx
    import pyoxigraph as ox

    labels, countries, lat, lng, kinds, pairs = {}, {}, {}, {}, {}, defaultdict(list)
    case_country_names = {PD + v: k for k, v in CASE_COUNTRIES.items()}
    for q in ox.parse(path=str(nq_path), format=ox.RdfFormat.N_QUADS):
        s, p, o = q.subject.value, q.predicate.value, q.object
        if p == RDFS_LABEL:
            labels[s] = o.value
        elif p == PDO + "country":
            countries[s] = o.value
        elif p == PDO + "latitude":
            lat[s] = float(o.value)
        elif p == PDO + "longitude":
            lng[s] = float(o.value)
        elif p == RDF_TYPE and o.value in (PDO + "City", PDO + "District"):
            kinds[s] = o.value.rsplit("#", 1)[-1]
        elif p == PDO + "twinnedPlace":
            pairs[s].append(o.value)
    G = nx.Graph(name="world")
    for place, kind in kinds.items():
        c = countries.get(place, "")
        G.add_node(place, label=labels.get(place, place), kind=kind,
                   country=labels.get(c) or case_country_names.get(c, c.rsplit("-", 1)[-1]),
                   **({"latitude": lat[place], "longitude": lng[place]} if place in lat else {}))
    for twinning, ends in pairs.items():
        if len(ends) == 2:
            G.add_edge(*ends, twinning=twinning)
    return G


def power_law_tail(degrees: list[int]) -> dict:
    """Discrete power-law fit of the degree tail (Clauset, Shalizi and Newman 2009): the
    approximate MLE ``alpha = 1 + n / sum(ln(k / (kmin - 1/2)))`` with ``kmin`` chosen to
    minimise the Kolmogorov-Smirnov distance; the standard error is ``(alpha - 1)/sqrt(n)``."""
    import numpy as np

    k = np.array(sorted(d for d in degrees if d > 0), dtype=float)
    best = None
    for kmin in sorted(set(k.astype(int)))[:60]:
        tail = k[k >= kmin]
        if len(tail) < 50:
            break
        alpha = 1 + len(tail) / np.sum(np.log(tail / (kmin - 0.5)))
        # KS distance between the empirical CDF and the fitted one, in the same discrete
        # approximation as the estimator: P(K >= k) = ((k - 1/2) / (kmin - 1/2))^(1 - alpha)
        xs = np.unique(tail)
        emp = np.searchsorted(tail, xs, side="right") / len(tail)
        fit = 1 - ((xs + 0.5) / (kmin - 0.5)) ** (1 - alpha)
        ks = float(np.max(np.abs(emp - fit)))
        if best is None or ks < best["ks"]:
            best = {"alpha": float(alpha), "kmin": int(kmin), "n_tail": int(len(tail)), "ks": ks,
                    "alpha_se": float((alpha - 1) / np.sqrt(len(tail)))}
    return best or {}


def _sampled_mean_path(G, k: int = 400, seed: int = 7) -> dict:
    """Mean shortest-path length of a connected graph from ``k`` random sources (igraph
    BFS); the standard error is that of the mean of the per-source means."""
    import random

    import igraph as ig
    import numpy as np

    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    h = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()])
    rng = random.Random(seed)
    sources = rng.sample(range(len(nodes)), min(k, len(nodes)))
    means = []
    for chunk in range(0, len(sources), 50):
        rows = np.array(h.distances(source=sources[chunk:chunk + 50]), dtype=float)
        for row in rows:
            finite = row[np.isfinite(row) & (row > 0)]
            means.append(finite.mean())
    means = np.array(means)
    return {"mean": float(means.mean()), "se": float(means.std(ddof=1) / np.sqrt(len(means))),
            "sources": len(sources), "exact": len(sources) == len(nodes)}


def _edge_distances(G, edges) -> list[float]:
    out = []
    for u, v in edges:
        a, b = G.nodes[u], G.nodes[v]
        if "latitude" in a and "latitude" in b:
            out.append(distance_km((a["latitude"], a["longitude"]), (b["latitude"], b["longitude"])))
    return out


def geography_null_model(G, copies: int = 10, seed: int = 11) -> dict:
    """Does twinning prefer nearby cities? The observed median great-circle length of the
    twinnings against degree-preserving rewired copies of the network (igraph rewiring,
    10 swaps per edge). Also the share of twinnings within one country and the degree
    assortativity against the same null. z = (observed - null mean) / null sd."""
    import igraph as ig
    import networkx as nx
    import numpy as np

    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in G.edges()]
    observed = np.array(_edge_distances(G, G.edges()))
    country = [G.nodes[n].get("country") for n in nodes]
    obs_domestic = np.mean([country[a] == country[b] for a, b in edges])
    obs_assort = nx.degree_assortativity_coefficient(G)
    med, dom, ass = [], [], []
    for c in range(copies):
        h = ig.Graph(n=len(nodes), edges=edges)
        ig.set_random_number_generator(__import__("random").Random(seed + c))
        h.rewire(n=10 * len(edges), mode="simple")
        pairs = h.get_edgelist()
        dists = _edge_distances(G, [(nodes[a], nodes[b]) for a, b in pairs])
        med.append(float(np.median(dists)))
        dom.append(float(np.mean([country[a] == country[b] for a, b in pairs])))
        ass.append(float(h.assortativity_degree(directed=False)))
    ig.set_random_number_generator(__import__("random"))

    def z(obs, null):
        sd = float(np.std(null, ddof=1))
        return {"observed": float(obs), "null_mean": float(np.mean(null)), "null_sd": sd,
                "z": float((obs - np.mean(null)) / sd) if sd > 0 else None}

    return {"copies": copies,
            "median_km": z(float(np.median(observed)), med),
            "domestic_share": z(obs_domestic, dom),
            "assortativity": z(obs_assort, ass),
            "distance_quantiles_km": {str(q): float(np.quantile(observed, q)) for q in (0.1, 0.25, 0.5, 0.75, 0.9)},
            "mean_km": float(observed.mean())}


def analyse(G, top: int = 15) -> dict:
    """The headline figures of the world network (see README: "The world network")."""
    import networkx as nx

    from . import network as nw

    comps = sorted(nx.connected_components(G), key=len, reverse=True)
    lcc = G.subgraph(comps[0]).copy()
    degrees = [d for _, d in G.degree()]
    btw, how = nw.betweenness(lcc)
    pr = nx.pagerank(G)

    def ranked(values: dict, n: int = top):
        return [{"place": G.nodes[v]["label"], "country": G.nodes[v]["country"], "value": round(values[v], 6),
                 "degree": G.degree(v)} for v in sorted(values, key=lambda v: (-values[v], G.nodes[v]["label"]))[:n]]

    C = nx.Graph()
    for u, v in G.edges():
        a, b = G.nodes[u]["country"], G.nodes[v]["country"]
        if a != b:
            w = C.get_edge_data(a, b, {"weight": 0})["weight"]
            C.add_edge(a, b, weight=w + 1)
    cw = dict(C.degree(weight="weight"))
    cpr = nx.pagerank(C, weight="weight")
    communities = sorted(nx.community.louvain_communities(C, weight="weight", seed=42), key=len, reverse=True)
    return {
        "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
        "districts": sum(1 for _, d in G.nodes(data=True) if d["kind"] == "District"),
        "components": len(comps), "largest_component": len(comps[0]),
        "largest_component_share": round(len(comps[0]) / G.number_of_nodes(), 4),
        "mean_degree": round(2 * G.number_of_edges() / G.number_of_nodes(), 3), "max_degree": max(degrees),
        "degree_tail": power_law_tail(degrees),
        "assortativity": round(nx.degree_assortativity_coefficient(G), 4),
        "transitivity": round(nx.transitivity(G), 4), "mean_clustering": round(nx.average_clustering(G), 4),
        "mean_shortest_path_largest_component": _sampled_mean_path(lcc),
        "top_degree": ranked(dict(G.degree())), "top_betweenness": ranked(btw), "betweenness_method": how,
        "top_pagerank": ranked(pr),
        "countries": {"nodes": C.number_of_nodes(), "edges": C.number_of_edges(),
                      "top_weighted_degree": [{"country": c, "twinnings": cw[c]} for c in
                                              sorted(cw, key=lambda c: (-cw[c], c))[:top]],
                      "top_pagerank": [{"country": c, "value": round(cpr[c], 5)} for c in
                                       sorted(cpr, key=lambda c: (-cpr[c], c))[:top]],
                      "communities": [sorted(c) for c in communities]},
    }


def case_links(G, ds) -> dict:
    """The world nodes of the case cities, their neighbourhoods, and where the cases and the
    list disagree (a case partnership the list lacks, or a listed pair of case cities that
    no case records)."""
    from .namespaces import PD as PDNS

    by_name = {(d["label"], d["country"]): n for n, d in G.nodes(data=True)}
    ranks = {n: i + 1 for i, n in enumerate(sorted(G, key=lambda n: (-G.degree(n), G.nodes[n]["label"])))}
    links, neighbourhoods = {}, {}
    for local, (name, country) in CASE_CITIES.items():
        node = by_name.get((name, country))
        if node is None:
            continue
        links[local] = node
        neighbourhoods[local] = {
            "world_node": node, "degree": G.degree(node), "rank_by_degree": ranks[node], "of": G.number_of_nodes(),
            "partners": sorted(({"place": G.nodes[m]["label"], "country": G.nodes[m]["country"]} for m in G[node]),
                               key=lambda r: (r["country"], r["place"])),
        }
    # case partnerships between the case cities (through the governments that govern them)
    case_pairs = set()
    from rdflib import URIRef

    from .namespaces import PDO as PDONS

    for p in ds.subjects(URIRef(str(PDONS.partner)), None):
        govs = list(ds.objects(p, PDONS.partner))
        places = [next(iter(ds.objects(g, PDONS.governs)), None) for g in govs]
        names = [str(x)[len(str(PDNS)):] if x is not None else None for x in places]
        if len(names) == 2:
            case_pairs.add((str(p)[len(str(PDNS)):], tuple(sorted(n or "?" for n in names))))
    missing_in_list = []
    for partnership, (a, b) in sorted(case_pairs):
        if a in links and b in links:
            if not G.has_edge(links[a], links[b]):
                missing_in_list.append({"partnership": partnership, "cities": [a, b], "why": "not in the list"})
        else:
            unknown = [x for x in (a, b) if x not in links]
            missing_in_list.append({"partnership": partnership, "cities": [a, b],
                                    "why": f"cannot be checked: {', '.join(unknown)} has no world node"})
    recorded = {tuple(sorted(p)) for _, p in case_pairs}
    missing_in_cases = []
    for a, b in sorted({tuple(sorted((x, y))) for x in links for y in links if x < y}):
        if G.has_edge(links[a], links[b]) and (a, b) not in recorded:
            missing_in_cases.append({"cities": [a, b], "why": "listed as twinned; no case records it"})
    return {"links": links, "neighbourhoods": neighbourhoods, "case_partnerships_not_in_list": missing_in_list,
            "listed_pairs_not_in_cases": missing_in_cases}


# =========================================================================== pipeline

ANALYSIS_VERSION = "3"  # bump when the analyses change, to invalidate the cache


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def cache_key(path: Path) -> str:
    """What the world results depend on: the list, the curated overrides, the code."""
    parts = [_file_digest(path), ANALYSIS_VERSION]
    if overrides_path().exists():
        parts.append(_file_digest(overrides_path()))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def run(path: Path | None = None, out_dir: Path | None = None, ds=None, force: bool = False,
        progress: Callable[[int], None] | None = None) -> tuple[dict, bool]:
    """Import, analyse and write everything into ``out_dir`` (default ``out/world``).

    Returns the summary and whether it came from the cache (same input checksum).
    """
    import json

    path = Path(path or default_input())
    out_dir = Path(out_dir or project_root() / "out" / "world")
    key = cache_key(path)
    summary_path = out_dir / "summary.json"
    if not force and summary_path.exists() and (out_dir / "sister-cities.nq").exists():
        try:
            cached = json.loads(summary_path.read_text(encoding="utf-8"))
            if cached.get("input_key") == key:
                return cached, True
        except json.JSONDecodeError:
            pass
    report = import_sister_cities(path, out_dir, progress)
    G = world_graph(Path(report.output))
    summary = analyse(G)
    summary["geography"] = geography_null_model(G)
    if ds is None:
        from .graph import load

        ds = load()
    from .graph import union

    links = case_links(G, union(ds))
    summary["case_links"] = links
    write_atomic(out_dir / "case-links.nq", links_nquads(links))
    summary["import"] = {"pairs_written": report.pairs, "places": report.places, "districts": report.districts,
                         "countries": report.countries, "self_pairs_skipped": report.self_pairs,
                         "merged_spellings": report.merged, "left_for_review": report.review,
                         "malformed_rows": [{"line": p.line, "reason": p.reason} for p in report.problems],
                         "output_sha256": report.checksum}
    summary["input"] = str(path)
    summary["input_key"] = key
    _write_outputs(G, summary, links, out_dir)
    write_atomic(summary_path, json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    return summary, False


LINKS_GRAPH = PD + "graph-world-links"


def links_nquads(links: dict) -> str:
    """``pd:jakarta pdo:listedAs <world node>`` for each case city, in their own named graph,
    each an editorial identification (matched by name and country) with its reasoning."""
    lines = []
    for local, node in sorted(links["links"].items()):
        name, country = CASE_CITIES[local]
        cite = "_:link" + hashlib.sha1(local.encode()).hexdigest()[:12]
        q = [(f"<{PD}{local}>", f"<{PDO}listedAs>", f"<{node}>"),
             (f"<{PD}{local}>", f"<{PDO}attestedBy>", cite),
             (cite, f"<{PDO}source>", f"<{PD}source-editorial>"),
             (cite, f"<{PDO}locator>", _lit("link to the world sister-city list")),
             (cite, f"<{PDO}quote>", _lit(f"Matched by name and country: {name} ({country}) in the list."))]
        lines += [f"{a} {b} {c} <{LINKS_GRAPH}> .\n" for a, b, c in q]
    return "".join(sorted(lines))


def _write_outputs(G, summary: dict, links: dict, out_dir: Path) -> None:
    import io

    from . import export as xp

    def table(rows: list[dict], name: str):
        if not rows:
            return
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        write_atomic(out_dir / name, buf.getvalue())

    for measure in ("degree", "betweenness", "pagerank"):
        table([{"rank": i + 1, **r} for i, r in enumerate(summary[f"top_{measure}"])], f"top-cities-{measure}.csv")
    table(summary["countries"]["top_weighted_degree"], "top-countries.csv")
    table([{"community": i + 1, "countries": "; ".join(c)} for i, c in enumerate(summary["countries"]["communities"])],
          "country-communities.csv")
    table([{"case_city": k, "world_node": v["world_node"], "degree": v["degree"], "rank_by_degree": v["rank_by_degree"],
            "partners": "; ".join(f"{p['place']} ({p['country']})" for p in v["partners"])}
           for k, v in links["neighbourhoods"].items()], "case-neighbourhoods.csv")
    table([{"kind": "case partnership not in the list", "cities": " – ".join(d["cities"]), "why": d["why"]}
           for d in links["case_partnerships_not_in_list"]]
          + [{"kind": "listed pair not in the cases", "cities": " – ".join(d["cities"]), "why": d["why"]}
             for d in links["listed_pairs_not_in_cases"]], "case-disagreements.csv")
    counts = defaultdict(int)
    for _, d in G.degree():
        counts[d] += 1
    table([{"degree": k, "places": counts[k]} for k in sorted(counts)], "degree-distribution.csv")
    write_atomic(out_dir / "degree-distribution.png", _degree_plot(G, summary["degree_tail"]))
    write_atomic(out_dir / "map.png", _map_plot(G, links))
    H = G.copy()
    for n, d in H.nodes(data=True):
        d["degree"] = G.degree(n)
        d["type"] = d["kind"].lower()
        d["colour"] = xp.colour("municipal government" if d["kind"] == "City" else "district government")
        if "latitude" in d:  # Gephi's Geo Layout reads latitude/longitude; viz position = the map
            d["x"], d["y"] = d["longitude"] / 180, d["latitude"] / 180
    H.graph["name"] = "world"
    write_atomic(out_dir / "world.gexf", xp.gexf_bytes(H, "1.3", size_by="degree", dynamic=False))
    write_atomic(out_dir / "world.graphml", xp.graphml_bytes(H))


def _degree_plot(G, tail: dict) -> bytes:
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    degrees = np.array(sorted((d for _, d in G.degree() if d > 0)))
    ks = np.unique(degrees)
    ccdf = np.array([(degrees >= k).mean() for k in ks])
    fig, ax = plt.subplots(figsize=(6.5, 4.5), dpi=120)
    ax.loglog(ks, ccdf, "o", ms=3, color="#0072B2", label="places with degree ≥ k")
    if tail:
        kmin, alpha = tail["kmin"], tail["alpha"]
        share = (degrees >= kmin).mean()
        xs = ks[ks >= kmin]
        ax.loglog(xs, share * (xs / kmin) ** (1 - alpha), "-", color="#D55E00",
                  label=f"power-law tail fit: α = {alpha:.2f} ± {tail['alpha_se']:.2f} (k ≥ {kmin})")
    ax.set_xlabel("degree k (number of twinnings)")
    ax.set_ylabel("share of places (CCDF)")
    ax.set_title("World sister-city network: degree distribution", fontsize=10)
    ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def _map_plot(G, links: dict) -> bytes:
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    fig, ax = plt.subplots(figsize=(12, 6.2), dpi=120)
    segments = []
    for u, v in G.edges():
        a, b = G.nodes[u], G.nodes[v]
        if "latitude" in a and "latitude" in b and abs(a["longitude"] - b["longitude"]) < 180:
            segments.append([(a["longitude"], a["latitude"]), (b["longitude"], b["latitude"])])
    ax.add_collection(LineCollection(segments, linewidths=0.15, colors="#0072B2", alpha=0.08))
    pts = [(d["longitude"], d["latitude"], G.degree(n)) for n, d in G.nodes(data=True) if "latitude" in d]
    ax.scatter([p[0] for p in pts], [p[1] for p in pts], s=[1 + p[2] / 3 for p in pts], c="#222222",
               alpha=0.5, linewidths=0)
    for node in links.get("links", {}).values():
        d = G.nodes[node]
        ax.scatter([d["longitude"]], [d["latitude"]], s=40, c="#D55E00", edgecolors="white", zorder=3)
        ax.annotate(d["label"], (d["longitude"], d["latitude"]), xytext=(4, 4), textcoords="offset points",
                    fontsize=7, color="#D55E00")
    ax.set_xlim(-180, 180)
    ax.set_ylim(-60, 80)
    ax.set_aspect("equal")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title(f"World sister-city network: {G.number_of_nodes():,} places, {G.number_of_edges():,} twinnings "
                 "(case cities in orange)", fontsize=10)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()
