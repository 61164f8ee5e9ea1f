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

* :mod:`~paradiplo.world.read` -- the rows, names, districts and distances;
* :mod:`~paradiplo.world.resolve` -- entity resolution (networkx's ``UnionFind``);
* :mod:`~paradiplo.world.to_rdf` -- the RDF (pyoxigraph's serialiser);
* :mod:`~paradiplo.world.analyse` and :mod:`~paradiplo.world.null_model` -- the analyses;
* :mod:`~paradiplo.world.links` -- the case cities, read from the knowledge graph;
* this module -- the cached pipeline (:func:`run`) and :func:`join`, which adds the imported
  list to a loaded knowledge graph so that queries and validation see it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from rdflib import Dataset

from ..kg import entail, read_into
from ..output import claim_folder, file_digest, record_outputs, write_atomic
from .analyse import analyse, power_law_tail, world_graph
from .links import LINKS_GRAPH, case_cities, case_countries, case_links, links_nquads
from .null_model import geography_null_model
from .read import (
    check_list,
    default_input,
    default_out,
    distance_km,
    is_default_out,
    normalise,
    read_rows,
    slug,
    split_district,
)
from .resolve import overrides_path, read_overrides, resolve
from .to_rdf import SOURCE, WORLD_GRAPH, ImportReport, import_sister_cities, match_countries

__all__ = ["LINKS_GRAPH", "SOURCE", "WORLD_GRAPH", "ImportReport", "analyse", "case_links", "default_input",
           "distance_km", "geography_null_model", "import_sister_cities", "join", "match_countries", "normalise",
           "power_law_tail", "read_overrides", "read_rows", "resolve", "run", "slug", "split_district",
           "summary_text", "world_graph"]

ANALYSIS_VERSION = "6"  # bump when the analyses change, to invalidate the cache



def cache_key(path: Path, ds: Dataset | None = None) -> str:
    """What the world results depend on: the list, the curated overrides, the code, and
    (given the knowledge graph ``ds``) the countries and the case cities it is joined to,
    so that a new case with a new city or country is linked to the list."""
    parts = [file_digest(path), ANALYSIS_VERSION]
    if overrides_path().exists():
        parts.append(file_digest(overrides_path()))
    if ds is not None:
        parts.append(repr(sorted(case_countries(ds).items())))
        parts.append(repr(sorted(case_cities(ds).items())))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def cached_summary(out_dir: Path, key: str) -> dict | None:
    """The summary in ``out_dir`` if it is the analysis of the input with ``key`` (list,
    overrides, code) and its import is there; else None."""
    try:
        cached = json.loads((Path(out_dir) / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return cached if (Path(out_dir) / "sister-cities.nq").exists() and cached.get("input_key") == key else None


#: The files :func:`run` writes into its folder after the import (which writes IMPORT_FILES).
ANALYSIS_FILES = (
    "case-links.nq", "summary.json", "top-cities-degree.csv", "top-cities-betweenness.csv", "top-cities-pagerank.csv",
    "top-countries.csv", "country-communities.csv", "case-neighbourhoods.csv", "case-disagreements.csv",
    "indonesian-pairs.csv", "degree-distribution.csv", "degree-distribution.png", "map.png", "world.gexf",
    "world.graphml")


def run(ds: Dataset, path: Path | None = None, out_dir: Path | None = None, force: bool = False,
        progress: Callable[[int], None] | None = None, replace: bool = False,
        key: str | None = None) -> tuple[dict, bool]:
    """Import, analyse and write everything into ``out_dir`` (default ``out/world``), for
    the loaded case knowledge graph ``ds`` (its countries and case cities).

    ``force`` recomputes even if the cache is current; ``replace`` replaces files in
    ``out_dir`` that paradiplo did not write (else :class:`~paradiplo.errors.ExportError`,
    before anything is written); ``key`` is :func:`cache_key` of ``path`` if the caller has
    it already (the list is then not read twice). Returns the summary and whether it came
    from the cache (same input checksum).
    """
    path = Path(path or default_input())
    check_list(path)
    out_dir = Path(out_dir or default_out())
    key = key or cache_key(path, ds)
    cached = None if force else cached_summary(out_dir, key)
    if cached is not None:
        return cached, True
    claim_folder(out_dir, ANALYSIS_FILES, replace, own=is_default_out(out_dir))  # the import claims its own
    report = import_sister_cities(path, out_dir, progress, countries=case_countries(ds), force=replace)
    G = world_graph(Path(report.output))
    summary = analyse(G)
    summary["geography"] = geography_null_model(G)
    links = case_links(G, ds)
    summary["case_links"] = links
    write_atomic(out_dir / "case-links.nq", links_nquads(links, ds))
    summary["import"] = {"pairs_written": report.pairs, "places": report.places, "districts": report.districts,
                         "countries": report.countries, "self_pairs_skipped": report.self_pairs,
                         "merged_spellings": report.merged, "left_for_review": report.review,
                         "malformed_rows": [{"line": p.line, "reason": p.reason} for p in report.problems],
                         "output_sha256": report.checksum}
    summary["input"] = path.name
    summary["input_key"] = key
    _write_outputs(G, summary, links, out_dir)
    write_atomic(out_dir / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    record_outputs(out_dir, ANALYSIS_FILES)
    return summary, False


def join(ds: Dataset, path: Path | None = None, out_dir: Path | None = None) -> Dataset:
    """Add the imported world list (imported and analysed first if needed, cached) and the
    case-city links to the loaded knowledge graph ``ds``, as the named graphs
    ``pd:graph-world`` and ``pd:graph-world-links``; entailments recomputed in the store."""
    out_dir = Path(out_dir or default_out())
    run(ds, path, out_dir)
    read_into(ds, out_dir / "sister-cities.nq")
    links = out_dir / "case-links.nq"
    if links.exists() and links.stat().st_size:
        read_into(ds, links)
    return entail(ds)


def _write_outputs(G, summary: dict, links: dict, out_dir: Path) -> None:
    from .. import export as xp
    from ..export.world_pictures import degree_plot, map_plot

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
    table(links["indonesian_pairs"], "indonesian-pairs.csv")
    counts = defaultdict(int)
    for _, d in G.degree():
        counts[d] += 1
    table([{"degree": k, "places": counts[k]} for k in sorted(counts)], "degree-distribution.csv")
    write_atomic(out_dir / "degree-distribution.png", degree_plot(G, summary["degree_tail"]))
    write_atomic(out_dir / "map.png", map_plot(G, links))
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


def summary_text(s: dict, cached: bool = False) -> str:
    """The headline figures of the world network, for a terminal."""
    geo = s["geography"]
    lines = [
        f"world sister-city network{' (cached)' if cached else ''}:",
        f"  {s['nodes']:,} places ({s['districts']} districts), {s['edges']:,} twinnings, "
        f"mean degree {s['mean_degree']}",
        f"  {s['components']} components; the largest holds {s['largest_component']:,} "
        f"({s['largest_component_share']:.1%})",
        f"  degree tail: alpha = {s['degree_tail']['alpha']:.2f} +/- {s['degree_tail']['alpha_se']:.2f} "
        f"for k >= {s['degree_tail']['kmin']}",
        f"  assortativity {s['assortativity']:+.3f}; transitivity {s['transitivity']:.3f}; "
        f"mean clustering {s['mean_clustering']:.3f}",
        f"  mean shortest path (largest component) {s['mean_shortest_path_largest_component']['mean']:.2f} "
        f"+/- {s['mean_shortest_path_largest_component']['se']:.2f} (sampled)",
        f"  median twinning length {geo['median_km']['observed']:,.0f} km vs {geo['median_km']['null_mean']:,.0f} km "
        f"in degree-preserving random networks (z = {geo['median_km']['z']:.1f})",
        "  most twinned: " + ", ".join(f"{r['place']} ({r['value']})" for r in s["top_degree"][:5]),
        "  case cities: " + ", ".join(f"{k} (degree {v['degree']}, rank {v['rank_by_degree']})"
                                      for k, v in s["case_links"]["neighbourhoods"].items()),
    ]
    pairs = s["case_links"].get("indonesian_pairs", [])
    if pairs:
        lines.append(f"  Indonesian pairs of the list: {len(pairs)}, of which "
                     f"{sum(1 for p in pairs if p['case_partnership'])} have a case (indonesian-pairs.csv)")
    if s["case_links"].get("unlinked_cities"):
        lines.append("  case cities not in the list: " + ", ".join(s["case_links"]["unlinked_cities"]))
    return "\n".join(lines) + "\n"
