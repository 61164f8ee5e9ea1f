"""Data-driven tests of the SHACL shapes (after pySHACL's test/resources/sht_tests).

``tests/shapes/base.trig`` is a minimal valid case. Each file in ``invalid/`` breaks
exactly one rule; ``NAME.json`` beside it names the shape, constraint component, focus
node and severity that must fire, and nothing else may. Each file in ``valid/`` must
conform. Every example is validated together with the base case, as a contributed
file is validated together with the bundled data.
"""

import json
from pathlib import Path

import pytest

from paradiplo.validate import validate_files

HERE = Path(__file__).parent / "shapes"
BASE = HERE / "base.trig"
INVALID = sorted((HERE / "invalid").glob("*.ttl"))
VALID = sorted((HERE / "valid").glob("*.ttl"))
PD = "https://w3id.org/paradiplo/id/"


def _expand(curie: str) -> str:
    return PD + curie[3:] if curie.startswith("pd:") else curie


def _key(f):
    return (f.severity, f.shape, f.component, f.focus)


def test_corpus_is_large_enough():
    assert len(INVALID) >= 30


def test_base_case_is_clean():
    report = validate_files([BASE], context=[])
    assert report.findings == [], report.findings


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_example_breaks_exactly_its_rule(path):
    expected = json.loads(path.with_suffix(".json").read_text())
    report = validate_files([path], context=[BASE])
    got = [_key(f) for f in report.findings]
    want = (expected["severity"], expected["shape"], expected["component"], _expand(expected["focus"]))
    assert got == [want], "\n".join(f"{f.shape} {f.component} {f.focus}: {f.message}" for f in report.findings)
    assert report.findings[0].message, "no message for the contributor"
    assert report.conforms() == (expected["severity"] != "Violation")


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_example_conforms(path):
    report = validate_files([path], context=[BASE])
    assert report.conforms(), "\n".join(f"{f.shape}: {f.message}" for f in report.findings)


def _all(f):
    return (f.severity, f.shape, f.component, f.focus, f.path, f.value, f.message)


@pytest.mark.parametrize("path", INVALID + VALID, ids=lambda p: p.stem)
def test_fast_engines_agree_with_pyshacl(path):
    """The fast engines are only kept because they give pySHACL's results: the same
    findings, with the same path, value and message."""
    reference = sorted(map(_all, validate_files([path], context=[BASE], engine="pyshacl").findings))
    for engine in ("native", "turbo"):
        assert sorted(map(_all, validate_files([path], context=[BASE], engine=engine).findings)) == reference, engine


def test_native_engine_compiles_every_shape_with_a_target():
    """Every targeted shape becomes queries, and a feature the compiler does not know is
    refused rather than skipped."""
    from rdflib import Graph
    from rdflib.namespace import SH

    from paradiplo.validate.native import Unsupported, compile_shapes
    from paradiplo.validate.shapes import shapes_graph

    compiled = {q.shape for q in compile_shapes(shapes_graph())}
    g = shapes_graph()
    targeted = {s for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target) for s in g.subjects(p)}
    reporting = {t for t in targeted if (t, SH.message, None) in g}
    reporting |= {ps for t in targeted for ps in g.objects(t, SH.property)}
    assert reporting <= compiled, reporting - compiled
    odd = Graph().parse(data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:uniqueLang true ] .""")
    with pytest.raises(Unsupported, match="uniqueLang"):
        compile_shapes(odd)


def test_messages_in_indonesian():
    report = validate_files([HERE / "invalid" / "agreement-one-party.ttl"], context=[BASE], lang="id")
    assert report.findings[0].message.startswith("Perjanjian memiliki paling sedikit dua pihak")


def test_bundled_data_conforms():
    report = validate_files()
    assert report.conforms(), [f for f in report.findings if f.severity == "Violation"]


def test_every_shape_is_named_and_documented():
    """Every node and property shape that reports a result is a named IRI with messages in
    English and Indonesian; every property shape has sh:name and sh:description."""
    from rdflib import BNode, Graph
    from rdflib.namespace import RDF, SH

    g = Graph().parse(Path(__file__).resolve().parents[1] / "ontology" / "shapes" / "paradiplo-shapes.ttl")
    reporting = {s for s in g.subjects(SH.message, None)}
    for shape in set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape)):
        assert not isinstance(shape, BNode), "shapes are named IRIs"
    for shape in reporting:
        assert not isinstance(shape, BNode), f"a reporting shape without a name: {shape}"
        assert {m.language for m in g.objects(shape, SH.message)} >= {"en", "id"}, f"{shape}: messages"
    for ps in set(g.objects(None, SH.property)):
        assert list(g.objects(ps, SH.name)) and list(g.objects(ps, SH.description)), f"{ps}: sh:name/sh:description"
