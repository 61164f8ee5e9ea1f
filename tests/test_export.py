"""Exports open cleanly in the tools they are meant for."""

import csv
import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from lxml import etree
from rdflib import Dataset

from paradiplo import export as xp
from paradiplo import network as nw
from paradiplo.cli import main
from paradiplo.kg import load

from .conftest import ROOT, bundled_files

SCHEMAS = ROOT.parent / "shared" / "schemas"


@pytest.fixture(scope="module")
def ds():
    # the bundled cases alone: DKI Jakarta's size (the largest) and its spells are facts
    # about them, which a new case with Jakarta would change
    return load(bundled_files())


@pytest.fixture(scope="module")
def ex(ds):
    return nw.extract(ds)


@pytest.fixture(scope="module")
def actors(ex):
    return xp.export_network(ex, "actors")


@pytest.fixture(scope="module")
def schemas():
    if not SCHEMAS.is_dir():
        pytest.fail(f"official GEXF schemas not found at {SCHEMAS} (shared/ beside the checkout)")
    return {v: xp.gexf_schema(v) for v in ("1.3", "1.2draft")}


def test_the_one_schema_correction_is_what_the_rnc_says():
    """gexf_schema restores the ns of the viz include in the 1.2draft .rng: the .rnc
    declares it (inherit = viz), the generated .rng lost it, the 1.3 .rng kept it."""
    rnc = (SCHEMAS / "gexf-1.2draft" / "gexf.rnc").read_text()
    assert 'include "viz.rnc" inherit = viz' in rnc
    assert '<include href="viz.rng"/>' in (SCHEMAS / "gexf-1.2draft" / "gexf.rng").read_text()
    assert '<include href="viz.rng" ns="http://gexf.net/1.3/viz"/>' in (SCHEMAS / "gexf-1.3" / "gexf.rng").read_text()


@pytest.mark.parametrize("version", ["1.3", "1.2draft"])
@pytest.mark.parametrize("graph", xp.GRAPHS)
def test_gexf_is_valid_against_the_official_schema(ex, schemas, version, graph):
    G = xp.export_network(ex, graph)
    doc = etree.fromstring(xp.gexf_bytes(G, version))
    schema = schemas[version]
    assert schema.validate(doc), schema.error_log.filter_from_errors()


def test_plain_networkx_gexf_fails_the_schema(actors, schemas):
    """Why paradiplo writes GEXF itself: networkx's own output is not valid 1.2draft."""
    H = nx.Graph(name="x")
    H.add_edge("a", "b")
    buf = io.BytesIO()
    nx.write_gexf(H, buf)
    assert not schemas["1.2draft"].validate(etree.fromstring(buf.getvalue()))


def test_gexf_has_typed_attributes_colours_sizes_and_spells(actors):
    doc = etree.fromstring(xp.gexf_bytes(actors))
    ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
    types = {a.get("title"): a.get("type") for a in doc.iterfind(".//g:attributes[@class='node']/g:attribute", ns)}
    assert types["betweenness"] == "double" and types["degree"] == "integer" and types["generic"] == "boolean"
    # the label is each node's own XML attribute (Gephi's Label column), not a declared attribute
    assert "label" not in types
    labels = {n.get("id"): n.get("label") for n in doc.iterfind(".//g:nodes/g:node", ns)}
    assert labels.keys() == set(actors.nodes) and all(labels[n] == d["label"] for n, d in actors.nodes(data=True))
    assert not [v for v in doc.iterfind(".//g:attvalue", ns) if v.get("value") in ("", "None")]
    assert doc.find("g:graph", ns).get("mode") == "dynamic"
    jakarta = doc.find(".//g:node[@id='https://w3id.org/paradiplo/id/pemprov-dki-jakarta']", ns)
    assert jakarta.find("viz:color", ns) is not None
    # the node of highest betweenness (whichever it is: a new case may change it) gets the largest size
    top = max(actors, key=lambda n: actors.nodes[n]["betweenness"])
    node = doc.find(f".//g:node[@id='{top}']", ns)
    assert float(node.find("viz:size", ns).get("value")) == 50.0
    # DKI Jakarta's dated affairs: LoI 2003, MoU 2004, the Kota Tua programme 2017-2019 (002);
    # 000/001 date no Jakarta-Tokyo activity (they are only placed within 2018-2022), so none
    # gives a spell
    spells = [(s.get("start"), s.get("end")) for s in jakarta.iterfind("g:spells/g:spell", ns)]
    assert spells[0] == ("2003-01-01", "2004-12-31") and spells[-1][1] == "2019-12-31"


@pytest.mark.parametrize("version", ["1.3", "1.2draft"])
def test_gexf_reads_back_into_networkx_unchanged(actors, tmp_path, version):
    path = xp.write_gexf(actors, tmp_path / "a.gexf", version=version)
    back = nx.read_gexf(path, version=version)
    assert set(back.nodes) == set(actors.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in actors.edges}
    for n, d in actors.nodes(data=True):
        b = back.nodes[n]
        assert b["label"] == d["label"]
        for key in ("degree", "betweenness", "type", "generic", "brokerage_total"):
            assert b[key] == pytest.approx(d[key]) if isinstance(d[key], float) else b[key] == d[key]


def test_graphml_round_trip_keeps_types(actors, tmp_path):
    path = xp.safe_write(tmp_path / "a.graphml", xp.graphml_bytes(actors))
    back = nx.read_graphml(path)
    assert set(back.nodes) == set(actors.nodes) and back.number_of_edges() == actors.number_of_edges()
    for n, d in actors.nodes(data=True):
        b = back.nodes[n]
        assert isinstance(b["degree"], int) and b["degree"] == d["degree"]
        assert isinstance(b["betweenness"], float) and b["betweenness"] == pytest.approx(d["betweenness"])
        assert isinstance(b["generic"], bool) and b["generic"] == d["generic"]
        assert b["cases"] == "; ".join(d["cases"]) if d["cases"] else "cases" not in b


def test_csv_is_gephi_spreadsheet_layout(ex):
    nodes, edges = xp.csv_tables(xp.export_network(ex, "two-mode"))
    n_rows = list(csv.DictReader(io.StringIO(nodes)))
    e_rows = list(csv.DictReader(io.StringIO(edges)))
    assert list(n_rows[0])[:2] == ["Id", "Label"] and "Interval" in n_rows[0]
    assert list(e_rows[0])[:4] == ["Source", "Target", "Type", "Weight"]
    assert {r["Type"] for r in e_rows} == {"Undirected"}
    assert all(float(r["Weight"]) >= 1 for r in e_rows)
    interval = next(r["Interval"] for r in n_rows if r["Id"].endswith("agreement-jakarta-hanoi-mou-2004"))
    assert interval == "<[2004-01-01, 2004-12-31]>"
    ids = {r["Id"] for r in n_rows}
    assert all(r["Source"] in ids and r["Target"] in ids for r in e_rows)


def test_jsonld_expands_back_to_the_same_quads(ds):
    """Read back by another JSON-LD processor (Oxigraph's), the export is the same dataset:
    the same quads in the same named graphs, blank nodes compared in canonical form (RDFC
    labels, Oxigraph's canonicalize: a fraction of a second where rdflib's isomorphic on
    the merged triples took seconds, and stronger, since graph names count)."""
    import pyoxigraph as ox

    from paradiplo.kg import ENTAILMENT_GRAPH, named_quads

    data = xp.rdf_bytes(ds, "jsonld")
    doc = json.loads(data)
    assert isinstance(doc["@context"], dict), "compacted with the shipped context, not a remote one"
    back, ours = ox.Dataset(ox.parse(data, format=ox.RdfFormat.JSON_LD)), ox.Dataset(named_quads(ds))
    for dataset in (back, ours):
        dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    assert len(back) == len(ours) > 3000 and set(back) == set(ours)
    names = {q.graph_name.value for q in back if isinstance(q.graph_name, ox.NamedNode)}
    assert "https://w3id.org/paradiplo/id/case-jakarta-hanoi" in names  # named graphs kept
    assert str(ENTAILMENT_GRAPH) in names  # the entailments, so queries run on any store


def test_a_case_export_has_no_entailments(ds):
    from paradiplo.kg import ENTAILMENT_GRAPH

    assert str(ENTAILMENT_GRAPH) not in xp.rdf_bytes(ds, "nquads", case="jakarta-hanoi").decode()


@pytest.mark.parametrize("fmt, parse_as", [("turtle", "turtle"), ("trig", "trig"), ("nquads", "nquads")])
def test_rdf_exports_parse(ds, fmt, parse_as):
    data = xp.rdf_bytes(ds, fmt)
    back = Dataset().parse(data=data, format=parse_as)
    assert sum(1 for _ in back.quads()) > 3000


def test_one_case_only(ds):
    back = Dataset().parse(data=xp.rdf_bytes(ds, "trig", case="jakarta-hanoi"), format="trig")
    names = {str(g.identifier) for g in back.graphs() if len(g)}
    assert names == {"https://w3id.org/paradiplo/id/case-jakarta-hanoi"}


def test_pictures_are_deterministic_and_non_trivial(actors):
    png1, png2 = xp.picture_bytes(actors, "png"), xp.picture_bytes(actors, "png")
    assert png1[:8] == b"\x89PNG\r\n\x1a\n" and len(png1) > 30_000
    assert png1 == png2
    svg = xp.picture_bytes(actors, "svg").decode()
    assert svg == xp.picture_bytes(actors, "svg").decode()
    assert "Provincial Government of DK" in svg and "provincial government" in svg  # label and legend


def test_html_page_is_self_contained(actors, ds):
    page = xp.html_text(actors, xp.node_sources(ds))
    external = re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert external == [] and "<script src" not in page and "@import" not in page
    data = json.loads(re.search(r"const DATA = (\{.*?\});\n", page, re.S).group(1))
    assert len(data["nodes"]) == actors.number_of_nodes()
    kemlu = next(n for n in data["nodes"] if n["id"].endswith("kemlu-ri"))
    assert kemlu["sources"] and kemlu["sources"][0]["locator"] == "VI.1 Kesimpulan, para. 2"
    assert 'id="search"' in page


def test_existing_foreign_file_needs_force(tmp_path, actors):
    target = tmp_path / "mine.gexf"
    target.write_text("a researcher's own file")
    with pytest.raises(xp.ExportError, match="--force"):
        xp.write_gexf(actors, target)
    assert target.read_text() == "a researcher's own file"
    xp.write_gexf(actors, target, force=True)
    xp.write_gexf(actors, target)  # now paradiplo's own: replaced without --force


def test_export_cli(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["export", "gexf", "--graph", "cities", "-o", str(tmp_path / "c.gexf")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["export", "csv", "--graph", "actors", "--case", "jakarta-hanoi",
                                  "-o", str(tmp_path / "csv")])
    assert result.exit_code == 0 and (tmp_path / "csv" / "nodes.csv").exists()
    bad = runner.invoke(main, ["export", "png", "--size-by", "nonsense", "-o", str(tmp_path / "x.png")])
    assert bad.exit_code == 2 and "not a measure" in bad.output
    (tmp_path / "keep.ttl").write_text("# mine")
    refused = runner.invoke(main, ["export", "turtle", "-o", str(tmp_path / "keep.ttl")])
    assert refused.exit_code == 2 and "--force" in refused.output


def test_build_fills_out_export(built):
    _, tmp_path = built
    names = {p.name for p in (tmp_path / "export").iterdir()}
    for expected in ("actors.gexf", "actors-1.2draft.gexf", "two-mode.graphml", "csv-actors", "actors.png",
                     "actors.svg", "actors.html", "paradiplo.ttl", "paradiplo.trig", "paradiplo.nq",
                     "paradiplo.jsonld"):
        assert expected in names
    assert Path(tmp_path / "export" / "csv-actors" / "edges.csv").stat().st_size > 100


# The exports' independence of the hash seed: tests/test_cli.py::test_build_twice_gives_identical_out
# (a second build of everything, export/ included, in a process with another seed).


def test_core_is_the_largest_component_laid_out_anew(actors):
    """--core keeps the largest connected component: on the four bundled cases, the
    Jakarta-Tokyo-Seoul component (source 003 and the Jakarta cases) holds more actors than
    Semarang-Jung-gu's; the picture of it is drawn with the colours of the kinds of actor."""
    import networkx as nx

    from paradiplo.export.networks import largest_component
    from paradiplo.export.pictures import picture_bytes

    core = largest_component(actors)
    assert nx.is_connected(core) and len(core) < len(actors)
    assert "https://w3id.org/paradiplo/id/tokyo-metropolitan-government" in core
    assert "https://w3id.org/paradiplo/id/semarang-city-government" not in core
    assert picture_bytes(core, "png", colour_by="kind").startswith(b"\x89PNG")


def test_a_control_character_in_a_label_is_a_located_error_not_a_bug(tmp_path):
    """XML cannot carry U+0001: GEXF, GraphML and the site (which offers both) refuse it
    with the node and the character (exit 2), and the site writes nothing."""
    from paradiplo import export as xp
    from paradiplo import network as nw
    from paradiplo.errors import ExportError
    from paradiplo.kg import load
    from paradiplo.site import build_site

    root = Path(__file__).resolve().parents[1]
    case = tmp_path / "control.trig"
    case.write_text((root / "data" / "cases" / "jakarta-hanoi.trig").read_text(encoding="utf-8")
                    .replace('rdfs:label "', 'rdfs:label "\\u0001'), encoding="utf-8")
    ds = load([case])
    actors = xp.export_network(nw.extract(ds), "actors")
    for write, fmt in ((xp.gexf_bytes, "GEXF"), (xp.graphml_bytes, "GraphML")):
        with pytest.raises(ExportError, match=rf"^pd:\S+: its label .* U\+0001, which {fmt} \(XML\) cannot carry"):
            write(actors)
    with pytest.raises(ExportError, match="U\\+0001"):
        build_site(ds, tmp_path / "site")
    assert not (tmp_path / "site").exists()
