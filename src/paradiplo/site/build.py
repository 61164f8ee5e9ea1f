"""Building the static site (see the package's docstring): :func:`build_site`, and
:func:`relink`, which turns the server's links into links between files.

Examples
--------
>>> relink("<a href='@@SITE@@/id/jakarta'>", 1)
"<a href='../id/jakarta.html'>"
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape
from pathlib import Path

import pyoxigraph as ox

from .. import export as xp
from .. import network as nw
from .. import query as q
from ..kg import KnowledgeGraph, derived_graphs, entail
from ..namespaces import PD, PREFIXES, VOCAB
from ..output import claim_folder, refuse_inputs, write_folder
from ..serve import pages
from ..serve.pages import _page

MARK = "@@SITE@@"
VENDOR = Path(__file__).parent / "vendor"
DOWNLOADS = {"paradiplo.trig": "trig", "paradiplo.nq": "nquads", "paradiplo.jsonld": "jsonld",
             "paradiplo.ttl": "turtle", "paradiplo.owl": "owl"}


def relink(html: str, depth: int) -> str:
    """Turn the server's links (written below ``MARK``) into relative links between files."""
    up = "../" * depth
    html = re.sub(re.escape(MARK) + r"/id/([^'\"#?]+)", lambda m: f"{up}id/{m.group(1)}.html", html)
    html = re.sub(re.escape(MARK) + r"/vocab/([^'\"#?]+)", lambda m: f"{up}vocab/{m.group(1)}.html", html)
    return (html.replace(f"{MARK}/ontology", f"{up}ontology.html").replace(f"{MARK}/void", f"{up}void.ttl")
            .replace(f"{MARK}/'", f"{up}index.html'").replace(MARK, up.rstrip("/") or "."))


def _nodes(kg: KnowledgeGraph) -> list[ox.NamedNode]:
    """The IRIs a page is made for: the entities of the data and the concepts."""
    store = kg.store
    skip = derived_graphs(kg)
    found = {qd.subject.value for qd in store.quads_for_pattern(None, None, None, None)
             if isinstance(qd.subject, ox.NamedNode) and not isinstance(qd.graph_name, ox.DefaultGraph)
             and qd.graph_name.value not in skip and qd.subject.value.startswith((str(PD), VOCAB))
             and pages.local_link(qd.subject.value) is not None
             and re.fullmatch(r"[A-Za-z0-9._/-]+", qd.subject.value.split("/paradiplo/", 1)[1])}
    return [ox.NamedNode(i) for i in sorted(found)]


def _engine(nquads: bytes) -> tuple[str, dict[str, bytes]]:
    """The query page's engine (inline script) and the two script files it loads."""
    wasm = base64.b64encode((VENDOR / "web_bg.wasm").read_bytes()).decode("ascii")
    web = (VENDOR / "web.js").read_text(encoding="utf-8")
    glue = r"""
const bytes = Uint8Array.from(atob(window.PARADIPLO_WASM), c => c.charCodeAt(0));
await __wbg_init({module_or_path: bytes});
const store = new Store();
store.load(window.PARADIPLO_DATA, {format: "application/n-quads"});
const form = text => ((text.replace(/#[^\n]*|<[^>\s]*>|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, ' ')
  .match(/\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i) || [, 'SELECT'])[1].toUpperCase());
window.PARADIPLO_RESOLVE(async text => /CONSTRUCT|DESCRIBE/.test(form(text))
  ? {turtle: store.query(text, {use_default_graph_as_union: true, results_format: "text/turtle"})}
  : JSON.parse(store.query(text, {use_default_graph_as_union: true, results_format: "json"})));
document.getElementById('status').textContent = 'ready: ' + store.size + ' statements loaded in your browser';
"""
    html = ("<script>window.PARADIPLO_BASE = '.'; window.PARADIPLO_PAGE_SUFFIX = '.html';"
            "const ready = new Promise(r => { window.PARADIPLO_RESOLVE = r; });"
            "window.PARADIPLO_RUN = async text => (await ready)(text);</script>"
            "<script src='oxigraph-wasm.js'></script><script src='data.js'></script>"
            f"<script type='module'>{web}\n{glue}</script>")
    files = {"oxigraph-wasm.js": f"window.PARADIPLO_WASM = '{wasm}';\n".encode(),
             "data.js": ("window.PARADIPLO_DATA = " + json.dumps(nquads.decode("utf-8")) + ";\n").encode("utf-8")}
    return html, files


def build_site(kg: KnowledgeGraph, out: Path, *, force: bool = False, progress=lambda _: None) -> list[Path]:
    """Write the static site into ``out``; return the files written."""
    out = Path(out)
    refuse_inputs(out)
    entail(kg)
    files: dict[str, bytes] = {}
    nodes = _nodes(kg)
    provenance = pages.provenance_by_entity(kg)
    for i, node in enumerate(nodes, 1):
        rel = ("id/" + node.value[len(str(PD)):]) if node.value.startswith(str(PD)) else \
              ("vocab/" + node.value[len(VOCAB):])
        depth = rel.count("/")
        name = rel.rsplit("/", 1)[-1]
        html = pages.entity_page(kg, node, MARK, rdf_links=(f"{name}.ttl", f"{name}.jsonld"), provenance=provenance)
        files[f"{rel}.html"] = relink(html, depth).encode("utf-8")
        triples = pages.statements_about(kg, node)
        files[f"{rel}.ttl"] = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
        files[f"{rel}.jsonld"] = ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b"[]"
        if i % 100 == 0:
            progress(f"{i}/{len(nodes)} pages")
    files["ontology.html"] = relink(pages.ontology_page(kg, MARK), 0).encode("utf-8")
    from ..serve.compare import default_page  # the case comparison, each cell opening its passages

    files["compare.html"] = relink(default_page(kg, MARK), 0).encode("utf-8")
    for name, fmt in DOWNLOADS.items():
        files[f"downloads/{name}"] = xp.rdf_bytes(kg, fmt)
    ex = nw.extract(kg)
    actors = xp.export_network(ex, "actors")
    files["downloads/actors.gexf"] = xp.gexf_bytes(actors)
    files["downloads/actors.graphml"] = xp.graphml_bytes(actors)
    nodes_csv, edges_csv = xp.csv_tables(actors)
    files["downloads/actors-nodes.csv"], files["downloads/actors-edges.csv"] = nodes_csv, edges_csv
    files = {n: b.encode("utf-8") if isinstance(b, str) else b for n, b in files.items()}
    sums = {n: hashlib.sha256(b).hexdigest() for n, b in files.items() if n.startswith("downloads/")}
    files["downloads/SHA256SUMS"] = "".join(f"{h}  {n.split('/', 1)[1]}\n" for n, h in sorted(sums.items())).encode()
    rows = "".join(f"<tr><td><a href='{escape(n)}'>{escape(n.split('/', 1)[1])}</a></td><td>{len(files[n]):,}</td>"
                   f"<td><code>{h}</code></td></tr>" for n, h in sorted(sums.items()))
    files["downloads.html"] = relink(_page("downloads", "<h1>Downloads</h1><p>The knowledge graph (TriG, N-Quads and "
                                    "JSON-LD keep the named graphs; the entailments are a graph of their own), "
                                    "the ontology with the data for OWL tools, and the actor network for Gephi "
                                    "and other network tools. Checksums: <a href='downloads/SHA256SUMS'>"
                                    "SHA256SUMS</a>.</p><table><tr><th>file</th><th>bytes</th><th>SHA-256</th>"
                                    f"</tr>{rows}</table>", MARK), 0).encode("utf-8")
    files["void.ttl"] = pages.void_turtle(kg, None, downloads=sorted(sums))
    nquads = files["downloads/paradiplo.nq"]
    engine, scripts = _engine(nquads)
    files.update(scripts)
    for name in ("yasgui.min.js", "yasgui.min.css"):  # the query editor, as on the server
        if (pages.VENDOR / name).is_file():
            files[f"vendor/{name}"] = (pages.VENDOR / name).read_bytes()
    index = pages.query_page(q.library(), MARK, endpoint="", engine=engine)
    index = index.replace("<a href='@@SITE@@/void'>dataset (VoID)</a>",
                          "<a href='@@SITE@@/void'>dataset (VoID)</a><a href='downloads.html'>downloads</a>")
    files["index.html"] = relink(index, 0).encode("utf-8")
    files = {n: pages.with_csp(b.decode("utf-8")).encode("utf-8") if n.endswith(".html") else b
             for n, b in files.items()}
    claim_folder(out, sorted(files), force)
    return write_folder(out, files)  # into a sibling folder, then swapped: never half-written
