"""One export of the loaded knowledge graph in a format (:func:`export`), and every export
of the full network as ``paradiplo build`` writes them (:func:`export_all`).

>>> SUFFIX["turtle"], "owl" in FORMATS
('.ttl', True)
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from .. import network as nw
from ..errors import ExportError, InputError
from ..kg import KnowledgeGraph
from .gexf import write_gexf
from .html import html_text, node_sources
from .networks import GRAPHS, export_network, largest_component
from .pictures import picture_bytes
from .rdf import RDF_FORMATS, rdf_bytes
from .safe_write import preflight, safe_write
from .tables import csv_tables, graphml_bytes

FORMATS = ("gexf", "graphml", "csv", "turtle", "trig", "nquads", "jsonld", "owl", "png", "svg", "html")
SUFFIX = {"gexf": ".gexf", "graphml": ".graphml", "turtle": ".ttl", "trig": ".trig", "nquads": ".nq",
          "jsonld": ".jsonld", "owl": ".owl", "png": ".png", "svg": ".svg", "html": ".html"}


def export(fmt: str, output: Path, kg: KnowledgeGraph, *, graph: str = "actors", filters: nw.Filters | None = None,
           gexf_version: str = "1.3", size_by: str = "betweenness", colour_by: str = "type", dynamic: bool = True,
           force: bool = False, core: bool = False,
           ex: nw.Extract | None = None, prepared: nx.Graph | None = None,
           sources: dict | None = None) -> list[Path]:
    """Write one export of the loaded knowledge graph ``kg``; return the files written.

    ``prepared`` is the network as :func:`export_network` made it, when the caller already
    has it (``build`` prepares each network once for all its formats).
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    output = Path(output)
    targets = [output / "nodes.csv", output / "edges.csv"] if fmt == "csv" else [output]
    for target in targets:  # every file checked before any work and before any is written
        preflight(target, force, SUFFIX.get(fmt), create_folder=fmt == "csv")
    if fmt in RDF_FORMATS:
        return [safe_write(output, rdf_bytes(kg, fmt, filters.case if filters else None), force)]
    G = prepared if prepared is not None else export_network(ex or nw.extract(kg), graph, filters)
    if core:
        G = largest_component(G)
    if not len(G):
        raise ExportError("the network is empty for these filters")
    if size_by not in {k for _, d in G.nodes(data=True) for k in d}:
        raise ExportError(f"--size-by {size_by!r} is not a measure of this network")
    if fmt == "gexf":
        return [write_gexf(G, output, gexf_version, size_by, dynamic, force)]
    if fmt == "graphml":
        return [safe_write(output, graphml_bytes(G), force)]
    if fmt == "csv":
        nodes, edges = csv_tables(G)
        return [safe_write(output / "nodes.csv", nodes, force), safe_write(output / "edges.csv", edges, force)]
    if fmt in ("png", "svg"):
        return [safe_write(output, picture_bytes(G, fmt, size_by, colour_by=colour_by), force)]
    return [safe_write(output, html_text(G, sources if sources is not None else node_sources(kg), size_by), force)]


def export_all(folder: Path, kg: KnowledgeGraph, ex: nw.Extract | None = None, built: dict | None = None,
               kept: list | None = None) -> list[Path]:
    """Every export of the full network (as ``paradiplo build`` writes them): each network,
    its measures and its layout are computed once and shared by every format.

    A file in ``folder`` that was changed since paradiplo wrote it is not replaced: its
    path goes into ``kept`` (when given) and the other exports are still written."""
    ex = ex or nw.extract(kg)
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)  # build's own folder (a user's -o folder must exist)
    except OSError as err:
        raise InputError(folder, f"cannot be written: {err.strerror or err}") from None
    built = built or {}
    prepared = {graph: export_network(ex, graph, built=built.get(graph)) for graph in GRAPHS}
    sources = node_sources(kg)
    jobs = [(fmt, folder / name, {"graph": graph, "prepared": G}) for graph, G in prepared.items()
            for fmt, name in (("gexf", f"{graph}.gexf"), ("graphml", f"{graph}.graphml"), ("csv", f"csv-{graph}"))]
    jobs.append(("gexf", folder / "actors-1.2draft.gexf", {"gexf_version": "1.2draft", "prepared": prepared["actors"]}))
    jobs += [(fmt, folder / f"actors{SUFFIX[fmt]}", {"prepared": prepared["actors"], "sources": sources})
             for fmt in ("png", "svg", "html")]
    jobs += [(fmt, folder / f"paradiplo{SUFFIX[fmt]}", {}) for fmt in RDF_FORMATS]
    written = []
    for fmt, path, options in jobs:
        try:
            written += export(fmt, path, kg, **options)
        except ExportError as err:
            if kept is None or "was not written by paradiplo" not in str(err):
                raise
            kept.append(path)
    return written
