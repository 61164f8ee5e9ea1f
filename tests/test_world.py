"""The world sister-city list: reading, entity resolution, import, and analyses.

tests/world/sample.csv is a hand-made sample in the list's format. By hand:
  * lines 12-15 are malformed (empty country; a coordinate that is not a number;
    three fields), line 12 is a self-pair (Semarang with itself);
  * "Bunkyō" and "Bunkyo" (Japan, same place) are one place: same normalised name;
  * "Seoul – Mapo" and "Mapo (Seoul)" are one district within Seoul;
  * "Vagarshapat"/"Vagharshapat" (similarity 0.96, 0 km) are one place;
  * "Springfield" (United States) comes with coordinates ~1,200 km apart: the list
    names cities only by name and country, so it is one place, flagged for review.
"""

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from paradiplo import world
from paradiplo.kg import load
from paradiplo.namespaces import PDO
from paradiplo.validate import validate_files

SAMPLE = Path(__file__).parent / "world" / "sample.csv"


def test_normalise_and_districts():
    assert world.normalise("Bunkyō") == world.normalise("Bunkyo") == "bunkyo"
    assert world.split_district("Seoul – Mapo") == ("Seoul", "Mapo")
    assert world.split_district("Stari Grad (Sarajevo)") == ("Sarajevo", "Stari Grad")
    assert world.split_district("Rio de Janeiro") is None


def test_great_circle_distance():
    # Paris (48.8566, 2.3522) to London (51.5074, -0.1278): about 343.6 km
    assert world.distance_km((48.8566, 2.3522), (51.5074, -0.1278)) == pytest.approx(343.6, abs=0.5)


def test_malformed_rows_are_reported_by_line():
    problems = []
    rows = list(world.read_rows(SAMPLE, problems))
    assert [p.line for p in problems] == [13, 14, 15]
    assert "empty" in problems[0].reason and "coordinates" in problems[1].reason and "fields" in problems[2].reason
    assert len(rows) == 11


@pytest.fixture(scope="module")
def sample_import(tmp_path_factory):
    out = tmp_path_factory.mktemp("world")
    return world.import_sister_cities(SAMPLE, out, countries=world.links.case_countries(load())), out


def test_resolution_of_the_sample(sample_import):
    report, out = sample_import
    decisions = list(__import__("csv").DictReader(open(out / "merge-report.csv", encoding="utf-8")))
    merged = {frozenset((d["name_a"], d["name_b"])) for d in decisions if d["decision"] == "merged"}
    assert frozenset(("Bunkyo", "Bunkyō")) in merged
    assert frozenset(("Mapo (Seoul)", "Seoul – Mapo")) in merged
    assert frozenset(("Vagarshapat", "Vagharshapat")) in merged
    review = [d for d in decisions if d["decision"] == "review"]
    assert [(d["name_a"], d["name_b"]) for d in review] == [("Springfield", "Springfield")]
    # places: Jakarta, Seoul, Hanoi, Tokyo, Mapo (district), Bunkyo, Vagarshapat, Springfield, Semarang
    assert report.places == 9 and report.districts == 1
    assert report.self_pairs == 1 and report.pairs == 10
    assert [p.line for p in report.problems] == [13, 14, 15]


def test_district_is_within_its_city(sample_import):
    _, out = sample_import
    text = (out / "sister-cities.nq").read_text()
    district = "<https://w3id.org/paradiplo/id/world-district-south-korea--seoul-mapo>"
    assert f"{district} <https://w3id.org/paradiplo/ontology#withinPlace> " \
           "<https://w3id.org/paradiplo/id/world-city-south-korea--seoul>" in text
    # case countries are shared with the bundled cases
    jakarta = "<https://w3id.org/paradiplo/id/world-city-indonesia--jakarta>"
    assert f"{jakarta} <https://w3id.org/paradiplo/ontology#country> <https://w3id.org/paradiplo/id/indonesia>" in text


def test_import_is_idempotent(sample_import, tmp_path):
    _, out = sample_import
    again = world.import_sister_cities(SAMPLE, tmp_path, countries=world.links.case_countries(load()))
    assert (tmp_path / "sister-cities.nq").read_bytes() == (out / "sister-cities.nq").read_bytes()
    assert again.checksum == sample_import[0].checksum


def test_nothing_is_invented(sample_import):
    _, out = sample_import
    text = (out / "sister-cities.nq").read_text()
    for invented in ("signedOn", "establishedBy", "#status>", "#partner>", "startDate"):
        assert invented not in text


def test_overrides_force_or_forbid_a_merge(tmp_path, monkeypatch):
    overrides = tmp_path / "merge-overrides.csv"
    overrides.write_text("name_a,country_a,name_b,country_b,decision,note\n"
                         "Vagarshapat,Armenia,Vagharshapat,Armenia,separate,checked: two spellings kept apart\n")
    monkeypatch.setattr(world.to_rdf, "overrides_path", lambda: overrides)
    report = world.import_sister_cities(SAMPLE, tmp_path / "out")
    assert report.places == 10


def test_imported_graph_passes_validation(sample_import):
    _, out = sample_import
    report = validate_files([out / "sister-cities.nq"])
    assert report.count("violation") == 0, [f.message for f in report.findings if f.severity == "Violation"]
    assert {f.shape for f in report.findings} <= {"pdsh:MentionedPartnershipShape", "pdsh:CityIdentifierShape"}


def test_power_law_fit_recovers_a_known_exponent():
    import numpy as np
    rng = np.random.default_rng(3)
    # a power law with alpha = 2.5 above k = 10, discretised by rounding (the approximate
    # MLE is accurate for kmin >~ 6, Clauset et al. 2009), below it a flat body
    tail = np.floor((10 - 0.5) * (1 - rng.random(20000)) ** (-1 / 1.5) + 0.5).astype(int)
    body = rng.integers(1, 10, 20000)
    fit = world.power_law_tail(list(tail) + list(body))
    assert fit["kmin"] == 10
    assert fit["alpha"] == pytest.approx(2.5, abs=0.1)


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    """The whole world step on the real list, once for this file.

    To keep the suite fast, the betweenness of the largest component (about 14,000 places)
    is estimated from 50 sampled sources here (networkx, about 2 s) instead of computed exactly: the exact
    igraph Brandes took about 14 of this fixture's 28 s CPU, no test reads the world's
    betweenness values, and the exact igraph computation is checked against networkx in
    ``tests/test_network.py::test_igraph_betweenness_and_closeness_equal_networkx`` (the
    sampled one in ``test_sampled_betweenness_states_its_error``). Every other figure is
    computed as ``paradiplo world`` computes it."""
    from paradiplo import network as nw

    if not world.default_input().exists():
        pytest.fail(f"the shared world list is missing at {world.default_input()}")
    out = tmp_path_factory.mktemp("world-full")
    exact = nw.betweenness
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(nw, "betweenness", lambda G, **kw: exact(G, **{"k": 50, **kw}))
        summary, cached = world.run(load(), out_dir=out)
    assert not cached
    assert summary["betweenness_method"].startswith("sampled: 50 of ")
    return summary, out


def test_world_headline_figures(full):
    s, out = full
    # SOURCE.md profiles the raw list: 17,717 (name, country) keys, 25,914 pairs, largest
    # component 79.7 %, assortativity +0.376. After merging spellings and skipping
    # malformed rows the figures must stay close to that.
    assert 17_000 < s["nodes"] < 17_800 and 25_000 < s["edges"] < 25_914
    assert 0.75 < s["largest_component_share"] < 0.82
    assert 0.3 < s["assortativity"] < 0.45
    assert s["top_degree"][0]["place"] == "Bethlehem"  # SOURCE.md: max degree 74 (Bethlehem)
    assert s["mean_shortest_path_largest_component"]["se"] < 0.2
    geo = s["geography"]
    assert geo["median_km"]["observed"] == pytest.approx(1007, rel=0.05)  # SOURCE.md: median 1,007 km
    assert geo["median_km"]["z"] < -10  # twinned cities lie much closer than in the degree-preserving null
    assert geo["assortativity"]["z"] > 10


def test_world_case_links_and_disagreements(full):
    s, out = full
    links = s["case_links"]
    # the bundled cases' cities found in the list (a new case adds its own); Jung-gu is unidentified (004)
    assert {"jakarta", "tokyo", "seoul", "hanoi", "semarang", "taipei", "toyama"} <= set(links["links"])
    assert "jung-gu" not in links["links"]
    # 003's bibliography names Semarang-Toyama; the list does not have it
    assert {"partnership": "partnership-semarang-toyama", "cities": ["semarang", "toyama"],
            "why": "not in the list"} in links["case_partnerships_not_in_list"]
    # Jung-gu is unidentified (004), so its partnership cannot be checked
    assert any(d["cities"] == ["jung-gu", "semarang"] and d["why"].startswith("cannot be checked")
               for d in links["case_partnerships_not_in_list"])
    seoul = {p["place"] for p in links["neighbourhoods"]["seoul"]["partners"]}
    assert {"Tokyo", "Taipei"} <= seoul


def test_world_outputs_and_cache(full):
    s, out = full
    for name in ("summary.json", "top-cities-degree.csv", "top-countries.csv", "country-communities.csv",
                 "case-neighbourhoods.csv", "case-disagreements.csv", "degree-distribution.png", "map.png",
                 "world.gexf", "world.graphml", "merge-report.csv"):
        assert (out / name).stat().st_size > 100, name
    assert json.loads((out / "summary.json").read_text())["input_key"] == s["input_key"]
    again, cached = world.run(load(), out_dir=out)
    assert cached and again["nodes"] == s["nodes"]


def test_build_includes_the_world_analysis(full, built, tmp_path):
    from click.testing import CliRunner

    from paradiplo.cli import main

    _, out = full
    # the analysis of the `full` fixture is reused through the cache: same input, same key
    target = tmp_path / "out"
    (target / "world").mkdir(parents=True)
    for name in ("summary.json", "import.json", "sister-cities.nq", "world-entailments.nq", "case-links.nq"):
        (target / "world" / name).write_bytes((out / name).read_bytes())
    result = CliRunner().invoke(main, ["build", "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert "world sister-city network (cached)" in result.output
    off, _ = built  # the session's `build --no-world`
    assert "world sister-city network" not in off.output


def test_case_cities_are_linked_in_rdf(full):
    from rdflib import Dataset, URIRef

    s, out = full
    ds = Dataset().parse(out / "case-links.nq", format="nquads")
    g = ds.graph(URIRef(world.LINKS_GRAPH))
    pdo = "https://w3id.org/paradiplo/ontology#"
    jakarta = URIRef("https://w3id.org/paradiplo/id/jakarta")
    assert g.value(jakarta, URIRef(pdo + "listedAs")) == URIRef(s["case_links"]["links"]["jakarta"])
    cite = g.value(jakarta, URIRef(pdo + "attestedBy"))
    assert str(g.value(cite, URIRef(pdo + "source"))).endswith("source-editorial")
    # no link for the unidentified Jung-gu
    assert g.value(URIRef("https://w3id.org/paradiplo/id/jung-gu"), URIRef(pdo + "listedAs")) is None


def test_query_library_reads_the_world_with_the_cases(full, monkeypatch):
    """`query run partner-cities --param city=pd:seoul --world`: Seoul's partners from the
    list as well as from the cases, each row naming the graph that says so."""
    from click.testing import CliRunner

    from paradiplo.cli import main

    s, out = full
    monkeypatch.setattr(world, "default_out", lambda: out)
    result = CliRunner().invoke(main, ["query", "run", "partner-cities", "--param", "city=pd:seoul", "--world",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(result.output)["results"]["bindings"]]
    by_graph: dict = {}
    for r in rows:
        by_graph.setdefault(r["graph"].rsplit("/", 1)[-1], set()).add(r["partnerCityLabel"])
    assert by_graph["case-seoul-tokyo"] == {"Tokyo", "Taipei"}  # source 003
    # the list's own partners of Seoul, as the world analysis found them
    listed = {p["place"] for p in s["case_links"]["neighbourhoods"]["seoul"]["partners"]}
    assert by_graph["graph-world"] == listed and {"Tokyo", "Taipei"} <= listed
    without = CliRunner().invoke(main, ["query", "run", "partner-cities", "--param", "city=pd:seoul",
                                        "--format", "json"])
    graphs = {b["graph"]["value"] for b in json.loads(without.output)["results"]["bindings"]}
    assert "https://w3id.org/paradiplo/id/case-seoul-tokyo" in graphs  # a new case may add its own
    assert not any(g.endswith("graph-world") for g in graphs)  # the list only with --world


@pytest.fixture(scope="module")
def sample_world(tmp_path_factory):
    """The whole world step (import, analysis, writing) on the hand-made sample list: what
    a command with --world reads, in two seconds instead of the real list's minutes."""
    out = tmp_path_factory.mktemp("world-sample")
    summary, _ = world.run(load(), path=SAMPLE, out_dir=out)
    return summary, out


def test_validate_world_exits_0(sample_world, monkeypatch):
    """`validate --world` checks the imported list with the cases. On the sample (whose
    import is what the real list's is, row for row) rather than the real list: validating
    25,000 twinnings took most of a minute and showed nothing the sample does not."""
    from click.testing import CliRunner

    from paradiplo.cli import main

    summary, out = sample_world
    monkeypatch.setattr(world, "default_out", lambda: out)
    monkeypatch.setattr(world, "default_input", lambda: SAMPLE)  # the analysis above is then current
    result = CliRunner().invoke(main, ["validate", "--world", "--format", "json"])
    assert result.exit_code == 0, result.output[-2000:]
    report = json.loads(result.output)
    assert report["conforms"] and report["counts"]["violation"] == 0
    # the sample's 10 twinnings (the docstring of this module) have no recorded agreement:
    # expected warnings, one each at least, located in the import
    located = [f for f in report["files"] if f["file"].rsplit("/", 1)[-1] in ("sister-cities.nq", "case-links.nq")]
    assert located and report["counts"]["warning"] >= summary["edges"] == 10
    assert {f["file"].rsplit("/", 1)[-1] for f in report["files"]} <= {"sister-cities.nq", "case-links.nq"}


def test_import_reads_a_byte_order_mark_and_locates_bad_bytes(tmp_path):
    """Excel's "CSV UTF-8" starts with a byte-order mark: accepted. A byte that is not
    UTF-8 is an input error at its line and column, through the command (exit 2)."""
    from click.testing import CliRunner

    from paradiplo.cli import main

    header = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + (header + "A,X,1,1,B,Y,2,2\n").encode())
    assert world.import_sister_cities(bom, tmp_path / "a").pairs == 1
    bad = tmp_path / "bad.csv"
    bad.write_bytes((header + "A,X,1,1,B,Y,2,2\n").encode() + b"C,X,1,1,\xff,Y,2,2\n")
    result = CliRunner().invoke(main, ["import", "sister-cities", str(bad), "--out", str(tmp_path / "b")])
    assert result.exit_code == 2 and f"{bad}:3:9: not UTF-8" in result.output
    assert "Traceback" not in result.output


def test_indonesian_pairs_of_the_list_and_their_cases(full, monkeypatch):
    """The list's pairs with an Indonesian place, each with the case that records it: the
    list's row "Jakarta,Indonesia,Hanoi,Vietnam" is the partnership of the Jakarta-Hanoi case
    (source 002); Surabaya-Kōchi is listed (its case, if any, depends on the data). The
    `world-pairs` query gives the same answer from the store, and names Semarang-Toyama
    (source 003's bibliography) as a case pair the list lacks."""
    from click.testing import CliRunner

    from paradiplo.cli import main

    s, out = full
    pairs = {(r["place"], r["partner"]): r["case_partnership"] for r in s["case_links"]["indonesian_pairs"]}
    assert pairs[("Jakarta", "Hanoi")] == "partnership-jakarta-hanoi"
    assert ("Surabaya", "Kōchi") in pairs
    assert (out / "indonesian-pairs.csv").read_text(encoding="utf-8").startswith(
        "place,partner,partner_country,case_partnership\n")
    monkeypatch.setattr(world, "default_out", lambda: out)
    result = CliRunner().invoke(main, ["query", "run", "world-pairs", "--world", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [{k: v["value"] for k, v in b.items()} for b in json.loads(result.output)["results"]["bindings"]]
    jakarta_hanoi = [r for r in rows if (r["place"], r["partner"]) == ("Jakarta", "Hanoi")]
    assert jakarta_hanoi and jakarta_hanoi[0]["casePartnership"] == "Jakarta-Hanoi sister-city partnership"
    assert {"place": "Semarang", "partner": "Toyama", "partnerCountry": "Japan", "listed": "false",
            "casePartnership": "Semarang-Toyama sister-city partnership",
            "country": "https://w3id.org/paradiplo/id/indonesia"} in rows


def test_the_list_joined_beside_the_merge_reads_as_if_merged(tmp_path):
    """The list is joined beside the merge, with the entailments written at import (no copy
    into the default graph, no reasoning per command: issue 22). Queries must see exactly what
    they saw when the list was read like any other file and entailed in the store: the same
    statements (blank nodes aside, which each load names afresh), each once."""
    from collections import Counter

    from paradiplo.kg import entail, read_into, select

    out = tmp_path / "world"
    joined = world.join(load(), path=SAMPLE, out_dir=out)
    # a file that states a statement of the list and one the list entails: each must still be seen once
    tokyo = next(q for q in ox.parse(path=str(out / "sister-cities.nq"), format=ox.RdfFormat.N_QUADS)
                 if q.object == ox.NamedNode(str(PDO.City)))
    extra = tmp_path / "extra.ttl"
    extra.write_text(f"<{tokyo.subject.value}> a <{PDO.City}> , <{PDO.Place}> .\n", encoding="utf-8")
    read_into(joined, extra)
    merged = load()
    for path in (out / "sister-cities.nq", out / "case-links.nq", extra):
        read_into(merged, path)
    entail(merged)
    assert joined.beside == {str(world.WORLD_GRAPH): str(world.to_rdf.WORLD_ENTAILMENTS)} and not merged.beside

    def seen(kg, inference):
        return Counter(tuple("_" if isinstance(t, ox.BlankNode) else t.value for t in (r["s"], r["p"], r["o"]))
                       for r in select(kg, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", inference=inference))

    for inference in (True, False):
        assert seen(joined, inference) == seen(merged, inference)
    types = [r["t"].value for r in select(joined, f"SELECT ?t WHERE {{ <{tokyo.subject.value}> a ?t }}")]
    assert sorted(types) == sorted(set(types)) and {str(PDO.City), str(PDO.Place)} <= set(types)
    # the list is not copied into the default graph
    assert not any(True for _ in joined.store.quads_for_pattern(None, ox.NamedNode(str(PDO.twinnedPlace)), None,
                                                                  ox.DefaultGraph()))


def test_join_imports_and_never_analyses(tmp_path, monkeypatch):
    """Every --world joins the imported list: the import (and the case links) only, never
    the null model, the pictures or the GEXF. The analysis then reuses the cached import."""
    from paradiplo.kg import rows, select

    def no_analysis(*args, **kwargs):
        raise AssertionError("join() ran the analysis")

    out = tmp_path / "world"
    with monkeypatch.context() as m:
        m.setattr(world.steps, "analyse", no_analysis)
        m.setattr(world.steps, "geography_null_model", no_analysis)
        ds = world.join(load(), path=SAMPLE, out_dir=out)
    assert (out / "sister-cities.nq").exists() and (out / "import.json").exists()
    assert not (out / "summary.json").exists() and not (out / "world.gexf").exists()
    # the sample's 10 twinnings (module docstring) are in the store, in the world graph
    found = rows(ds, "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { GRAPH pd:graph-world { ?t a pdo:Partnership } }")
    assert found == [{"n": "10"}]
    # Jakarta is in the sample: its link to the list is joined too
    assert select(ds, "ASK { GRAPH pd:graph-world-links { pd:jakarta pdo:listedAs ?n } }")
    imported = world.import_step(load(), path=SAMPLE, out_dir=out)
    assert imported.cached
    summary = world.analysis(imported)  # computed, nothing written
    assert summary["edges"] == 10 and not (out / "summary.json").exists()
    world.write_analysis(imported.graph(), summary, out)
    assert (out / "world.gexf").exists() and (out / "import-problems.csv").exists()
    again, cached = world.run(load(), path=SAMPLE, out_dir=out)  # both steps now from their caches
    assert cached and again["edges"] == 10


def test_import_problems_are_quoted_csv(tmp_path):
    """import-problems.csv is written with the csv module: a reason that holds a comma
    (two empty fields on line 3) stays one field."""
    import csv

    header = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
    path = tmp_path / "list.csv"
    path.write_text(header + "A,X,1,1,B,Y,2,2\n" + "C,X,1,1,,,2,2\n", encoding="utf-8")
    report = world.import_sister_cities(path, tmp_path / "out")
    assert report.pairs == 1
    text = (tmp_path / "out" / "import-problems.csv").read_text(encoding="utf-8")
    assert text == 'line,reason\n3,"a city or country is empty: city2, country2"\n'
    assert list(csv.DictReader(text.splitlines())) == [
        {"line": "3", "reason": "a city or country is empty: city2, country2"}]


def test_import_keeps_the_network_it_writes(tmp_path):
    """The network the import keeps (``graph=True``) is the one read back from its file:
    same nodes, edges, attributes and order (the analysis's sampling depends on the order)."""
    report = world.import_sister_cities(SAMPLE, tmp_path, graph=True,
                                        countries=world.links.case_countries(load()))
    read_back = world.world_graph(tmp_path / "sister-cities.nq")
    assert list(report.graph.nodes(data=True)) == list(read_back.nodes(data=True))
    assert list(report.graph.edges(data=True)) == list(read_back.edges(data=True))
    assert report.graph.number_of_edges() == 10  # the sample's 10 twinnings (module docstring)
    assert world.import_sister_cities(SAMPLE, tmp_path / "again").graph is None  # only when asked


def test_network_metrics_of_the_world_needs_the_import_only(tmp_path, monkeypatch):
    """`network metrics --graph world` measures the imported network without running the
    analysis. The sample by hand (module docstring): 9 places (Semarang's self-pair is no
    twinning, lines 13-15 are skipped), 10 twinnings; Hanoi has the most (Jakarta, Mapo,
    Bunkyō, Springfield: degree 4)."""
    import csv

    from click.testing import CliRunner

    from paradiplo.cli import main

    out = tmp_path / "world"
    monkeypatch.setattr(world, "default_out", lambda: out)
    monkeypatch.setattr(world, "default_input", lambda: SAMPLE)
    result = CliRunner().invoke(main, ["network", "metrics", "--graph", "world", "--format", "csv"])
    assert result.exit_code == 0, result.output[-2000:]
    rows = list(csv.DictReader(result.output.splitlines()))
    assert len(rows) == 9
    assert (rows[0]["label"], rows[0]["degree"]) == ("Hanoi", "4")
    assert (out / "import.json").exists() and not (out / "summary.json").exists()
