"""The main job, ``paradiplo build``: one pass over the loaded knowledge graph.

    summary -> validation -> query library -> networks -> exports -> world

Each step takes the knowledge graph loaded once (and what earlier steps computed) and
returns values; files are written here, at the edge, into the folders below ``out``
(``summary.json``, ``validation.json``, ``queries/``, ``network/``, ``export/``, ``world/``).
Nothing is reloaded or recomputed: each network, its measures and its layout are made
once and shared by the metrics, the intermediaries and every export format.

Examples
--------
>>> import tempfile, pathlib
>>> from paradiplo.kg import data_files, load
>>> one_case = [f for f in data_files() if f.stem in ("sources", "actors", "jakarta-hanoi")]
>>> result = build(load(one_case), pathlib.Path(tempfile.mkdtemp()), world=False)
>>> result.report.conforms()
True
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import export as xp
from . import network as nw
from . import query as q
from . import world as wd
from .errors import ExportError
from .export.rdf import canonical, graphs_to_quads
from .kg import KnowledgeGraph, entail, load, read_into
from .kg.stats import summary
from .namespaces import PD, PREFIXES
from .output import file_lock, to_csv, write_atomic
from .validate import Report, validate


@dataclass
class BuildResult:
    """What ``build`` computed (the files are in ``out``)."""

    summary: dict
    report: Report
    queries: list[str] = field(default_factory=list)
    intermediaries: list[dict] = field(default_factory=list)
    exports: list[Path] = field(default_factory=list)
    world: dict | None = None
    world_cached: bool = False


def knowledge_graph(with_world: bool = False, includes=(), world_out: Path | None = None) -> KnowledgeGraph:
    """The knowledge graph, loaded once into one store, with the world list (imported and
    cached first, in ``world_out``, default ``out/world``) and extra RDF files when asked;
    entailments computed in the store."""
    kg = load()
    if with_world:
        # the import only, never the analysis
        wd.join(kg, wd.default_input(), world_out or wd.default_out(), entailed=False)
    for extra in includes:
        read_into(kg, Path(extra))
    return entail(kg)  # once, over the cases, the world list and the extra files


def _json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def run_queries(kg: KnowledgeGraph, folder: Path) -> list[str]:
    """Every parameter-free query of the library, as SPARQL CSV (Oxigraph's writer)."""
    written = []
    for name, nq in q.library().items():
        if nq.parameters:  # needs a choice of entity or threshold: run on demand
            continue
        result = q.run(kg, nq.text, {}, timeout=None)
        write_atomic(folder / f"{name}.csv", result.serialize("csv"))
        written.append(name)
    return written


def networks(kg: KnowledgeGraph, folder: Path) -> tuple[nw.Extract, dict, list[dict]]:
    """Every network and its measures (computed once), the intermediaries, the timeline and
    the measures as RDF, written into ``folder``."""
    ex = nw.extract(kg)
    built = {graph: nw.build(ex, graph) for graph in nw.GRAPHS}
    (B, B_measures), (G, G_measures) = built["two-mode"], built["actors"]
    rows = nw.intermediaries(ex, built=(B, B_measures, G, G_measures))
    write_atomic(folder / "intermediaries.csv", to_csv(rows, list(rows[0]) if rows else ["rank"]))
    write_atomic(folder / "intermediaries.json", _json(rows))
    metrics = {}
    for graph, (H, measures) in built.items():
        table = nw.measure_rows(H, measures)
        write_atomic(folder / f"metrics-{graph}.csv", to_csv(table, list(table[0]) if table else ["id"]))
        params = {**nw.Filters().as_dict(), "group_by": "country"}
        metrics[PD[f"graph-network-{graph}"]] = nw.metrics_rdf(measures, graph, params)
    trig = ox.serialize(canonical(graphs_to_quads(metrics)), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    write_atomic(folder / "metrics.trig", trig or b"")
    timeline = nw.timeline(ex, window=5)
    write_atomic(folder / "timeline.csv", to_csv(timeline, list(timeline[0]) if timeline else ["period"]))
    return ex, built, rows


def build(kg: KnowledgeGraph, out: Path, *, world: bool = True, say: Callable[[str], None] = lambda _: None,
          progress: Callable[[str], None] = lambda _: None) -> BuildResult:
    """Run every step on the loaded knowledge graph ``kg`` and write ``out``.

    Parameters
    ----------
    kg : KnowledgeGraph
        The knowledge graph (:func:`paradiplo.kg.load`), loaded once by the caller.
    out : Path
        The output folder; ``build`` writes only below it.
    world : bool
        Also import (cached) and analyse the world sister-city list.
    say : callable
        Receives a line of the report after each step.
    progress : callable
        Receives a line before each step that may take a while.
    """
    out = Path(out)
    with file_lock(out / ".paradiplo-build.lock", wait=False, busy="another paradiplo build is writing this folder"):
        return _build(kg, out, world, say, progress)


def _build(kg: KnowledgeGraph, out: Path, world: bool, say: Callable[[str], None],
           progress: Callable[[str], None]) -> BuildResult:
    progress("summary and validation")
    s = summary(kg)
    write_atomic(out / "summary.json", _json(s))
    report = validate(kg)
    write_atomic(out / "validation.json", _json(report.to_json()))
    say(f"validation: {report.count('violation')} violations, {report.count('warning')} warnings, "
        f"{report.count('info')} infos (details: paradiplo validate)")
    say(f"wrote {out / 'summary.json'}, {out / 'validation.json'}")
    progress("the query library")
    queries = run_queries(kg, out / "queries")
    say(f"wrote {len(queries)} query results to {out / 'queries'}/ (CSV)")
    progress("networks and their measures")
    ex, built, rows = networks(kg, out / "network")
    say(f"wrote intermediaries, metrics of {len(built)} networks, timeline and metrics.trig to {out / 'network'}/")
    progress("exports (GEXF, GraphML, CSV, RDF, pictures, HTML)")
    kept: list[Path] = []
    exports = xp.export_all(out / "export", kg, ex, built, kept=kept)
    say(f"wrote {len(exports)} exports to {out / 'export'}/")
    if kept:
        say(f"kept {len(kept)} file(s) changed since paradiplo wrote them (delete them to have them written "
            f"again): {', '.join(str(p) for p in kept)}")
    result = BuildResult(s, report, queries, rows, exports)
    if world:
        if wd.default_input().exists():
            key = wd.cache_key(wd.default_input(), kg)
            if wd.cached_summary(out / "world", key) is None:
                progress("importing and analysing the world sister-city list (about half a minute, then cached)")
            try:
                result.world, result.world_cached = wd.run(kg, wd.default_input(), out / "world", key=key)
            except ExportError as err:  # a file there was changed by hand: kept, and said so
                say(f"world analysis not refreshed: {err}")
        else:
            say(f"world list not found at {wd.default_input()}: world analysis skipped")
    return result
