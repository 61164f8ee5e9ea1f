"""The world step in three parts, each callable alone and cached on its own.

1. **import** (:func:`import_step`): the list as RDF (``sister-cities.nq``), the merge
   report, the import problems, and the case cities' links (``case-links.nq``); its facts
   in ``import.json``. Cached by :func:`import_key`: the list, the curated overrides, the
   import's code, and the cases' countries, city names and partnerships it is joined to.
2. **analysis** (:func:`analysis`): the headline figures and the null model, computed
   from the import, nothing written;
3. **writing** (:func:`write_analysis`): the summary, the tables, the pictures and the
   GEXF/GraphML. :func:`analysis_step` runs both, cached by :func:`analysis_key` (the
   import's key and the analysis's code).

:func:`join` (what every ``--world`` runs) needs the import only, never the analysis;
:func:`run` (``paradiplo network world`` and ``build``) runs both.

Examples
--------
>>> analysis_key("abc") == analysis_key("abc") != analysis_key("abd")
True
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..kg import Closure, KnowledgeGraph, entail, join_beside, read_into, rows
from ..output import claim_folder, file_digest, record_outputs, write_atomic, write_csv
from .analyse import analyse, world_graph
from .links import _CASE_PAIRS, _CITY_NAMES, case_cities, case_countries, case_links, links_nquads
from .null_model import geography_null_model
from .read import check_list, default_input, default_out, is_default_out
from .resolve import overrides_path
from .to_rdf import WORLD_ENTAILMENTS, import_sister_cities

IMPORT_VERSION = "2"  # bump when the import or the case links change, to invalidate its cache
ANALYSIS_VERSION = "7"  # bump when the analyses change, to invalidate theirs

#: What the import step writes besides the import's own files (``to_rdf.IMPORT_FILES``).
STEP_FILES = ("case-links.nq", "import.json")

#: The files the analysis step writes.
ANALYSIS_FILES = (
    "summary.json", "top-cities-degree.csv", "top-cities-betweenness.csv", "top-cities-pagerank.csv",
    "top-countries.csv", "country-communities.csv", "case-neighbourhoods.csv", "case-disagreements.csv",
    "indonesian-pairs.csv", "degree-distribution.csv", "degree-distribution.png", "map.png", "world.gexf",
    "world.graphml")


def import_key(path: Path, kg: KnowledgeGraph | None = None) -> str:
    """What the import depends on: the list, the curated overrides, the code, and (given the
    knowledge graph ``kg``) the ontology's subclass and subproperty closure and the cases'
    countries, city names and partnerships, so that a new case with a new city or country
    is linked to the list."""
    parts = [file_digest(path), "import", IMPORT_VERSION]
    if overrides_path().exists():
        parts.append(file_digest(overrides_path()))
    if kg is not None:
        parts.append(Closure.of(kg).key())  # the entailments written with the list
        parts.append(repr(sorted(case_countries(kg).items())))
        parts.append(repr(sorted(case_cities(kg).items())))
        parts.append(repr(sorted((r["city"], r["name"]) for r in rows(kg, _CITY_NAMES))))
        parts.append(repr(sorted((r["p"], r["a"], r["b"]) for r in rows(kg, _CASE_PAIRS))))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def analysis_key(key: str) -> str:
    """The analysis's key: the import's ``key`` and the analysis's code."""
    return hashlib.sha256(f"{key}|analysis|{ANALYSIS_VERSION}".encode()).hexdigest()


#: The name :func:`run`'s callers used for the key of the whole step (the import's key).
cache_key = import_key


def _read_json(path: Path) -> dict | None:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def cached_import(out_dir: Path, key: str) -> dict | None:
    """The import's facts in ``out_dir`` if it is the import with ``key`` and its files are
    there; else None."""
    out_dir = Path(out_dir)
    facts = _read_json(out_dir / "import.json")
    if facts is None or facts.get("input_key") != key or not all(
            (out_dir / name).exists() for name in ("sister-cities.nq", "world-entailments.nq")):
        return None
    return facts


def cached_summary(out_dir: Path, key: str) -> dict | None:
    """The summary in ``out_dir`` if it is the analysis of the import with ``key`` (the
    import's key) and that import is there; else None."""
    if cached_import(out_dir, key) is None:
        return None
    summary = _read_json(Path(out_dir) / "summary.json")
    return summary if summary is not None and summary.get("input_key") == analysis_key(key) else None


@dataclass
class Imported:
    """The import step's result: its folder, key and facts (``import.json``), whether it
    came from the cache, and the twinning network (built at most once, on demand)."""

    out_dir: Path
    key: str
    facts: dict
    cached: bool
    _graph: object = None

    @property
    def nquads(self) -> Path:
        return self.out_dir / "sister-cities.nq"

    @property
    def entailments(self) -> Path:
        return self.out_dir / "world-entailments.nq"

    @property
    def links(self) -> Path:
        return self.out_dir / "case-links.nq"

    def graph(self):
        """The twinning network (:func:`~paradiplo.world.analyse.world_graph`), read once."""
        if self._graph is None:
            self._graph = world_graph(self.nquads)
        return self._graph


def import_step(kg: KnowledgeGraph, path: Path | None = None, out_dir: Path | None = None, *, force: bool = False,
                replace: bool = False, progress: Callable[[int], None] | None = None,
                key: str | None = None) -> Imported:
    """Import the list into ``out_dir`` (default ``out/world``) and link the case cities of
    the knowledge graph ``kg`` to it, unless the import with the same :func:`import_key`
    is there already (``force`` imports anyway; ``replace`` replaces files in ``out_dir``
    that paradiplo did not write, else :class:`~paradiplo.errors.ExportError` before
    anything is written)."""
    path = Path(path or default_input())
    check_list(path)
    out_dir = Path(out_dir or default_out())
    key = key or import_key(path, kg)
    facts = None if force else cached_import(out_dir, key)
    if facts is not None:
        return Imported(out_dir, key, facts, True)
    claim_folder(out_dir, STEP_FILES, replace, own=is_default_out(out_dir))  # the import claims its own
    report = import_sister_cities(path, out_dir, progress, countries=case_countries(kg), force=replace, graph=True,
                                  closure=Closure.of(kg))
    G = report.graph  # the network as the import wrote it: the file is not read again
    links = case_links(G, kg)
    write_atomic(out_dir / "case-links.nq", links_nquads(links, kg))
    facts = {"input": path.name, "input_key": key,
             "import": {"pairs_written": report.pairs, "places": report.places, "districts": report.districts,
                        "countries": report.countries, "self_pairs_skipped": report.self_pairs,
                        "merged_spellings": report.merged, "left_for_review": report.review,
                        "malformed_rows": [{"line": p.line, "reason": p.reason} for p in report.problems],
                        "output_sha256": report.checksum},
             "case_links": links}
    write_atomic(out_dir / "import.json", json.dumps(facts, indent=2, ensure_ascii=False) + "\n")
    record_outputs(out_dir, STEP_FILES)
    return Imported(out_dir, key, facts, False, G)


def analysis_step(imported: Imported, *, force: bool = False, replace: bool = False) -> tuple[dict, bool]:
    """Analyse the imported network and write the summary, tables, pictures and GEXF into
    the import's folder, unless the analysis of this import is there already. Returns the
    summary and whether it came from the cache."""
    out_dir = imported.out_dir
    cached = None if force else cached_summary(out_dir, imported.key)
    if cached is not None:
        return cached, True
    claim_folder(out_dir, ANALYSIS_FILES, replace, own=is_default_out(out_dir))
    summary = analysis(imported)
    write_analysis(imported.graph(), summary, out_dir)
    return summary, False


def analysis(imported: Imported) -> dict:
    """The analysis of the imported network, computed and returned, nothing written: the
    headline figures, the geography null model, and the import's facts and case links."""
    G = imported.graph()
    summary = analyse(G)
    summary["geography"] = geography_null_model(G)
    summary["case_links"] = imported.facts["case_links"]
    summary["import"] = imported.facts["import"]
    summary["input"] = imported.facts["input"]
    summary["input_key"] = analysis_key(imported.key)
    return summary


def run(kg: KnowledgeGraph, path: Path | None = None, out_dir: Path | None = None, force: bool = False,
        progress: Callable[[int], None] | None = None, replace: bool = False,
        key: str | None = None) -> tuple[dict, bool]:
    """The whole world step: import (:func:`import_step`), then analyse and write
    (:func:`analysis_step`), each from its own cache when current. ``key`` is
    :func:`import_key` of ``path`` if the caller has it already. Returns the summary and
    whether the analysis came from the cache."""
    path = Path(path or default_input())
    check_list(path)
    out_dir = Path(out_dir or default_out())
    key = key or import_key(path, kg)
    cached = None if force else cached_summary(out_dir, key)
    if cached is not None:
        return cached, True
    if force or cached_import(out_dir, key) is None:  # both steps write: refuse before either does
        claim_folder(out_dir, STEP_FILES + ANALYSIS_FILES, replace, own=is_default_out(out_dir))
    imported = import_step(kg, path, out_dir, force=force, replace=replace, progress=progress, key=key)
    return analysis_step(imported, force=force, replace=replace)


def join(kg: KnowledgeGraph, path: Path | None = None, out_dir: Path | None = None, *,
         entailed: bool = True) -> KnowledgeGraph:
    """Add the imported world list (imported first if needed, cached; never analysed) and
    the case-city links to the loaded knowledge graph ``kg``, as the named graphs
    ``pd:graph-world`` and ``pd:graph-world-links``. The list is joined beside the merge
    with the entailments written at import (:func:`~paradiplo.kg.join_beside`): no copy,
    no reasoning over its 366,000 statements. ``entailed``: compute the entailments now; a
    caller that reads more files first passes False and entails once at the end."""
    imported = import_step(kg, path, out_dir)
    join_beside(kg, imported.nquads, imported.entailments, str(WORLD_ENTAILMENTS))
    if imported.links.exists() and imported.links.stat().st_size:
        read_into(kg, imported.links)
    return entail(kg) if entailed else kg


def write_analysis(G, summary: dict, out_dir: Path) -> None:
    """Write the analysis (:func:`analysis`) of the network ``G`` into ``out_dir``: the
    tables (CSV), the pictures, ``world.gexf``, ``world.graphml`` and, last, ``summary.json``
    (whose key says the folder is current); each file atomically, all in the manifest."""
    from .. import export as xp
    from ..export.world_pictures import degree_plot, map_plot

    links = summary["case_links"]

    def table(rows: list[dict], name: str):
        if rows:
            write_csv(out_dir / name, rows)

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
    write_atomic(out_dir / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    record_outputs(out_dir, ANALYSIS_FILES)


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
