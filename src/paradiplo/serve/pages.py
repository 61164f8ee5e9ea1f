"""The HTML pages and the dataset description of :mod:`paradiplo.serve` (and of the static
site): plain HTML, no script from elsewhere, every text escaped.

Examples
--------
>>> from paradiplo.kg import load
>>> page = entity_page(load(), ox.NamedNode("https://w3id.org/paradiplo/id/agreement-jakarta-hanoi-mou-2004"))
>>> "2004-11-23" in page and "Source 002" in page
True
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import defaultdict
from html import escape
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal

from .. import __version__
from .. import query as q
from ..kg import KnowledgeGraph, carried_graphs, derived_graphs, rows
from ..kg.labels import curie, pick
from ..kg.terms import native_term
from ..namespaces import PD, PREFIXES, VOCAB

_STYLE = """
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 1.5rem;color:#222}
h1{font-size:1.5rem;margin-bottom:.2rem} .id{color:#555;font-size:.9rem} table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#f4f4f4} .quote{font-style:italic;color:#333} .basis{color:#666;font-size:.8rem}
nav a{margin-right:1rem} textarea{width:100%;height:14rem;font-family:monospace;font-size:.9rem}
.err{color:#a00;white-space:pre-wrap} select{max-width:100%}
"""


#: What a page may load and run: its own files, its inline scripts by their hashes, the
#: WebAssembly query engine of the static site; no plugin, no other origin, no inline
#: event handler and no ``javascript:`` link (both need 'unsafe-inline', never given).
_POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self' 'unsafe-inline'; "
           "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
           "form-action 'self'")
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>(.*?)</script>", re.S | re.I)


def content_security_policy(html: str) -> str:
    """The Content-Security-Policy of a page: :data:`_POLICY` with the hash of each of the
    page's inline scripts.

    >>> content_security_policy("<script>run()</script>").split("; ")[1]  # sha256 by openssl too
    "script-src 'self' 'wasm-unsafe-eval' 'sha256-AvyuiL0SD1mVY3NNxR+V2uo+lhk6RMFrytWmRt6CrJQ='"
    """
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode()
                     + "'" for m in _INLINE_SCRIPT.finditer(html)})
    return _POLICY.format(hashes=" ".join(hashes)).replace("  ", " ")


def with_csp(html: str) -> str:
    """``html`` with its Content-Security-Policy as a ``<meta>`` at the top of its head (for
    pages that are files, as on the static site). Call it on the finished page."""
    meta = f"<meta http-equiv='Content-Security-Policy' content=\"{escape(content_security_policy(html))}\">"
    return html.replace("<meta charset='utf-8'>", "<meta charset='utf-8'>" + meta, 1)


def _page(title: str, body: str, base: str = "") -> str:
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width,initial-scale=1'><title>{escape(title)} · paradiplo"
            f"</title><style>{_STYLE}</style></head><body><nav><a href='{base}/'>query</a>"
            f"<a href='{base}/ontology'>ontology</a><a href='{base}/void'>dataset (VoID)</a></nav>{body}"
            f"<footer class='basis'><p>paradiplo {escape(__version__)} — a knowledge graph of paradiplomacy actors"
            f"</p></footer></body></html>")


def local_link(iri: str, base: str = "") -> str | None:
    """The page of a paradiplo IRI below ``base`` (/id/x, /vocab/s/x, /ontology#X), else None."""
    if iri.startswith(str(PD)) and "/" not in iri[len(str(PD)):]:
        return f"{base}/id/{iri[len(str(PD)):]}"
    if iri.startswith(VOCAB) and re.fullmatch(r"[^/]+/[^/]+", iri[len(VOCAB):]):  # a concept, not a scheme
        return f"{base}/vocab/{iri[len(VOCAB):]}"
    if iri.startswith(PREFIXES["pdo"]):
        return f"{base}/ontology#{iri[len(PREFIXES['pdo']):]}"
    return None


def web_href(iri: str) -> str | None:
    """``iri`` as the target of a link if it is an http or https address, else None: an IRI
    from the data with another scheme (``javascript:``, ``data:``, ``file:``) is shown as
    text, never as a link that could run code or open a file.

    >>> web_href("https://www.wikidata.org/entity/Q3630"), web_href("javascript:alert(1)")
    ('https://www.wikidata.org/entity/Q3630', None)
    """
    return iri if re.match(r"https?://", iri, re.I) else None


def _link(term, labels: dict, base: str) -> str:
    if isinstance(term, ox.NamedNode):
        text = escape(labels.get(term.value) or curie(term.value))
        href = local_link(term.value, base) or web_href(term.value)
        return f"<a href='{escape(href)}'>{text}</a>" if href else f"<span class='iri'>{text}</span>"
    if isinstance(term, ox.Literal):
        lang = f" <span class='basis'>@{escape(term.language)}</span>" if term.language else ""
        return escape(term.value) + lang
    return "[…]"


def statements_about(kg: KnowledgeGraph, node: ox.NamedNode) -> list[ox.Triple]:
    """The stated triples about ``node`` with the blank nodes they lead to (citations,
    participations and their citations), from the named graphs, without entailments."""
    store = kg.store
    skip = derived_graphs(kg)
    out, seen, todo = [], set(), [node]
    while todo:
        s = todo.pop()
        for quad in store.quads_for_pattern(s, None, None, None):
            if isinstance(quad.graph_name, ox.DefaultGraph) or quad.graph_name.value in skip:
                continue
            if quad.triple not in seen:
                seen.add(quad.triple)
                out.append(quad.triple)
                if isinstance(quad.object, ox.BlankNode):
                    todo.append(quad.object)
    return out


def _labels(kg: KnowledgeGraph, iris) -> dict[str, str]:
    """English (else any) labels of some IRIs."""
    iris = sorted({i for i in iris if i and i.startswith(("http://", "https://")) and not set(i) & set(' <>"{}|^`\\')})
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in iris)
    found: dict[str, list] = {}
    for r in rows(kg, f"SELECT ?x ?l (LANG(?l) AS ?lang) WHERE {{ VALUES ?x {{ {values} }} "
                      "?x rdfs:label|skos:prefLabel ?l }"):
        found.setdefault(str(r["x"]), []).append(Literal(str(r["l"]), lang=r["lang"] or None))
    return {k: pick(ls) for k, ls in found.items()}


def provenance_by_entity(kg: KnowledgeGraph) -> dict[str, list[dict]]:
    """The provenance query's rows for every entity at once (its ``entity`` parameter left
    unbound: the same rows as one run per entity, in a third of the time of the 3,400 runs
    a site needs), keyed by the entity's IRI."""
    out: dict[str, list[dict]] = defaultdict(list)
    for r in q.run(kg, q.library()["provenance"].text, {}, timeout=None).rows:
        out[str(r["entity"])].append(r)
    return out


def entity_page(kg: KnowledgeGraph, node: ox.NamedNode, base: str = "", rdf_links: tuple[str, str] = ("?format=turtle",
                "?format=jsonld"), provenance: dict[str, list[dict]] | None = None) -> str:
    """An entity's page: its labels in English and Indonesian, types, every statement with
    the passage that states it (the provenance query, or its rows from
    :func:`provenance_by_entity` when a caller makes many pages), and the entities that
    point to it."""
    store = kg.store
    skip = derived_graphs(kg)
    stated = [qd for qd in store.quads_for_pattern(node, None, None, None)
              if not isinstance(qd.graph_name, ox.DefaultGraph) and qd.graph_name.value not in skip]
    incoming = sorted({(qd.subject.value, qd.predicate.value) for qd in store.quads_for_pattern(None, None, node, None)
                       if isinstance(qd.subject, ox.NamedNode) and not isinstance(qd.graph_name, ox.DefaultGraph)
                       and qd.graph_name.value not in skip})
    graphs = sorted({qd.graph_name.value for qd in stated})
    labels_by_lang = defaultdict(list)
    label_properties = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel")
    for qd in stated:
        if qd.predicate.value in label_properties and isinstance(qd.object, ox.Literal):
            labels_by_lang[qd.object.language or ""].append(qd.object.value)
    iris = {qd.predicate.value for qd in stated} | {qd.object.value for qd in stated
                                                    if isinstance(qd.object, ox.NamedNode)}
    iris |= {s for s, _ in incoming} | {p for _, p in incoming} | set(graphs)
    labels = _labels(kg, iris)
    title = (labels_by_lang.get("en") or labels_by_lang.get("") or [curie(node.value)])[0]
    head = f"<h1>{escape(title)}</h1><p class='id'>{escape(node.value)}</p>"
    if labels_by_lang:
        head += "<p>" + "<br>".join(f"<b>{escape(lang or '—')}</b>: {escape('; '.join(sorted(set(v))))}"
                                    for lang, v in sorted(labels_by_lang.items())) + "</p>"
    types = sorted({qd.object.value for qd in stated
                    if qd.predicate.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"})
    head += "<p>type: " + ", ".join(_link(ox.NamedNode(t), labels, base) for t in types) + "</p>"
    if graphs:
        head += "<p>in: " + ", ".join(_link(ox.NamedNode(g), labels, base) if g.startswith(str(PD["case-"]))
                                      else escape(labels.get(g) or curie(g)) for g in graphs) + "</p>"
    body = head + _provenance_table(kg, node, labels, base, stated, provenance)
    if incoming:
        body += "<h2>Pointed to by</h2><table><tr><th>entity</th><th>property</th></tr>" + "".join(
            f"<tr><td>{_link(ox.NamedNode(s), labels, base)}</td><td>{_link(ox.NamedNode(p), labels, base)}</td></tr>"
            for s, p in incoming[:500]) + "</table>"
    body += (f"<p class='basis'>Also as <a href='{escape(rdf_links[0])}'>Turtle</a> and "
             f"<a href='{escape(rdf_links[1])}'>JSON-LD</a>.</p>")
    return _page(title, body, base)


def _provenance_table(kg, node, labels, base, stated, provenance=None) -> str:
    """Statements grouped by property, each with its passage(s) (queries/provenance.rq)."""
    rows_ = []
    if any(qd.graph_name.value.startswith(str(PD["case-"])) for qd in stated):
        if provenance is not None:
            rows_ = provenance.get(node.value, [])
        else:
            rows_ = q.run(kg, q.library()["provenance"].text, {"entity": node}, timeout=None).rows
    if not rows_:  # not a case entity (an ontology term, a concept, a source): plain statements
        rows_ = [{"property": qd.predicate.value, "value": qd.object, "basis": None} for qd in stated
                 if not isinstance(qd.object, ox.BlankNode)]
    more = _labels(kg, {str(r["property"]) for r in rows_} | {_ox(r["value"]).value for r in rows_
                                                             if r.get("value") is not None})
    labels = {**more, **labels}
    grouped = defaultdict(list)
    for r in rows_:
        grouped[str(r["property"])].append(r)
    out = ["<h2>Statements and their passages</h2><table><tr><th>property</th><th>value</th>"
           "<th>stated by</th></tr>"]
    def order(r) -> tuple:  # a blank node's label changes with every load: never part of the order
        value = r.get("value")
        return tuple("" if v is None or isinstance(v, BNode | ox.BlankNode) else str(v)
                     for v in (r.get("via"), value, r.get("basis"), r.get("source"), r.get("locator"), r.get("quote"),
                               r.get("reason")))

    for prop in sorted(grouped, key=lambda p: (labels.get(p) or curie(p)).lower()):
        for i, r in enumerate(sorted(grouped[prop], key=order)):
            value = r.get("value")
            value_html = _link(_ox(value), labels, base) if value is not None else ""
            if r.get("via"):
                value_html = f"<span class='basis'>in {escape(curie(str(r['via'])))}:</span> " + value_html
            basis = ""
            if r.get("basis") is not None:
                if r.get("quote") is not None:
                    basis = (f"<span class='quote'>“{escape(str(r['quote']))}”</span><br>"
                             f"<span class='basis'>{escape(str(r.get('source') or ''))}, "
                             f"{escape(str(r.get('locator') or ''))}</span>")
                elif r.get("reason") is not None:
                    kind = f" ({escape(curie(str(r['editorial'])))})" if r.get("editorial") else ""
                    basis = f"<span class='basis'>editorial{kind}:</span> {escape(str(r['reason']))}"
                else:
                    basis = f"<span class='basis'>{escape(str(r['basis']))}</span>"
            name = _link(ox.NamedNode(prop), labels, base) if i == 0 else ""
            out.append(f"<tr><td>{name}</td><td>{value_html}</td><td>{basis}</td></tr>")
    out.append("</table>")
    return "".join(out)


def _ox(term):
    """An rdflib or pyoxigraph term as a pyoxigraph term."""
    return term if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode) else native_term(term)


def ontology_page(kg: KnowledgeGraph, base: str = "") -> str:
    """Every class and property of the ontology with its labels and definition (anchors
    are the local names, so ``/ontology#Embassy`` opens at the class)."""
    terms = rows(kg, """
        SELECT ?t ?kind (SAMPLE(?en) AS ?label) (SAMPLE(?id) AS ?labelId) (SAMPLE(?d) AS ?definition) WHERE {
          VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }
          ?t a ?kind . FILTER (STRSTARTS(STR(?t), STR(pdo:)))
          OPTIONAL { ?t rdfs:label ?en FILTER (LANG(?en) = "en") }
          OPTIONAL { ?t rdfs:label ?id FILTER (LANG(?id) = "id") }
          OPTIONAL { ?t skos:definition ?d }
        } GROUP BY ?t ?kind ORDER BY ?kind ?t""", inference=False)
    examples = defaultdict(list)  # term -> up to three uses in the case graphs
    for r in rows(kg, """SELECT DISTINCT ?t ?x WHERE { GRAPH ?g { ?x a ?t } FILTER (STRSTARTS(STR(?g), STR(pd:case-)))
                         FILTER (isIRI(?x)) } ORDER BY ?t ?x""", inference=False):
        if len(examples[str(r["t"])]) < 3:
            examples[str(r["t"])].append(ox.NamedNode(str(r["x"])))
    for r in rows(kg, """SELECT ?p (MIN(STR(?x)) AS ?s) WHERE { GRAPH ?g { ?x ?p ?o } FILTER (isIRI(?x))
                         FILTER (STRSTARTS(STR(?g), STR(pd:case-))) } GROUP BY ?p""", inference=False):
        examples[str(r["p"])].append(ox.NamedNode(str(r["s"])))
    labels = _labels(kg, {x.value for xs in examples.values() for x in xs})
    out = ["<h1>The paradiplo ontology</h1><p class='id'>https://w3id.org/paradiplo/ontology#</p>",
           "<table><tr><th>term</th><th>English</th><th>Indonesian</th><th>definition</th><th>in the data</th></tr>"]
    for r in terms:
        local = str(r["t"]).rsplit("#", 1)[-1]
        kind = str(r["kind"]).rsplit("#", 1)[-1]
        used = ", ".join(_link(x, labels, base) for x in examples.get(str(r["t"]), []))
        out.append(f"<tr id='{escape(local)}'><td><code>pdo:{escape(local)}</code><br><span class='basis'>"
                   f"{escape(kind)}</span></td><td>{escape(str(r['label'] or ''))}</td>"
                   f"<td>{escape(str(r['labelId'] or ''))}</td><td>{escape(str(r['definition'] or ''))}</td>"
                   f"<td>{used}</td></tr>")
    out.append("</table>")
    return _page("ontology", "".join(out), base)


def query_page(library: dict, base: str = "", endpoint: str | None = None, engine: str = "") -> str:
    """The query page: an editor with the named queries as examples; it sends the query
    to the endpoint and shows the rows (no script from elsewhere: it works offline)."""
    endpoint = endpoint if endpoint is not None else f"{base}/sparql"
    options = "".join(f"<option value='{escape(n)}'>{escape(x.title or n)}</option>"
                      for n, x in sorted(library.items()))
    texts = {n: x.text for n, x in library.items()}
    import json

    params = {n: [{"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                  for p in x.parameters] for n, x in library.items() if x.parameters}
    script = (_QUERY_SCRIPT.replace("__QUERIES__", json.dumps(texts).replace("</", "<\\/"))
              .replace("__PARAMS__", json.dumps(params).replace("</", "<\\/"))
              .replace("__PREFIXES__", json.dumps({k: str(v) for k, v in PREFIXES.items()}))
              .replace("__ENDPOINT__", json.dumps(endpoint)))
    where = (f"SPARQL 1.1 endpoint: <code>{escape(endpoint)}</code> (GET or POST; results as JSON, XML, CSV or "
             f"TSV by Accept)." if not engine else "The queries run in your browser, over the published data "
             "(Oxigraph compiled to WebAssembly); no server is asked.")
    body = (f"<h1>Ask the knowledge graph</h1><p>{where} Pick an example or write your own; an example with "
            f"parameters shows a field for each, filled with its default.</p>"
            f"<p><select id='examples'><option value=''>— examples from the query library —</option>{options}"
            f"</select></p><div id='params' class='basis'></div>"
            f"<textarea id='query' spellcheck='false'>SELECT ?case ?label WHERE {{ ?case a "
            f"&lt;https://w3id.org/paradiplo/ontology#Case&gt; ; &lt;http://www.w3.org/2000/01/rdf-schema#label&gt;"
            f" ?label }}</textarea><p><button id='run'>Run</button> <span id='status' class='basis'></span></p>"
            f"<div id='error' class='err'></div><div id='results'></div>{_editor(base)}{engine}"
            f"<script>{script}</script>")
    return _page("query", body, base)


_QUERY_SCRIPT = (Path(__file__).parent / "query.js").read_text(encoding="utf-8")



VENDOR = Path(__file__).parent / "vendor"


def _editor(base: str) -> str:
    """The vendored YASQE editor (stylesheet and script), when the files are there."""
    if not (VENDOR / "yasgui.min.js").is_file():
        return ""
    return (f"<link rel='stylesheet' href='{base}/vendor/yasgui.min.css'>"
            f"<script src='{base}/vendor/yasgui.min.js'></script>")


def not_found(what: str, base: str = "") -> str:
    body = (f"<h1>Not in the knowledge graph</h1><p>Nothing is recorded about <code>{escape(what)}</code>.</p>"
            f"<p>Entities are at <code>{escape(base)}/id/NAME</code> (for <code>https://w3id.org/paradiplo/id/"
            f"NAME</code>); the <a href='{escape(base)}/'>query page</a> finds them, e.g. by label.</p>")
    return _page("not found", body, base)


def _count(store, graphs) -> int:
    return sum(1 for g in graphs for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(g)))


def void_turtle(kg: KnowledgeGraph, endpoint_base: str | None, downloads: list[str] = ()) -> bytes:
    """A VoID and DCAT description of the dataset: statements, graphs, licence, sources,
    the SPARQL endpoint (when served) and the downloads (relative paths, on the site)."""
    store = kg.store
    graphs = [g.value for g in carried_graphs(kg)]
    sources = [str(r["s"]) for r in rows(kg, "SELECT DISTINCT ?s WHERE { ?s a pdo:Source }", inference=False)]
    lines = [
        "@prefix void: <http://rdfs.org/ns/void#> .", "@prefix dcat: <http://www.w3.org/ns/dcat#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .", "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "", "<https://w3id.org/paradiplo/id/dataset> a void:Dataset , dcat:Dataset ;",
        '    dcterms:title "paradiplo: a knowledge graph of paradiplomacy actors"@en ,',
        '        "paradiplo: graf pengetahuan aktor paradiplomasi"@id ;',
        "    dcterms:license <https://opensource.org/licenses/MIT> ;",
        f'    void:triples "{_count(store, graphs)}"^^xsd:integer ;',
        "    void:vocabulary <https://w3id.org/paradiplo/ontology#> ;",
    ]
    if endpoint_base:
        lines += [f"    void:sparqlEndpoint <{endpoint_base}/sparql> ;",
                  f"    dcat:distribution [ a dcat:Distribution ; dcat:accessURL <{endpoint_base}/sparql> ;"
                  ' dcterms:title "SPARQL endpoint"@en ] ;']
    lines += [f"    void:dataDump <{d}> ; dcat:distribution [ a dcat:Distribution ; dcat:downloadURL <{d}> ] ;"
              for d in downloads]
    lines += [f"    dcterms:source <{s}> ;" for s in sources]
    lines += [f"    void:subset [ a void:Dataset ; void:inDataset <https://w3id.org/paradiplo/id/dataset> ;"
              f" dcterms:identifier <{g}> ] ;" for g in graphs]
    lines[-1] = lines[-1].rstrip(" ;") + " ."
    return ("\n".join(lines) + "\n").encode("utf-8")
