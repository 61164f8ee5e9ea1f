"""Every statement in the case graphs is traceable to a passage of a source.

Provenance is node-level: each entity or claim node carries ``pdo:attestedBy``
citations (source, locator, verbatim quote). These tests check that no node lacks one,
that every quote really is in the cited seed text, and that one SPARQL query answers
"which source says this, and where?".
"""

import re

import pytest
from rdflib import RDF, BNode, URIRef

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
    return ["jakarta-hanoi", "jakarta-tokyo", "seoul-tokyo", "semarang-jung-gu"]


@pytest.mark.parametrize("slug", _case_ids())
def test_every_entity_in_a_case_is_attested(ds, kg, slug):
    g = ds.graph(PD[f"case-{slug}"])
    assert len(g) > 100, "case graph missing or nearly empty"
    unattested = []
    for s in set(g.subjects()):
        if isinstance(s, URIRef) and not str(s).startswith(VOCAB):
            cites = list(g.objects(s, PDO.attestedBy))
            if not cites:
                unattested.append(str(s))
            for c in cites:
                src = g.value(c, PDO.source)
                if src is None or (src, RDF.type, PDO.Source) not in kg:
                    unattested.append(f"{s}: citation without a declared source")
                if g.value(c, PDO.locator) is None or g.value(c, PDO.quote) is None:
                    unattested.append(f"{s}: citation without locator or quote")
    assert not unattested, "\n".join(unattested)


@pytest.mark.parametrize("slug", _case_ids())
def test_every_blank_node_hangs_off_an_attested_entity(ds, slug):
    """Participations and citations are blank nodes; each must belong to an IRI node."""
    g = ds.graph(PD[f"case-{slug}"])
    for b in {n for n in g.all_nodes() if isinstance(n, BNode)}:
        parents = [s for s in g.subjects(None, b)]
        assert parents and all(isinstance(p, URIRef) for p in parents), f"orphan blank node {b}"


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
    rows = list(ds.query(WHO_SAYS, initNs=PREFIXES))
    assert {str(r.o) for r in rows} == {"2004-11-23"}
    assert {r.source for r in rows} == {PD["source-002"]}
    assert any("23 November 2004" in str(r.quote) for r in rows)


def test_every_case_graph_is_found(ds):
    assert {str(c)[len(str(PD)):] for c in case_graphs(ds)} == {f"case-{s}" for s in _case_ids()}


def test_doubtful_claim_is_kept_as_the_sources_claim_with_a_note(kg):
    """003 calls Roh Tae-woo Mayor of Seoul in 1988; kept, attributed, and annotated."""
    post = PD["post-roh-mayor-of-seoul"]
    assert kg.value(post, PDO.holder) == PD["roh-tae-woo"]
    assert {kg.value(c, PDO.source) for c in kg.objects(post, PDO.attestedBy)} == {PD["source-003"]}
    notes = list(kg.subjects(PDO.about, post))
    assert notes, "no editorial note on the doubtful claim"
    note_sources = {kg.value(c, PDO.source) for n in notes for c in kg.objects(n, PDO.attestedBy)}
    assert note_sources == {PD["source-editorial"]}
