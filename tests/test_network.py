"""Network measures on hand-computed toy graphs, brokerage roles, and results on the
bundled cases that follow from the sources (the reasoning is in each test)."""

import math
import random
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph

from paradiplo import network as nw
from paradiplo.cli import main
from paradiplo.kg import load, rows
from paradiplo.namespaces import PD, PDO

from .conftest import bundled_files

# --- toy graphs, values computed by hand ---------------------------------------------


def test_star_measures_by_hand():
    # c in the middle of leaves a, b, d
    G = nx.Graph([("c", "a"), ("c", "b"), ("c", "d")])
    m = nw.node_measures(G)
    # all 3 leaf pairs pass through c; normalised by (n-1)(n-2)/2 = 3 pairs
    assert m["c"]["betweenness"] == pytest.approx(1.0) and m["a"]["betweenness"] == 0
    # leaf: distances 1, 2, 2 -> (n-1)/sum = 3/5
    assert m["c"]["closeness"] == pytest.approx(1.0) and m["a"]["closeness"] == pytest.approx(0.6)
    # Burt: c has three ties of proportion 1/3 and no indirect paths: 3 * (1/3)^2
    assert m["c"]["constraint"] == pytest.approx(1 / 3) and m["a"]["constraint"] == pytest.approx(1.0)
    # effective size: 3 alters, no ties among them
    assert m["c"]["effective_size"] == pytest.approx(3.0)
    assert m["c"]["degree"] == 3 and m["c"]["core"] == 1


def test_triangle_with_pendant_by_hand():
    # a-b-c triangle, d hangs off c
    G = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    m = nw.node_measures(G)
    # pairs (a,d) and (b,d) pass through c: 2 of 3 pairs
    assert m["c"]["betweenness"] == pytest.approx(2 / 3)
    # effective size of c: 3 alters, 1 tie among them: 3 - 2*1/3
    assert m["c"]["effective_size"] == pytest.approx(3 - 2 / 3)
    # constraint of c: a and b: (1/3 + 1/3*1/2)^2 = 1/4 each; d: (1/3)^2
    assert m["c"]["constraint"] == pytest.approx(1 / 4 + 1 / 4 + 1 / 9)
    assert [m[n]["core"] for n in "abcd"] == [2, 2, 2, 1]


def test_cycle_spectral_measures_by_hand():
    G = nx.cycle_graph(5)
    m = nw.node_measures(G)
    for n in G:  # every node alike
        assert m[n]["pagerank"] == pytest.approx(1 / 5)
        assert m[n]["eigenvector"] == pytest.approx(1 / math.sqrt(5))


def test_components_and_communities():
    G = nx.Graph([(1, 2), (2, 3), (3, 1), (4, 5), (5, 6), (6, 4), (7, 8)])
    m = nw.node_measures(G)
    assert {m[n]["component"] for n in (1, 2, 3)} != {m[n]["component"] for n in (4, 5, 6)}
    assert m[7]["component"] == 2  # the smallest component comes last
    assert len({m[n]["community"] for n in G}) == 3
    # eigenvector is computed per component and scaled by the component's share of nodes
    assert m[1]["eigenvector"] == pytest.approx(3 / 8 / math.sqrt(3))


def test_two_mode_betweenness_of_a_single_affair():
    # one affair joining three actors is the two-mode star: it holds the maximum, 1.0
    B = nx.Graph()
    B.add_nodes_from(["a1", "a2", "a3"], bipartite=0)
    B.add_node("x", bipartite=1)
    B.add_edges_from([("a1", "x"), ("a2", "x"), ("a3", "x")])
    m = nw.two_mode_measures(B)
    assert m["x"]["betweenness"] == pytest.approx(1.0) and m["a1"]["betweenness"] == 0


# --- Gould-Fernandez brokerage ---------------------------------------------------------


def test_brokerage_worked_example():
    # The example network of the cograph/sna brokerage documentation: A->B, A->C, B->C,
    # B->D, C->D, D->A with groups {A, B} = 1 and {C, D} = 2. Counted by hand: the open
    # two-paths (a -> v -> b with no a -> b) are
    #   D->A->B gatekeeper, D->A->C itinerant, A->B->D representative,
    #   A->C->D gatekeeper, B->D->A itinerant, C->D->A representative
    # (A->B->C and B->C->D are closed by A->C and B->D).
    D = nx.DiGraph([("A", "B"), ("A", "C"), ("B", "C"), ("B", "D"), ("C", "D"), ("D", "A")])
    roles = nw.brokerage_roles(D, {"A": 1, "B": 1, "C": 2, "D": 2})
    expected = {
        "A": {"gatekeeper": 1, "itinerant": 1}, "B": {"representative": 1},
        "C": {"gatekeeper": 1}, "D": {"itinerant": 1, "representative": 1},
    }
    for node, counts in expected.items():
        assert roles[node] == {r: counts.get(r, 0) for r in nw.BROKERAGE_ROLES}


@pytest.mark.parametrize("groups, role, count", [
    ((1, 1, 1), "coordinator", 2),      # a-b-c all in one group: a->b->c and c->b->a
    ((1, 2, 1), "itinerant", 2),        # broker outside the ends' group
    ((1, 1, 2), "representative", 1),   # a->b->c: broker shares the source's group
    ((1, 1, 2), "gatekeeper", 1),       # c->b->a: broker shares the target's group
    ((1, 2, 3), "liaison", 2),          # three groups
])
def test_brokerage_on_undirected_path(groups, role, count):
    G = nx.path_graph(["a", "b", "c"])
    roles = nw.brokerage_roles(G, dict(zip("abc", groups, strict=True)))
    assert roles["b"][role] == count
    assert sum(roles["b"].values()) == 2 and sum(roles["a"].values()) == 0


def test_closed_triad_has_no_brokerage():
    G = nx.complete_graph(["a", "b", "c"])
    assert all(sum(r.values()) == 0 for r in nw.brokerage_roles(G, {}).values())


# --- the fast engines agree with networkx ------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_igraph_betweenness_and_closeness_equal_networkx(seed):
    rng = random.Random(seed)
    G = nx.gnm_random_graph(60, 90, seed=rng.randint(0, 10**6))
    G.add_nodes_from(range(60, 63))  # isolates
    exact = nx.betweenness_centrality(G)
    fast = nw.measures._igraph_betweenness(G, True, None)
    assert all(fast[n] == pytest.approx(exact[n], abs=1e-12) for n in G)
    old = nw.IGRAPH_THRESHOLD
    try:
        nw.IGRAPH_THRESHOLD = 10
        closeness = nw.closeness(G)
    finally:
        nw.IGRAPH_THRESHOLD = old
    reference = nx.closeness_centrality(G)
    assert all(closeness[n] == pytest.approx(reference[n], abs=1e-12) for n in G)


def test_sampled_betweenness_states_its_error():
    G = nx.barabasi_albert_graph(300, 2, seed=7)
    values, note = nw.betweenness(G, k=100)
    assert note.startswith("sampled: 100 of 300 sources") and "%" in note
    exact = nx.betweenness_centrality(G)
    top = max(exact, key=exact.get)
    assert values[top] == pytest.approx(exact[top], rel=0.35)


# --- the bundled cases -------------------------------------------------------------------


@pytest.fixture(scope="module")
def ex():
    # the bundled cases alone: rankings, "the only ministry" and "nothing else in 1985-1989"
    # are facts about them that a new case would otherwise extend
    return nw.extract(load(bundled_files()))


def test_directed_relations_follow_the_sources(ex):
    D = nw.directed_network(ex)
    # 002: "Kementerian Luar Negeri sebagai inisiator kerja sama" (toward both partners)
    assert D.has_edge(str(PD["kemlu-ri"]), str(PD["pemprov-dki-jakarta"]))
    assert D.has_edge(str(PD["kemlu-ri"]), str(PD["hanoi-city-government"]))
    # 003: "Tokyo lah yang lebih dulu mengusulkan kerjasama" (to Seoul)
    e = D.edges[str(PD["tokyo-metropolitan-government"]), str(PD["seoul-city-government"])]
    assert e["roles"] == ["proposer"]


def test_jakarta_is_the_leading_intermediary(ex):
    # DKI Jakarta is the partner of Tokyo (000/001) and of Hanoi (002): the only actor
    # joining those two cases, so every path between their actors runs through it.
    rows = nw.intermediaries(ex)
    assert rows[0]["label"] == "Provincial Government of DKI Jakarta"
    assert rows[0]["cases"] == ["jakarta-hanoi", "jakarta-tokyo"]
    assert "Japan" in rows[0]["reason"] and "Viet Nam" in rows[0]["reason"]
    G = nw.actor_network(nw.two_mode(ex))
    G.remove_node(str(PD["pemprov-dki-jakarta"]))
    assert not nx.has_path(G, str(PD["hanoi-city-government"]), str(PD["tokyo-metropolitan-government"]))


def test_tokyo_bridges_two_cases(ex):
    # Tokyo is the partner of Jakarta (000) and of Seoul (003)
    row = next(r for r in nw.intermediaries(ex) if r["label"] == "Tokyo Metropolitan Government")
    assert row["cases"] == ["jakarta-tokyo", "seoul-tokyo"] and row["betweenness"] > 0


def test_city_network(ex):
    """One edge per partnership, between its two partners (a new case adds its own): the
    four studied partnerships and the two that 003 mentions are there."""
    C = nw.city_network(ex)
    partnerships = rows(load(bundled_files()), "SELECT ?a ?b WHERE { ?p a pdo:Partnership ; pdo:partner ?a , ?b . "
                                "FILTER (STR(?a) < STR(?b)) }")
    assert {frozenset(e) for e in C.edges} == {frozenset((str(r["a"]), str(r["b"]))) for r in partnerships}
    bundled = [("hanoi-city-government", "pemprov-dki-jakarta"),
               ("pemprov-dki-jakarta", "tokyo-metropolitan-government"),
               ("jung-gu-government", "semarang-city-government"),
               ("seoul-city-government", "tokyo-metropolitan-government"),
               ("seoul-city-government", "taipei-city-government"),
               ("semarang-city-government", "toyama-city-government")]
    assert all(C.has_edge(str(PD[a]), str(PD[b])) for a, b in bundled)
    e = C.edges[str(PD["pemprov-dki-jakarta"]), str(PD["hanoi-city-government"])]
    assert e["since"] == "2003-11-23" and e["status"] == "stagnant"


def test_filters(ex):
    only_jh = nw.two_mode(ex, nw.Filters(case="jakarta-hanoi"))
    labels = {d["label"] for _, d in only_jh.nodes(data=True)}
    assert "Hanoi City Government" in labels and "Tokyo Metropolitan Government" not in labels
    # 1985-1989: the Seoul-Tokyo agreement and Suzuki's visit (003), nothing else; Suzuki,
    # Governor of Tokyo, counts as the Tokyo Metropolitan Government (persons are folded),
    # Roh Tae-woo stays a person (his post as Mayor of Seoul is disputed)
    eighties = nw.actor_network(nw.two_mode(ex, nw.Filters(year_from=1985, year_to=1989)))
    assert {d["label"] for _, d in eighties.nodes(data=True)} == {
        "Seoul City Government", "Tokyo Metropolitan Government", "Roh Tae-woo"}
    kept = nw.actor_network(nw.two_mode(ex, nw.Filters(year_from=1985, year_to=1989, keep_persons=True)))
    assert {d["label"] for _, d in kept.nodes(data=True)} == {
        "Seoul City Government", "Tokyo Metropolitan Government", "Shunichi Suzuki", "Roh Tae-woo"}
    no_generic = nw.two_mode(ex, nw.Filters(include_generic=False))
    assert not any(d.get("generic") for _, d in no_generic.nodes(data=True))
    ministries = nw.two_mode(ex, nw.Filters(actor_types=("Ministry",)))
    assert {d["label"] for _, d in ministries.nodes(data=True) if d["kind"] == "actor"} == {
        "Ministry of Foreign Affairs of the Republic of Indonesia"}


def test_timeline_places_the_eighties_in_seoul_and_tokyo(ex):
    rows = [r for r in nw.timeline(ex, window=5) if r["period"] == "1985-1989"]
    assert {r["label"] for r in rows[:2]} == {"Seoul City Government", "Tokyo Metropolitan Government"}


def test_metrics_written_back_as_rdf(ex):
    G = nw.actor_network(nw.two_mode(ex))
    measures = nw.node_measures(G)
    g = nw.metrics_rdf(measures, "actors", {"case": None, "group_by": "country"})
    [run] = list(g.subjects(RDF.type, PDO.NetworkAnalysis))
    assert g.value(run, PDO.computedAt) is None  # no clock by default: the same analysis, the same triples
    again = nw.metrics_rdf(measures, "actors", {"case": None, "group_by": "country"})
    assert set(again) == set(g)
    from datetime import UTC, datetime

    timed = nw.metrics_rdf(measures, "actors", {"case": None, "group_by": "country"}, when=datetime.now(UTC))
    assert timed.value(run, PDO.computedAt) is not None  # recorded as a literal, the IRIs unchanged
    assert "group_by=country" in {str(p) for p in g.objects(run, PDO.parameter)}
    values = {(str(g.value(v, PDO.measureOf)), str(g.value(v, PDO.measure))): g.value(v, PDO.measureValue).toPython()
              for v in g.subjects(RDF.type, PDO.MeasureValue)}
    kemlu = str(PD["kemlu-ri"])
    assert values[(kemlu, "degree")] == measures[kemlu]["degree"]


def test_sparql_combines_measures_with_case_data(built, tmp_path):
    runner = CliRunner()
    metrics = built[1] / "network" / "metrics.trig"
    Graph().parse(metrics)  # well-formed
    q = tmp_path / "q.rq"
    q.write_text("""SELECT ?label ?value WHERE {
      GRAPH pd:graph-network-actors { ?m pdo:measureOf ?a ; pdo:measure "betweenness" ; pdo:measureValue ?value }
      ?a pdo:level level:national ; rdfs:label ?label . FILTER (lang(?label) = "en")
    } ORDER BY ?label""")
    result = runner.invoke(main, ["query", "run", "--file", str(q), "--include", str(metrics), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "Ministry of Foreign Affairs of the Republic of Indonesia" in result.output
    for name in ("intermediaries.csv", "metrics-actors.csv", "metrics-two-mode.csv", "metrics-cities.csv",
                 "timeline.csv"):
        assert (built[1] / "network" / name).stat().st_size > 100


def test_network_cli(tmp_path):
    runner = CliRunner()
    out = runner.invoke(main, ["network", "intermediaries", "--top", "3", "--format", "json"])
    rows = __import__("json").loads(out.output)
    assert [r["rank"] for r in rows] == [1, 2, 3] and rows[0]["reason"]
    metrics = runner.invoke(main, ["network", "metrics", "--graph", "two-mode", "--format", "csv"])
    assert metrics.exit_code == 0 and metrics.output.startswith("id,label")
    bad = runner.invoke(main, ["network", "intermediaries", "--case", "nowhere"])
    assert bad.exit_code == 2 and "the cases are" in bad.output
    timeline = runner.invoke(main, ["network", "timeline", "--window", "10"])
    assert timeline.exit_code == 0 and "1980-1989" in timeline.output


def test_two_mode_betweenness_matches_networkx_where_defined():
    B = nx.bipartite.random_graph(8, 6, 0.4, seed=3)
    top = {n for n, d in B.nodes(data=True) if d["bipartite"] == 0}
    ours = nw.measures._two_mode_betweenness(B, top)
    reference = nx.bipartite.betweenness_centrality(B, top)
    assert all(ours[n] == pytest.approx(reference[n]) for n in B)


@pytest.mark.parametrize("seed", [4, 5])
def test_fast_effective_size_equals_networkx(seed):
    G = nx.powerlaw_cluster_graph(200, 3, 0.4, seed=seed)
    G.add_node("isolate")
    fast, reference = nw.effective_size(G), nx.effective_size(G)
    for n in G:
        if reference[n] == reference[n]:  # networkx gives NaN for isolates
            assert fast[n] == pytest.approx(reference[n])
        else:
            assert fast[n] != fast[n]


def test_persons_are_folded_so_that_granularity_does_not_move_the_ranking():
    """The synthetic case (tests/contribution/) names Beta's mayor and six officials, each
    official in a visit of their own with the Beta City Government. Kept as nodes, they
    make Beta's government the hub of a star and it leads the ranking; folded into the
    organisation they hold a post in (the default), DKI Jakarta, the only actor joining
    two cases, leads, and the synthetic case's governments fall behind it."""
    synthetic = Path(__file__).parent / "contribution" / "synthetic-alfa-beta.trig"
    ex = nw.extract(load([*bundled_files(), synthetic]))
    beta, jakarta = str(PD["beta-city-government"]), str(PD["pemprov-dki-jakarta"])
    assert ex.acts_for[str(PD["ani-lestari"])] == beta and ex.acts_for[str(PD["budi-santoso"])] == beta

    def rank(filters):
        return {r["actor"]: r["rank"] for r in nw.intermediaries(ex, filters)}
    kept = rank(nw.Filters(keep_persons=True))
    assert kept[beta] < kept[jakarta]
    folded = rank(nw.Filters())
    assert folded[jakarta] == 1 and folded[beta] > folded[jakarta]
    assert str(PD["ani-lestari"]) not in folded  # a node no more
    B = nw.two_mode(ex)
    assert "visitor" in B.edges[beta, str(PD["activity-beta-working-visit-ani-lestari-2017"])]["roles"]


def test_a_disputed_post_does_not_fold_its_holder(ex):
    """003's claim that Roh Tae-woo was Mayor of Seoul in 1988 is disputed: he stays a node."""
    assert str(PD["roh-tae-woo"]) not in ex.acts_for
    assert ex.acts_for.get(str(PD["shunichi-suzuki"])) == str(PD["tokyo-metropolitan-government"])
