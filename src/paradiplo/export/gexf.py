"""GEXF 1.3 and 1.2draft for Gephi, valid against the official schemas."""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from ..errors import ExportError
from ..kg import project_root
from .safe_write import safe_write
from .xmltext import check_xml_text

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
    check_xml_text(G, "GEXF")
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
