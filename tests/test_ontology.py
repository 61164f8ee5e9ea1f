"""The ontology and vocabularies: they parse, every term is documented, the data uses
only declared terms, and PDO (the Python namespace) matches the Turtle exactly."""

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from paradiplo.kg import data_files, load, ontology_files
from paradiplo.namespaces import PDO, VOCAB

PDO_NS = str(PDO._NS)


@pytest.fixture(scope="module")
def onto():
    g = Graph()
    for f in ontology_files():
        g.parse(f)
    return g


@pytest.mark.parametrize("path", ontology_files() + data_files(), ids=lambda p: p.name)
def test_every_file_parses(path):
    ds = load([path], ontology=False)
    assert len(ds.store) > 0 and ds.files


def _declared(onto):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {s for k in kinds for s in onto.subjects(RDF.type, k) if str(s).startswith(PDO_NS)}


def test_every_pdo_term_is_documented_in_english_and_indonesian(onto):
    missing = []
    for term in sorted(_declared(onto)):
        langs = {lab.language for lab in onto.objects(term, RDFS.label)}
        if not {"en", "id"} <= langs:
            missing.append(f"{term}: labels {sorted(filter(None, langs))}")
        if not any(d.language == "en" for d in onto.objects(term, SKOS.definition)):
            missing.append(f"{term}: no English skos:definition")
    assert not missing, "\n".join(missing)


def test_every_concept_and_scheme_is_documented(onto):
    missing = []
    for kind in (SKOS.Concept, SKOS.ConceptScheme):
        for c in onto.subjects(RDF.type, kind):
            langs = {lab.language for lab in onto.objects(c, SKOS.prefLabel)}
            if not {"en", "id"} <= langs:
                missing.append(f"{c}: prefLabel languages {sorted(filter(None, langs))}")
            if not list(onto.objects(c, SKOS.definition)):
                missing.append(f"{c}: no skos:definition")
            if kind == SKOS.Concept and not list(onto.objects(c, SKOS.inScheme)):
                missing.append(f"{c}: not in a scheme")
    assert not missing, "\n".join(missing)


def test_python_namespace_matches_ontology(onto):
    in_turtle = {str(t)[len(PDO_NS):] for t in _declared(onto)}
    in_python = {name for name in PDO.__annotations__}
    assert in_turtle == in_python


def test_pdo_namespace_is_typo_proof():
    with pytest.raises(AttributeError):
        PDO.Partnershp  # noqa: B018 - the typo is the point


def test_data_uses_only_declared_terms(onto, kg):
    """Catches typos such as pdo:signedOnn or field:tourisme in the case files."""
    declared = _declared(onto)
    concepts = set(onto.subjects(RDF.type, SKOS.Concept)) | set(onto.subjects(RDF.type, SKOS.ConceptScheme))
    unknown = set()
    for _s, p, o in kg:
        for term in (p, o if p == RDF.type else None):
            if isinstance(term, URIRef) and term.startswith(PDO_NS) and term not in declared:
                unknown.add(str(term))
        if isinstance(o, URIRef) and o.startswith(VOCAB) and o not in concepts:
            unknown.add(str(o))
    assert not unknown, sorted(unknown)


def test_concept_values_come_from_the_right_scheme(kg):
    expected = {PDO.field: "field/", PDO.inField: "field/", PDO.role: "role/", PDO.level: "level/",
                PDO.status: "status/", PDO.activityStatus: "activity-status/",
                PDO.factorType: "factor/", PDO.successElement: "ringrose/"}
    wrong = [(s, p, o) for p, ns in expected.items() for s, o in kg.subject_objects(p)
             if not str(o).startswith(VOCAB + ns)]
    assert not wrong


@pytest.mark.parametrize("path", sorted((Path(__file__).resolve().parents[1] / "data" / "cases").glob("*.trig")),
                         ids=lambda p: p.stem)
def test_every_named_entity_of_a_case_has_english_and_indonesian_labels(path):
    """The project's standard: labels in English and Indonesian for every named entity."""
    from rdflib import Dataset

    ds = Dataset().parse(path, format="trig")
    missing = []
    for g in ds.graphs():
        for s in set(g.subjects(RDFS.label, None)):
            languages = {getattr(lab, "language", None) for lab in g.objects(s, RDFS.label)}
            if isinstance(s, URIRef) and not {"en", "id"} <= languages:
                missing.append(str(s))
    assert not missing, f"labels missing in English or Indonesian: {sorted(missing)}"


def test_every_external_term_used_is_declared_once(onto):
    """OWL 2 DL needs every class and property declared, each with one kind: an external
    term (prov:, schema:, skos:, dcterms: ...) used in the ontology or the vocabularies is
    declared, and no IRI is both, say, a class and a property (punning). Values of
    rdfs:seeAlso and of annotation properties are only pointed at, so they are exempt."""
    from rdflib import Literal as Lit
    from rdflib import URIRef as IRI

    builtin = (str(RDF), str(RDFS), str(OWL), "http://www.w3.org/2001/XMLSchema#")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    annotations = set(onto.subjects(RDF.type, OWL.AnnotationProperty)) | {RDFS.seeAlso, RDFS.comment, RDFS.label}
    used = set()
    for s, p, o in onto:
        positions = [s, p] if p in annotations else [s, p, o]
        used |= {t for t in positions if isinstance(t, IRI) and not str(t).startswith(builtin)
                 and not str(t).startswith("https://w3id.org/paradiplo/id/")}
    declared = set(onto.subjects(RDF.type, None))
    assert not sorted(used - declared), sorted(used - declared)
    punned = [t for t in declared if len({k for k in onto.objects(t, RDF.type) if k in kinds}) > 1]
    assert not punned, punned
    assert all(not isinstance(o, Lit) for o in onto.objects(None, RDF.type))


@pytest.mark.parametrize("concept, scheme, broader, en, id_", [
    # a news article's officials who "hadir dan menyaksikan" (were present and witnessed) a signing
    ("role/witness", "role/", "role/participant", "witness (observer)", "saksi (yang menyaksikan)"),
    ("field/creative-economy", "field/", "field/economy", "creative economy", "ekonomi kreatif"),
    ("field/human-resources", "field/", None, "human-resource capacity", "peningkatan kapasitas sumber daya manusia"),
    ("field/agriculture", "field/", None, "agriculture", "pertanian"),
    ("field/energy", "field/", None, "energy", "energi"),
    ("field/ict", "field/", None, "information and communication technology", "teknologi informasi dan komunikasi"),
    ("field/governance", "field/", None, "governance", "tata kelola pemerintahan"),
    ("status/lapsed", "status/", "status/not-functioning", "lapsed", "berakhir tanpa diperpanjang"),
    ("status/proposed", "status/", None, "proposed", "diusulkan"),
])
def test_the_vocabularies_name_what_a_news_article_states(onto, concept, scheme, broader, en, id_):
    c = URIRef(VOCAB + concept)
    assert (c, SKOS.inScheme, URIRef(VOCAB + scheme)) in onto
    labels = {(str(lab), lab.language) for lab in onto.objects(c, SKOS.prefLabel)}
    assert labels == {(en, "en"), (id_, "id")}
    assert {d.language for d in onto.objects(c, SKOS.definition)} == {"en", "id"}
    if broader:
        assert (c, SKOS.broader, URIRef(VOCAB + broader)) in onto
    else:
        assert (c, SKOS.topConceptOf, URIRef(VOCAB + scheme)) in onto


def test_a_state_government_is_a_provincial_and_sub_national_government(onto):
    """Australian states (Queensland, Western Australia) are state governments: province-level,
    so the sister-province condition and the disjointness of government levels hold for them."""
    assert (PDO.StateGovernment, RDFS.subClassOf, PDO.ProvincialGovernment) in onto
    assert {(str(x), x.language) for x in onto.objects(PDO.StateGovernment, RDFS.label)} == {
        ("state government", "en"), ("pemerintah negara bagian", "id")}
