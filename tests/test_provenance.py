"""Every statement in the case graphs is traceable to a passage of a source.

Each entity or claim node carries ``pdo:attestedBy`` citations (source, locator, verbatim
quote); each citation names the statements it supports (``pdo:supports``), and what the
curators add is an editorial citation with its kind and reason (docs/provenance.md).
These tests check that no node lacks a citation, that every quote really is in the cited
source text (``data/texts/``), and that ``queries/provenance.rq`` answers "which passage
says this statement?" with one right answer.
"""

import re
from pathlib import Path

import pytest
from rdflib import RDF, BNode, Literal, URIRef

from paradiplo.kg import case_graphs
from paradiplo.namespaces import PD, PDO, PREFIXES, VOCAB

MAX_QUOTE = 200


def _norm(text: str) -> str:
    """Fold white space and drop Markdown emphasis (``*sister city*``): layout, not words."""
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


@pytest.fixture(scope="module")
def seed_texts(kg, seeds_dir):
    texts = {}
    for src, name in kg.subject_objects(PDO.fileName):
        texts[src] = _norm((seeds_dir / str(name)).read_text(encoding="utf-8"))
    return texts


def _case_ids():
    """Every case file in data/cases (the data grows: a new case is tested too)."""
    from paradiplo.kg import project_root

    return sorted(p.stem for p in (project_root() / "data" / "cases").glob("*.trig"))




@pytest.mark.parametrize("slug", _case_ids())
def test_every_entity_in_a_case_is_attested(ds, kg, slug):
    g = ds.rdflib.graph(PD[f"case-{slug}"])
    # the graph of the case's name is there (a small correct case is welcome: no size is asked)
    assert (PD[f"case-{slug}"], RDF.type, PDO.Case) in g, "the case file has no case graph of its name"
    unattested = []
    for s in set(g.subjects()):
        if isinstance(s, URIRef) and not str(s).startswith(VOCAB):
            cites = list(g.objects(s, PDO.attestedBy))
            if not cites and (s, RDF.type, PDO.Source) in kg:
                continue  # a source record (kept in the case file): the bibliography, not a claim
            if not cites:
                unattested.append(str(s))
            for c in cites:
                src = g.value(c, PDO.source)
                if src is None or (src, RDF.type, PDO.Source) not in kg:
                    unattested.append(f"{s}: citation without a declared source")
                if src == PD["source-editorial"]:
                    if g.value(c, PDO.reason) is None or g.value(c, PDO.editorialKind) is None:
                        unattested.append(f"{s}: editorial citation without kind or reason")
                elif g.value(c, PDO.locator) is None or g.value(c, PDO.quote) is None:
                    unattested.append(f"{s}: citation without locator or quote")
    assert not unattested, "\n".join(unattested)


@pytest.mark.parametrize("slug", _case_ids())
def test_every_blank_node_hangs_off_an_attested_entity(ds, slug):
    """Participations and citations are blank nodes; each belongs to one IRI node, directly
    or through a participation (whose own citations are blank nodes too)."""
    g = ds.rdflib.graph(PD[f"case-{slug}"])
    for b in {n for n in g.all_nodes() if isinstance(n, BNode)}:
        node, seen = b, set()
        while isinstance(node, BNode):
            parents = list(g.subjects(None, node))
            assert len(parents) == 1 and node not in seen, f"blank node {b} does not hang off one entity"
            seen.add(node)
            node = parents[0]


def test_every_referenced_entity_is_described_somewhere(kg):
    """No dangling links: every pd: IRI used as an object is itself attested."""
    dangling = {str(o) for o in kg.objects() if isinstance(o, URIRef) and str(o).startswith(str(PD))
                and not list(kg.objects(o, PDO.attestedBy)) and (o, RDF.type, PDO.Source) not in kg}
    assert not dangling, sorted(dangling)


def test_every_quote_is_verbatim_in_its_source(kg, seed_texts):
    problems = []
    for cite, quote in kg.subject_objects(PDO.quote):
        src = kg.value(cite, PDO.source)
        if src == PD["source-editorial"]:
            continue  # the curators' own words, nothing to match
        text = seed_texts.get(src)
        if text is None and (src, PDO.url, None) in kg:
            continue  # a web source whose text is not kept here: checked by its reviewer, not offline
        if text is None:
            problems.append(f"{src}: source has no file")
        elif _norm(str(quote)) not in text:
            problems.append(f"not in {src}: {quote!r}")
        if len(str(quote)) > MAX_QUOTE:
            problems.append(f"quote longer than {MAX_QUOTE} characters: {quote!r}")
    assert not problems, "\n".join(problems)


def test_seed_files_named_by_sources_exist(kg, seeds_dir):
    for name in kg.objects(None, PDO.fileName):
        assert (seeds_dir / str(name)).is_file(), name


# "Which source says this, and where?" for one fact (?s ?p ?o): here, the MoU's date.
WHO_SAYS = """
SELECT ?o ?source ?locator ?quote WHERE {
  VALUES (?s ?p) { (pd:agreement-jakarta-hanoi-mou-2004 pdo:signedOn) }
  ?s ?p ?o ; pdo:attestedBy ?c .
  ?c pdo:source ?source ; pdo:locator ?locator ; pdo:quote ?quote .
}
"""


def test_one_query_answers_which_source_says_this_and_where(ds):
    """The Jakarta-Hanoi MoU date: source 002, with the passage giving 23 November 2004."""
    rows = list(ds.rdflib.query(WHO_SAYS, initNs=PREFIXES))
    assert {str(r.o) for r in rows} == {"2004-11-23"}
    assert {r.source for r in rows} == {PD["source-002"]}
    assert any("23 November 2004" in str(r.quote) for r in rows)


def test_every_case_graph_is_found(ds):
    assert {str(c)[len(str(PD)):] for c in case_graphs(ds)} == {f"case-{s}" for s in _case_ids()}


def test_doubtful_claim_is_kept_as_the_sources_claim_with_a_note(kg):
    """003 calls Roh Tae-woo Mayor of Seoul in 1988; kept, attributed, and annotated."""
    post = PD["post-roh-mayor-of-seoul"]
    assert kg.value(post, PDO.holder) == PD["roh-tae-woo"]
    cites = {kg.value(c, PDO.source): c for c in kg.objects(post, PDO.attestedBy)}
    assert set(cites) == {PD["source-003"], PD["source-editorial"]}
    # the dispute is data a query can filter on, and it is the curators' statement, not 003's
    assert kg.value(post, PDO.disputed) == Literal(True)
    assert PDO.disputed in set(kg.objects(cites[PD["source-editorial"]], PDO.supports))
    notes = list(kg.subjects(PDO.about, post))
    assert notes, "no editorial note on the doubtful claim"
    note_sources = {kg.value(c, PDO.source) for n in notes for c in kg.objects(n, PDO.attestedBy)}
    assert note_sources == {PD["source-editorial"]}


# --- provenance per statement (queries/provenance.rq) ---------------------------------


@pytest.fixture(scope="module")
def qds():
    from paradiplo.kg import load
    from paradiplo.query import prepare

    return prepare(load())


def _provenance(qds, entity):
    from paradiplo.query import bind_parameters, library, run

    nq = library()["provenance"]
    return run(qds, nq.text, bind_parameters(nq, {"entity": f"pd:{entity}"})).rows


def test_the_wikidata_link_of_jakarta_is_editorial(qds):
    """No source text identifies Jakarta with a Wikidata item: every row for the link is
    the curators' identification, with its reason, and none cites a source text."""
    rows = [r for r in _provenance(qds, "jakarta") if str(r["property"]) == str(PDO.wikidata)]
    assert rows and {str(r["basis"]) for r in rows} == {"editorial"}
    assert {str(r["editorial"]) for r in rows} == {"identification"}
    assert all("Q3630" in str(r["reason"]) and r["quote"] is None for r in rows)


@pytest.mark.parametrize("agreement, passage", [
    ("agreement-jakarta-hanoi-loi-2003", "Letter of Intent (LoI) pada tanggal 23 November 2003"),
    ("agreement-jakarta-hanoi-mou-2004", "antara Kota Jakarta dan Kota Hanoi pada 23 November 2004"),
])
def test_each_agreement_date_is_attributed_to_exactly_the_passage_that_states_it(qds, agreement, passage):
    """002 VI.1 para. 2 gives both dates; each date has one row, and its quote holds it."""
    rows = [r for r in _provenance(qds, agreement) if str(r["property"]) == str(PDO.signedOn)]
    assert len(rows) == 1, rows
    assert str(rows[0]["basis"]) == "passage" and passage in str(rows[0]["quote"])
    assert str(rows[0]["locator"]) == "VI.1 Kesimpulan, para. 2"


def test_a_value_is_attributed_only_to_the_passage_that_names_it(qds):
    """The Jakarta-Hanoi partnership's fields come from two passages (002 VI.1 paras 1 and
    3): tourism only from para. 1, environment only from para. 3."""
    rows = [r for r in _provenance(qds, "partnership-jakarta-hanoi") if str(r["property"]) == str(PDO.field)]
    where = {}
    for r in rows:
        where.setdefault(str(r["value"]).rsplit("/", 1)[-1], set()).add(str(r["locator"]))
    assert where["tourism"] == {"VI.1 Kesimpulan, para. 1"}
    assert where["environment"] == {"VI.1 Kesimpulan, para. 3"}
    assert where["heritage"] == {"VI.1 Kesimpulan, para. 1", "VI.1 Kesimpulan, para. 3"}


def test_an_inference_is_not_cited_to_a_source_text(qds):
    """002 names the Implementing Agreement but not what it implements: the link to the MoU
    is an editorial inference with its reason, not a claim of source 002."""
    rows = [r for r in _provenance(qds, "agreement-jakarta-hanoi-implementing-agreement")
            if str(r["property"]) == str(PDO.implements)]
    assert rows and {(str(r["basis"]), str(r["editorial"])) for r in rows} == {("editorial", "inference")}


@pytest.fixture(scope="module")
def bundled_report():
    """The validation of every bundled file, once (each finding names its file): one run
    instead of one per case, each of which loaded and checked the whole graph again."""
    from paradiplo.validate import validate_files

    return validate_files()


@pytest.mark.parametrize("slug", _case_ids())
def test_every_statement_of_a_case_names_its_passage(bundled_report, slug):
    """No statement of a case without a passage of a source text or an editorial reason
    (pdsh:StatementProvenanceShape)."""
    assert f"{slug}.trig" in {Path(f).name for f in bundled_report.files}
    assert not [f for f in bundled_report.findings if f.shape == "pdsh:StatementProvenanceShape" and not f.file]
    missing = [f"{f.label}: {f.message}" for f in bundled_report.findings
               if f.shape == "pdsh:StatementProvenanceShape" and Path(f.file or "").name == f"{slug}.trig"]
    assert not missing, "\n".join(missing)


# --- the city read as its government (docs/provenance.md) -----------------------------

_GOVERNMENT_WORDS = re.compile(r"pemerintah|pemkot|pemprov|government|metropolitan", re.I)
_GOVERNMENT_STATEMENTS = """
SELECT ?g ?s ?p ?gov ?node ?quote ?kind WHERE {
  GRAPH ?g {
    { ?s ?p ?gov . VALUES ?p { pdo:partner pdo:party } BIND (?s AS ?node) }
    UNION { ?s pdo:participation ?node . ?node pdo:actor ?gov . BIND (pdo:actor AS ?p) }
  }
  ?gov a pdo:SubnationalGovernment .
  OPTIONAL {
    ?node pdo:attestedBy ?c .
    OPTIONAL { ?c pdo:quote ?quote } OPTIONAL { ?c pdo:editorialKind ?kind }
    FILTER (NOT EXISTS { ?c pdo:supports ?x } || EXISTS { ?c pdo:supports ?p })
    FILTER (NOT EXISTS { ?c pdo:supportsValue ?v } || EXISTS { ?c pdo:supportsValue ?gov })
  }
}"""


@pytest.mark.parametrize("slug", ["jakarta-hanoi", "jakarta-tokyo", "semarang-jung-gu", "seoul-tokyo"])
def test_a_city_read_as_its_government_is_marked_the_same_way_everywhere(bundled, slug):
    """A partner, party or participant recorded as a city's government, whose passages
    name only the city (or a team of it), carries an editorial normalisation (or an
    inference where no passage names the actor at all): 2026-12 review of the bundled cases."""
    from paradiplo.kg import rows

    statements: dict = {}
    for r in rows(bundled, _GOVERNMENT_STATEMENTS):
        if r["g"].endswith(f"case-{slug}"):
            statements.setdefault((r["s"], r["p"], r["gov"], r["node"]), []).append((r["quote"], r["kind"]))
    assert statements
    unmarked = []
    for (s, p, gov, _), cites in sorted(statements.items()):
        named = any(quote and _GOVERNMENT_WORDS.search(quote) for quote, _ in cites)
        marked = any(kind and kind.rsplit("/", 1)[-1] in ("normalisation", "inference") for _, kind in cites)
        if not (named or marked):
            unmarked.append(f"{s} {p} {gov}: {[q for q, _ in cites]}")
    assert not unmarked, "\n".join(unmarked)


def test_the_semarang_jung_gu_work_visits_have_no_field_the_passage_does_not_state(kg):
    """004 4.1 para. 3 says the Dinas Bina Marga and the DPRD made work visits to Jung-gu;
    it names no field of them (the DPRD's 2018 visit was "untuk monitoring dan evaluasi")."""
    assert list(kg.objects(PD["activity-semarang-jung-gu-work-visits"], PDO.field)) == []


def test_provenance_shows_the_normalisation_behind_a_government_no_source_names(qds):
    """003 names Taipei, not its government: the type and labels of the Taipei City
    Government show the curators' normalisation beside the passage that names the city."""
    rows = [r for r in _provenance(qds, "taipei-city-government") if str(r["property"]) == str(RDF.type)]
    assert {(str(r["basis"]), str(r["editorial"]) if r["editorial"] else None) for r in rows} == {
        ("entity", None), ("editorial", "normalisation")}
    assert any("names the city" in str(r["reason"]) for r in rows if str(r["basis"]) == "editorial")


def test_the_programme_arrangements_parties_rest_on_a_reason_about_who_made_it(kg):
    """002 VI.1 para. 4 names the Program Arrangement but not who made or signed it: the
    reason for its parties says so, apart from the reason for what it implements."""
    pa = PD["agreement-jakarta-hanoi-programme-arrangement"]
    reasons = [str(kg.value(c, PDO.reason)) for c in kg.objects(pa, PDO.attestedBy)
               if (c, PDO.supports, PDO.party) in kg]
    assert len(reasons) == 1 and "who made" in reasons[0] and "signed" in reasons[0]
    assert not any((c, PDO.supports, PDO.implements) in kg for c in kg.objects(pa, PDO.attestedBy)
                   if (c, PDO.supports, PDO.party) in kg)
