"""Exports: GEXF and GraphML for Gephi, Cytoscape and igraph; Gephi's spreadsheet CSV;
the knowledge graph as Turtle, TriG, N-Quads or JSON-LD; pictures (PNG, SVG); and a
self-contained HTML page to explore a network.

Every file is written atomically, and an existing file is replaced only if paradiplo
wrote it (a manifest, ``.paradiplo-exports.json`` in the folder, records the checksum of
each file written) or if ``force`` is given.

Examples
--------
>>> import tempfile, pathlib
>>> from paradiplo.graph import load
>>> from paradiplo import network as nw
>>> G = export_network(nw.extract(load()), "actors")
>>> path = pathlib.Path(tempfile.mkdtemp()) / "actors.gexf"
>>> write_gexf(G, path).name
'actors.gexf'
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
from pathlib import Path

import networkx as nx
from rdflib import Dataset

from . import network as nw
from .graph import project_root, union
from .namespaces import PD
from .output import write_atomic

FORMATS = ("gexf", "graphml", "csv", "turtle", "trig", "nquads", "jsonld", "png", "svg", "html")
GRAPHS = nw.GRAPHS
SUFFIX = {"gexf": ".gexf", "graphml": ".graphml", "turtle": ".ttl", "trig": ".trig", "nquads": ".nq",
          "jsonld": ".jsonld", "png": ".png", "svg": ".svg", "html": ".html"}
MANIFEST = ".paradiplo-exports.json"

# A stable palette (colour-blind-safe Okabe-Ito first, then Tableau), keyed by node type,
# so the same kind of actor has the same colour in every export and picture.
PALETTE = {
    "provincial government": "#0072B2", "metropolitan government": "#56B4E9", "municipal government": "#009E73",
    "district government": "#66C2A5", "sub-national government": "#1B9E77", "local government agency": "#8DA0CB",
    "local legislature": "#7570B3", "national government": "#D55E00", "ministry": "#E69F00",
    "embassy": "#CC79A7", "consulate": "#F0A3D0", "international organisation": "#882255",
    "association of local governments": "#AA4499", "non-governmental organisation": "#117733",
    "community": "#999933", "company": "#661100", "state-owned enterprise": "#A6761D",
    "university": "#332288", "school": "#44AA99", "research institution": "#6699CC", "person": "#E7298A",
    "government body": "#666666",
    # affairs (two-mode network)
    "partnership": "#BBBBBB", "agreement": "#888888", "activity": "#DDDDDD",
}


class ExportError(Exception):
    """An export cannot be written as asked (a user error: exit code 2)."""


# --------------------------------------------------------------------------- safe writing


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def safe_write(path: Path, data: bytes | str, force: bool = False) -> Path:
    """Write ``data`` atomically; refuse to replace a file paradiplo did not write."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    manifest = _manifest(folder)
    if path.exists() and not force and manifest.get(path.name) != _digest(path.read_bytes()):
        raise ExportError(f"{path} exists and was not written by paradiplo (or was changed since); "
                          "use --force to replace it")
    write_atomic(path, payload)
    manifest[path.name] = _digest(payload)
    write_atomic(folder / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
    return path


# --------------------------------------------------------------------------- the network


def colour(kind_type: str) -> str:
    """The palette colour of a node type; unknown types get a stable hashed grey-blue."""
    if kind_type in PALETTE:
        return PALETTE[kind_type]
    h = int(hashlib.md5(kind_type.encode()).hexdigest()[:6], 16)
    return f"#{(h >> 16) % 128 + 64:02x}{(h >> 8) % 128 + 64:02x}{h % 128 + 96:02x}"


def export_network(ex: nw.Extract, graph: str = "actors", filters: nw.Filters | None = None,
                   group_by: str = "country") -> nx.Graph:
    """The chosen network with every measure as a node attribute, the colour, a seeded
    layout position, and spells (periods) from agreement and activity dates."""
    if graph not in GRAPHS:
        raise ExportError(f"unknown graph {graph!r}; choose one of {', '.join(GRAPHS)}")
    f = filters or nw.Filters()
    B = nw.two_mode(ex, f)  # spells come from the affairs of the two-mode network
    G, measures = nw.build(ex, graph, f, group_by)
    G = G.copy()
    G.graph["name"] = graph
    for n, values in measures.items():
        G.nodes[n].update({k: v for k, v in values.items() if v is not None})
    spells = _spells(ex, B)
    for n, d in G.nodes(data=True):
        d["colour"] = colour(_colour_key(d))
        if n in spells:
            d["spells"] = spells[n]
    for u, v, d in G.edges(data=True):
        if graph == "two-mode":
            affair = v if B.nodes[v].get("kind") == "affair" else u
            if affair in spells:
                d["spells"] = spells[affair]
        elif graph == "actors":
            periods = _merge([s for a in set(B[u]) & set(B[v]) for s in spells.get(a, [])])
            if periods:
                d["spells"] = periods
    pos = _layout(G)
    for n, (x, y) in pos.items():
        G.nodes[n]["x"], G.nodes[n]["y"] = float(x), float(y)
    return G


def _layout(G: nx.Graph) -> dict:
    """A deterministic layout: each connected component laid out by Kamada-Kawai, the
    components packed side by side, largest first, so small ones do not crowd the main one."""
    if not len(G):
        return {}
    und = G.to_undirected() if G.is_directed() else G
    comps = sorted(nx.connected_components(und), key=lambda c: (-len(c), min(map(str, c))))
    pos, x0, row_y, row_h = {}, 0.0, 0.0, 0.0
    width = max(4.0, 2.2 * len(comps[0]) ** 0.5)
    for comp in comps:
        sub = nw.ordered_subgraph(und, comp)
        size = 2.2 * len(comp) ** 0.5 if len(comp) > 1 else 0.6
        local = nx.kamada_kawai_layout(sub, scale=size / 2) if len(comp) > 2 else {
            n: (i * 0.6 - 0.3 * (len(comp) - 1), 0.0) for i, n in enumerate(sorted(comp, key=str))}
        if x0 + size > width and x0 > 0:
            x0, row_y, row_h = 0.0, row_y - row_h - 0.6, 0.0
        for n, (x, y) in local.items():
            pos[n] = (x0 + size / 2 + x, row_y - size / 2 + y)
        x0 += size + 0.6
        row_h = max(row_h, size)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return {n: ((x - cx) / span * 2, (y - cy) / span * 2) for n, (x, y) in pos.items()}


def _spells(ex: nw.Extract, B: nx.Graph) -> dict[str, list[tuple[str, str]]]:
    """Periods (ISO dates) of each affair from its dates, and of each actor from its affairs."""
    out = {}
    for n, d in B.nodes(data=True):
        if d.get("kind") == "affair" and d.get("start") is not None:
            out[n] = [(f"{d['start']:04d}-01-01", f"{(d['end'] or d['start']):04d}-12-31")]
    for n, d in B.nodes(data=True):
        if d.get("kind") == "actor":
            periods = _merge([s for a in B[n] for s in out.get(a, [])])
            if periods:
                out[n] = periods
    return out


def _merge(periods: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Overlapping or back-to-back periods (ISO dates) as one."""
    from datetime import date, timedelta

    merged: list[list[str]] = []
    for start, end in sorted(periods):
        if merged and date.fromisoformat(start) <= date.fromisoformat(merged[-1][1]) + timedelta(days=1):
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [tuple(p) for p in merged]


# --------------------------------------------------------------------------- GEXF

_GEXF_NS = {"1.3": ("http://gexf.net/1.3", "http://gexf.net/1.3/viz", "1.3"),
            "1.2draft": ("http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft/viz", "1.2")}
# Structural keys that become GEXF elements or are not attributes at all.
_NOT_ATTRIBUTES = {"label", "colour", "x", "y", "spells", "bipartite", "weight"}


def _gexf_type(values) -> str | None:
    kinds = {type(v) for v in values if v is not None and v != ""}
    if not kinds:
        return None
    if kinds <= {bool}:
        return "boolean"
    if kinds <= {int}:
        return "integer"
    if kinds <= {int, float}:
        return "double"
    return "string"


def _gexf_value(v, kind: str) -> str:
    if kind == "boolean":
        return "true" if v else "false"
    if kind == "double":
        return repr(float(v))
    if isinstance(v, list | tuple):
        return "; ".join(str(x) for x in v)
    return str(v)


def _token(text: str) -> str:
    return " ".join(str(text).split())


def gexf_bytes(G: nx.Graph, version: str = "1.3", size_by: str = "betweenness", dynamic: bool = True) -> bytes:
    """GEXF that validates against the official schema of ``version`` (1.3 or 1.2draft).

    Typed attributes (no empty values written), labels, ``viz`` colour by node type,
    ``viz`` size by ``size_by``, ``viz`` position from the seeded layout, and, when
    ``dynamic``, spells from agreement and activity dates (timeformat date), so that
    Gephi's timeline works.
    """
    from lxml import etree

    if version not in _GEXF_NS:
        raise ExportError(f"GEXF version must be 1.3 or 1.2draft, not {version!r}")
    ns, viz, number = _GEXF_NS[version]
    E = f"{{{ns}}}"
    V = f"{{{viz}}}"
    root = etree.Element(E + "gexf", nsmap={None: ns, "viz": viz}, version=number)
    meta = etree.SubElement(root, E + "meta")
    etree.SubElement(meta, E + "creator").text = "paradiplo"
    etree.SubElement(meta, E + "description").text = f"paradiplo {G.graph.get('name', '')} network"
    has_spells = dynamic and any(d.get("spells") for _, d in G.nodes(data=True))
    graph_attrs = {"defaultedgetype": "directed" if G.is_directed() else "undirected"}
    if has_spells:
        graph_attrs.update(mode="dynamic", timeformat="date")
    graph = etree.SubElement(root, E + "graph", **graph_attrs)

    def declare(cls, items):
        keys = sorted({k for _, d in items for k in d if k not in _NOT_ATTRIBUTES})
        table = {}
        for k in keys:
            kind = _gexf_type([d.get(k) for _, d in items])
            if kind:
                table[k] = (str(len(table)), kind)
        if table:
            el = etree.SubElement(graph, E + "attributes", **{"class": cls})
            for k, (aid, kind) in table.items():
                etree.SubElement(el, E + "attribute", id=aid, title=k, type=kind)
        return table

    node_items = list(G.nodes(data=True))
    edge_items = [((u, v), d) for u, v, d in G.edges(data=True)]
    node_keys = declare("node", node_items)
    edge_keys = declare("edge", edge_items)
    sizes = [d.get(size_by, 0) or 0 for _, d in node_items]
    top = max(sizes) if sizes else 0

    def attvalues(parent, d, table):
        values = [(aid, _gexf_value(d[k], kind)) for k, (aid, kind) in table.items()
                  if d.get(k) is not None and d.get(k) != "" and d.get(k) != []]
        if values:
            av = etree.SubElement(parent, E + "attvalues")
            for aid, value in values:
                etree.SubElement(av, E + "attvalue", **{"for": aid, "value": value})

    def spells(parent, d):
        if has_spells and d.get("spells"):
            sp = etree.SubElement(parent, E + "spells")
            for start, end in d["spells"]:
                etree.SubElement(sp, E + "spell", start=start, end=end)

    nodes = etree.SubElement(graph, E + "nodes", count=str(len(node_items)))
    for n, d in node_items:
        el = etree.SubElement(nodes, E + "node", id=str(n), label=_token(d.get("label", n)))
        attvalues(el, d, node_keys)
        spells(el, d)
        r, g, b = (int(d.get("colour", "#888888")[i:i + 2], 16) for i in (1, 3, 5))
        etree.SubElement(el, V + "color", r=str(r), g=str(g), b=str(b))
        if "x" in d:
            etree.SubElement(el, V + "position", x=f"{d['x'] * 1000:.3f}", y=f"{d['y'] * 1000:.3f}", z="0.0")
        value = 5 + 45 * ((d.get(size_by, 0) or 0) / top if top else 0)
        etree.SubElement(el, V + "size", value=f"{value:.3f}")
    edges = etree.SubElement(graph, E + "edges", count=str(len(edge_items)))
    for i, ((u, v), d) in enumerate(edge_items):
        el = etree.SubElement(edges, E + "edge", id=str(i), source=str(u), target=str(v),
                              weight=repr(float(d.get("weight", 1))))
        attvalues(el, d, edge_keys)
        spells(el, d)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def write_gexf(G, path, version="1.3", size_by="betweenness", dynamic=True, force=False) -> Path:
    return safe_write(path, gexf_bytes(G, version, size_by, dynamic), force)


def schemas_folder() -> Path:
    """The official GEXF schemas (shared/schemas beside the checkout, or PARADIPLO_SCHEMAS)."""
    return Path(os.environ.get("PARADIPLO_SCHEMAS", project_root().parent / "shared" / "schemas"))


def gexf_schema(version: str = "1.3"):
    """The official RELAX NG schema of ``version`` as an lxml validator.

    The verdict is the RELAX NG compact source (``*.rnc``), which lxml cannot read, so
    the generated ``*.rng`` is used. For 1.2draft the generated ``gexf.rng`` dropped the
    namespace of one include: ``gexf.rnc`` says ``include "viz.rnc" inherit = viz``,
    ``gexf.rng`` has a bare ``<include href="viz.rng"/>`` (the 1.3 one keeps ``ns=``).
    A temporary copy restores that ``ns`` so the ``.rng`` says what the ``.rnc`` says.
    """
    import shutil
    import tempfile

    from lxml import etree

    folder = schemas_folder() / f"gexf-{version}"
    if not (folder / "gexf.rng").exists():
        raise ExportError(f"GEXF schema not found in {folder}: set PARADIPLO_SCHEMAS to the schemas folder")
    viz = _GEXF_NS[version][1]
    with tempfile.TemporaryDirectory() as tmp:
        for f in folder.glob("*.rng"):
            shutil.copy(f, tmp)
        main_rng = Path(tmp) / "gexf.rng"
        text = main_rng.read_text(encoding="utf-8")
        if 'inherit = viz' in (folder / "gexf.rnc").read_text(encoding="utf-8"):
            text = text.replace('<include href="viz.rng"/>', f'<include href="viz.rng" ns="{viz}"/>')
        main_rng.write_text(text, encoding="utf-8")
        return etree.RelaxNG(etree.parse(str(main_rng)))


# --------------------------------------------------------------------------- GraphML, CSV


def _flat(G: nx.Graph) -> nx.Graph:
    """A copy with GraphML-friendly attributes: lists joined, None and empty values dropped."""
    H = G.copy()
    for _, d in list(H.nodes(data=True)) + [(None, d) for *_, d in H.edges(data=True)]:
        for k in list(d):
            v = d[k]
            if k == "spells":
                d[k] = "; ".join(f"{a}/{b}" for a, b in v)
            elif isinstance(v, list | tuple):
                d[k] = "; ".join(str(x) for x in v)
            if d[k] is None or d[k] == "":
                del d[k]
    H.graph = {"name": str(G.graph.get("name", ""))}
    return H


def graphml_bytes(G: nx.Graph) -> bytes:
    """GraphML with typed keys (for Cytoscape, yEd, igraph)."""
    buf = io.BytesIO()
    nx.write_graphml(_flat(G), buf, named_key_ids=True)
    return buf.getvalue()


def csv_tables(G: nx.Graph) -> tuple[str, str]:
    """``nodes.csv`` and ``edges.csv`` as Gephi's spreadsheet import expects them: Id,
    Label and attributes; Source, Target, Type, Weight and attributes; and Interval
    columns (``<[start, end]; ...>``) when there are periods."""
    H = _flat(G)
    node_keys = sorted({k for _, d in H.nodes(data=True) for k in d} - {"label", "spells", "bipartite"})
    edge_keys = sorted({k for *_, d in H.edges(data=True) for k in d} - {"weight", "spells"})
    dynamic = any("spells" in d for _, d in G.nodes(data=True))

    def interval(d):
        return "<" + "; ".join(f"[{a}, {b}]" for a, b in d.get("spells", [])) + ">" if d.get("spells") else ""

    nbuf, ebuf = io.StringIO(), io.StringIO()
    nw_ = csv.writer(nbuf, lineterminator="\n")
    nw_.writerow(["Id", "Label", *node_keys, *(["Interval"] if dynamic else [])])
    for n, d in G.nodes(data=True):
        row = H.nodes[n]
        nw_.writerow([n, d.get("label", n), *[row.get(k, "") for k in node_keys],
                      *([interval(d)] if dynamic else [])])
    ew = csv.writer(ebuf, lineterminator="\n")
    ew.writerow(["Source", "Target", "Type", "Weight", *edge_keys, *(["Interval"] if dynamic else [])])
    kind = "Directed" if G.is_directed() else "Undirected"
    for u, v, d in G.edges(data=True):
        row = H.edges[u, v]
        ew.writerow([u, v, kind, d.get("weight", 1), *[row.get(k, "") for k in edge_keys],
                     *([interval(d)] if dynamic else [])])
    return nbuf.getvalue(), ebuf.getvalue()


# --------------------------------------------------------------------------- RDF


def rdf_bytes(ds: Dataset, fmt: str, case: str | None = None) -> bytes:
    """The knowledge graph (or one case's named graph) as Turtle, TriG, N-Quads or JSON-LD.

    JSON-LD is compacted with ``ontology/context.jsonld``, which is shipped, so nothing is
    fetched; triple formats merge the named graphs.
    """
    out = Dataset()
    for prefix, ns in ds.namespaces():
        out.bind(prefix, ns)
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = getattr(g, "identifier", g)
        if case and gid != PD[f"case-{case}"]:
            continue
        out.graph(gid).add((s, p, o))
    if case and not len(out):
        raise ExportError(f"no case {case!r}")
    if fmt == "turtle":
        return union(out).serialize(format="turtle").encode("utf-8")
    if fmt == "trig":
        return out.serialize(format="trig").encode("utf-8")
    if fmt == "nquads":
        return out.serialize(format="nquads").encode("utf-8")
    if fmt == "jsonld":
        context = json.loads((project_root() / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
        return out.serialize(format="json-ld", context=context["@context"], auto_compact=True).encode("utf-8")
    raise ExportError(f"unknown RDF format {fmt!r}")


# --------------------------------------------------------------------------- pictures


def picture_bytes(G: nx.Graph, fmt: str = "png", size_by: str = "betweenness", label_top: int = 8,
                  title: str | None = None) -> bytes:
    """A deterministic picture: seeded layout, colours by type with a legend, node size by
    ``size_by``, labels on the ``label_top`` leading nodes by that measure."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    plt.rcParams["svg.hashsalt"] = "paradiplo"  # stable SVG ids
    plt.rcParams["svg.fonttype"] = "none"
    fig, ax = plt.subplots(figsize=(11, 8), dpi=120)
    pos = {n: (d.get("x", 0.0), d.get("y", 0.0)) for n, d in G.nodes(data=True)}
    values = {n: (d.get(size_by) or 0) for n, d in G.nodes(data=True)}
    top = max(values.values()) if values else 0
    sizes = [60 + 900 * (values[n] / top if top else 0) for n in G]
    colours = [d.get("colour", "#888888") for _, d in G.nodes(data=True)]
    nx.draw_networkx_edges(G, pos, ax=ax, width=[0.6 + 0.6 * d.get("weight", 1) for *_, d in G.edges(data=True)],
                           edge_color="#999999", alpha=0.6, arrows=G.is_directed())
    nx.draw_networkx_nodes(G, pos, ax=ax, node_size=sizes, node_color=colours, edgecolors="#333333",
                           linewidths=0.5)
    leaders = sorted(G, key=lambda n: (-values[n], G.nodes[n].get("label", "")))[:label_top]
    for n in leaders:
        x, y = pos[n]
        ax.annotate(_short_label(G.nodes[n].get("label", n)), (x, y), xytext=(6, 6), textcoords="offset points",
                    fontsize=8, bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "#cccccc", "alpha": 0.85})
    kinds = _legend_keys(G)
    handles = [Line2D([0], [0], marker="o", color="w", markerfacecolor=colour(k), markeredgecolor="#333333",
                      markersize=8, label=k) for k in kinds]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False,
              title="type", title_fontsize=9)
    ax.set_title(title or f"paradiplo {G.graph.get('name', '')} network — node size: {size_by}", fontsize=11)
    ax.axis("off")
    fig.tight_layout()
    buf = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": "paradiplo"}
    fig.savefig(buf, format=fmt, metadata=metadata)
    plt.close(fig)
    return buf.getvalue()


def _legend_keys(G: nx.Graph) -> list[str]:
    """The node types present: actor types, and partnership/agreement/activity for affairs."""
    return sorted({k for _, d in G.nodes(data=True) if (k := _colour_key(d))})


def _colour_key(d: dict) -> str:
    return (d.get("type") if d.get("kind") == "actor" else d.get("group")) or ""


def _short_label(text: str, width: int = 28) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --------------------------------------------------------------------------- HTML

def html_text(G: nx.Graph, sources: dict[str, list[dict]] | None = None, size_by: str = "betweenness",
              title: str | None = None) -> str:
    """One self-contained page (no external URL) to explore the network in a browser."""
    sources = sources or {}
    values = {n: (d.get(size_by) or 0) for n, d in G.nodes(data=True)}
    top = max(values.values()) if values else 0
    leaders = set(sorted(G, key=lambda n: -values[n])[:8])
    skip = {"x", "y", "colour", "spells", "bipartite", "label"}
    nodes = []
    for n, d in G.nodes(data=True):
        attrs = {k: ("; ".join(map(str, v)) if isinstance(v, list | tuple) else
                     (round(v, 4) if isinstance(v, float) else v))
                 for k, v in d.items() if k not in skip and v not in (None, "", [])}
        nodes.append({"id": str(n), "label": d.get("label", str(n)), "x": 500 + 400 * d.get("x", 0.0),
                      "y": 400 + 350 * d.get("y", 0.0), "r": 4 + 16 * (values[n] / top if top else 0),
                      "colour": d.get("colour", "#888888"), "labelled": n in leaders,
                      "attributes": attrs, "sources": sources.get(str(n), [])})
    edges = [{"source": str(u), "target": str(v), "weight": d.get("weight", 1)} for u, v, d in G.edges(data=True)]
    kinds = _legend_keys(G)
    legend = " ".join(f'<div><span style="background:{colour(k)}"></span>{html.escape(k)}</div>' for k in kinds)
    data = json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False).replace("</", "<\\/")
    page = (Path(__file__).parent / "templates" / "network.html").read_text(encoding="utf-8")
    return (page.replace("__TITLE__", html.escape(title or f"paradiplo {G.graph.get('name', '')} network"))
                .replace("__LEGEND__", legend).replace("__DATA__", data))


def node_sources(ds: Dataset) -> dict[str, list[dict]]:
    """The citations of every entity, for the HTML page's source panel."""
    from rdflib import RDFS

    from .namespaces import PDO

    out: dict[str, list[dict]] = {}
    labels = {}
    for s, c in ds.subject_objects(PDO.attestedBy):
        src = ds.value(c, PDO.source)
        if src not in labels:
            labels[src] = str(ds.value(src, RDFS.label) or src)
        out.setdefault(str(s), []).append({"source": labels[src], "locator": str(ds.value(c, PDO.locator) or ""),
                                           "quote": str(ds.value(c, PDO.quote) or "")})
    for v in out.values():
        v.sort(key=lambda r: (r["source"], r["locator"], r["quote"]))
    return out


# --------------------------------------------------------------------------- dispatch


def export(fmt: str, output: Path, *, graph: str = "actors", filters: nw.Filters | None = None,
           gexf_version: str = "1.3", size_by: str = "betweenness", dynamic: bool = True, force: bool = False,
           ds: Dataset | None = None, ex: nw.Extract | None = None) -> list[Path]:
    """Write one export; return the files written."""
    from .graph import load

    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    ds = ds if ds is not None else load()
    output = Path(output)
    if fmt in ("turtle", "trig", "nquads", "jsonld"):
        return [safe_write(output, rdf_bytes(ds, fmt, filters.case if filters else None), force)]
    G = export_network(ex or nw.extract(ds), graph, filters)
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
        return [safe_write(output, picture_bytes(G, fmt, size_by), force)]
    return [safe_write(output, html_text(G, node_sources(ds), size_by), force)]


def export_all(folder: Path, ds: Dataset, ex: nw.Extract | None = None) -> list[Path]:
    """Every export of the full network (as ``paradiplo build`` writes them)."""
    ex = ex or nw.extract(ds)
    folder = Path(folder)
    written = []
    for graph in GRAPHS:
        written += export("gexf", folder / f"{graph}.gexf", graph=graph, ds=ds, ex=ex)
        written += export("graphml", folder / f"{graph}.graphml", graph=graph, ds=ds, ex=ex)
        written += export("csv", folder / f"csv-{graph}", graph=graph, ds=ds, ex=ex)
    written += export("gexf", folder / "actors-1.2draft.gexf", gexf_version="1.2draft", ds=ds, ex=ex)
    for fmt in ("png", "svg", "html"):
        written += export(fmt, folder / f"actors{SUFFIX[fmt]}", ds=ds, ex=ex)
    for fmt in ("turtle", "trig", "nquads", "jsonld"):
        written += export(fmt, folder / f"paradiplo{SUFFIX[fmt]}", ds=ds, ex=ex)
    return written
