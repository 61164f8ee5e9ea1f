"""The ontology and the data in the tools ontologists use.

* the OWL API's OWL 2 DL profile checker (Debian's ``libowlapi-java``, run through
  ``tests/owl/ProfileCheck.java``), on the ontology alone and on ``paradiplo export owl``
  (ontology + every case);
* the HermiT reasoner (the copy bundled with owlready2), on the same: consistent, and no
  class is unsatisfiable.

Both need Java; ``.ci/run`` installs what is missing and sets ``PARADIPLO_REQUIRE_OWL_TOOLS``
so that CI fails rather than skips. Planted faults show each check can fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import RDF, Graph

from paradiplo.export import rdf_bytes
from paradiplo.kg import ontology_files
from paradiplo.namespaces import PD, PDO

OWLAPI = Path("/usr/share/java/owlapi-distribution.jar")
CHECKER = Path(__file__).parent / "owl" / "ProfileCheck.java"


def _need(ok: bool, what: str):
    if not ok:
        if os.environ.get("PARADIPLO_REQUIRE_OWL_TOOLS"):
            pytest.fail(f"{what} is missing (.ci/run installs it)")
        pytest.skip(f"{what} is missing; .ci/run installs it (apt-get install default-jdk-headless libowlapi-java)")


@pytest.fixture(scope="module")
def profile_check(tmp_path_factory):
    """A function: path of an ontology file -> (in OWL 2 DL?, violations)."""
    _need(shutil.which("javac") and shutil.which("java"), "a Java compiler (javac)")
    _need(OWLAPI.exists(), f"the OWL API ({OWLAPI})")
    classes = tmp_path_factory.mktemp("profile-check")
    classpath = f"{OWLAPI.parent}/*"
    subprocess.run(["javac", "-cp", classpath, "-d", str(classes), str(CHECKER)], check=True)

    def check(path: Path) -> tuple[bool, list[str]]:
        done = subprocess.run(["java", "-cp", f"{classpath}:{classes}", "ProfileCheck", str(path)],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode in (0, 1), done.stderr[-2000:]
        return done.returncode == 0, done.stdout.splitlines()
    return check


@pytest.fixture(scope="module")
def files(ds, tmp_path_factory):
    """The ontology alone and ``paradiplo export owl`` of the bundled data, as RDF/XML."""
    folder = tmp_path_factory.mktemp("owl")
    ontology = Graph()
    for f in ontology_files():
        ontology.parse(f)
    (folder / "ontology.owl").write_text(ontology.serialize(format="xml"), encoding="utf-8")
    (folder / "paradiplo.owl").write_bytes(rdf_bytes(ds, "owl"))
    return folder


def _planted(folder: Path, name: str, *triples) -> Path:
    g = Graph().parse(folder / "paradiplo.owl", format="xml")
    for t in triples:
        g.add(t)
    path = folder / name
    path.write_text(g.serialize(format="xml"), encoding="utf-8")
    return path


def test_ontology_is_in_owl2_dl(profile_check, files):
    ok, violations = profile_check(files / "ontology.owl")
    assert ok, violations


def test_owl_export_of_ontology_and_data_is_in_owl2_dl(profile_check, files):
    ok, violations = profile_check(files / "paradiplo.owl")
    assert ok, violations


def test_profile_check_fails_on_dates_outside_the_owl2_datatype_map(profile_check, ds, files):
    """Why ``export owl`` writes dates as strings: the data's own xsd:gYear and xsd:date
    literals are not in the OWL 2 datatype map."""
    path = files / "as-stored.ttl"
    path.write_bytes(rdf_bytes(ds, "turtle"))
    ok, violations = profile_check(path)
    assert not ok
    assert any("xsd:gYear" in v for v in violations) and any("xsd:date" in v for v in violations)


def test_profile_check_fails_on_an_undeclared_property(profile_check, files):
    path = _planted(files, "undeclared.owl", (PD["x"], PD["not-declared"], PD["y"]))
    ok, violations = profile_check(path)
    assert not ok and any("not-declared" in v for v in violations)


def _hermit(path: Path) -> list[str]:
    """HermiT's verdict: [] if consistent with no unsatisfiable class, else what is wrong."""
    owlready2 = pytest.importorskip("owlready2")
    _need(shutil.which("java"), "Java (java)")
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    try:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return ["inconsistent"]
    return [str(c) for c in world.inconsistent_classes()]


def test_hermit_finds_the_ontology_consistent_with_no_unsatisfiable_class(files):
    assert _hermit(files / "ontology.owl") == []


def test_hermit_finds_ontology_and_data_consistent(files):
    assert _hermit(files / "paradiplo.owl") == []


def test_hermit_catches_an_actor_of_two_disjoint_types(files):
    path = _planted(files, "disjoint.owl", (PD["x"], RDF.type, PDO.Embassy), (PD["x"], RDF.type, PDO.Consulate))
    assert _hermit(path) == ["inconsistent"]
