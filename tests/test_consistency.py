"""The OWL 2 RL closure (owlrl) of ontology + data is consistent: no disjointness or
functional-property violation. A planted violation shows the check can fail."""

import owlrl
from owlrl.Namespaces import ERRNS
from rdflib import OWL, RDF, XSD, Graph, Literal, URIRef

from paradiplo.kg import ontology_files
from paradiplo.namespaces import PD, PDO


def _closure_errors(g: Graph) -> list[str]:
    """owlrl's inconsistency messages, plus functional properties with two values.

    owlrl reports disjointness clashes itself; for a functional *datatype* property
    with two different literals, rule prp-fp only infers owl:sameAs between them, so
    that case is checked here on the closure.
    """
    g = Graph() + g
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    errors = [str(m) for e in g.subjects(RDF.type, ERRNS.ErrorMessage) for m in g.objects(e, ERRNS.error)]
    for p in set(g.subjects(RDF.type, OWL.FunctionalProperty)):
        for s in set(g.subjects(p, None)):
            values = {o.toPython() if isinstance(o, Literal) else o for o in g.objects(s, p)}
            iris = {o for o in values if isinstance(o, URIRef)}
            same = {frozenset([o, *g.objects(o, OWL.sameAs)]) for o in iris}
            if len(values - iris) + len(same) > 1:
                errors.append(f"{s} has {len(values)} values for functional {p}")
    return sorted(errors)


def _ontology() -> Graph:
    g = Graph()
    for f in ontology_files():
        g.parse(f)
    return g


def test_owl_rl_closure_of_the_knowledge_graph_is_consistent(bundled):
    """On the four bundled cases (owlrl's closure in Python grows with the data; the whole
    knowledge graph, every case included, is checked consistent by HermiT in
    tests/test_owl_dl.py::test_hermit_finds_ontology_and_data_consistent)."""
    from paradiplo.kg import to_rdflib

    assert _closure_errors(to_rdflib(bundled)) == []


def test_owl_rl_check_catches_disjoint_actor_types():
    g = _ontology()
    g.add((PD["x"], RDF.type, PDO.Embassy))
    g.add((PD["x"], RDF.type, PDO.Consulate))
    assert _closure_errors(g), "two disjoint types on one actor must be reported"


def test_owl_rl_check_catches_two_signing_dates():
    g = _ontology()
    g.add((PD["a"], PDO.signedOn, Literal("2004-11-23", datatype=XSD.date)))
    g.add((PD["a"], PDO.signedOn, Literal("2003-11-23", datatype=XSD.date)))
    assert _closure_errors(g), "pdo:signedOn is functional"
