"""`paradiplo validate` and `paradiplo new-case` as a contributor uses them."""

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from paradiplo.cli import main

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "schemas" / "validation-report.schema.json").read_text())
INVALID = ROOT / "tests" / "shapes" / "invalid"


@pytest.fixture
def runner():
    return CliRunner()


def test_bundled_data_validates_with_exit_0(runner):
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert "0 violations" in result.output and "conforms" in result.output


def test_fail_on_warning_fails_the_bundled_data(runner):
    # The bundled data has warnings (e.g. Jung-gu has no country: source 004 gives none).
    result = runner.invoke(main, ["validate", "--fail-on", "warning"])
    assert result.exit_code == 1


def test_json_report_matches_its_schema(runner):
    result = runner.invoke(main, ["validate", "--format", "json"])
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["conforms"] is True and report["counts"]["violation"] == 0


BROKEN = """@prefix pd: <https://w3id.org/paradiplo/id/> .
@prefix pdo: <https://w3id.org/paradiplo/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

# An implementing agreement with only one party: pdsh:Agreement-party must fire.
pd:agreement-test a pdo:ImplementingAgreement ;
    rdfs:label "Test agreement"@en ;
    pdo:signedOn "2005"^^xsd:gYear ;
    pdo:party pd:pemprov-dki-jakarta ;
    pdo:implements pd:agreement-jakarta-hanoi-mou-2004 ;
    pdo:attestedBy [ pdo:source pd:source-002 ; pdo:locator "x" ;
        pdo:supports pdo:signedOn , pdo:party , pdo:implements ; pdo:quote "y" ] .
"""


def test_json_report_of_a_broken_file(runner, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(BROKEN)
    result = runner.invoke(main, ["validate", str(broken), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)  # the JSON is standard output; the verdict goes to standard error
    jsonschema.validate(report, SCHEMA)
    [entry] = report["files"]
    [row] = entry["results"]
    assert row["shape"] == "pdsh:Agreement-party" and row["path"] == "pdo:party"
    assert row["line"] == 7  # where pd:agreement-test is written
    assert row["label"] == "Test agreement"


def test_contributed_file_may_refer_to_bundled_actors(runner, tmp_path):
    case = tmp_path / "visit.ttl"
    case.write_text("""
@prefix pd: <https://w3id.org/paradiplo/id/> .
@prefix pdo: <https://w3id.org/paradiplo/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix role: <https://w3id.org/paradiplo/vocab/role/> .
pd:activity-test-visit a pdo:Visit ; rdfs:label "A visit"@en ;
    pdo:underPartnership pd:partnership-jakarta-hanoi ; pdo:date "2019"^^xsd:gYear ;
    pdo:participation [ a pdo:Participation ; pdo:actor pd:kemlu-ri ; pdo:role role:facilitator ] ;
    pdo:attestedBy [ pdo:source pd:source-002 ; pdo:locator "x" ;
        pdo:supports pdo:underPartnership , pdo:date , pdo:participation ; pdo:quote "y" ] .
""")
    result = runner.invoke(main, ["validate", str(case)])
    assert result.exit_code == 0, result.output
    assert "1 file checked: 0 violations, 0 warnings" in result.output


def test_turtle_report_is_a_shacl_report(runner):
    from rdflib import Graph
    from rdflib.namespace import SH
    result = runner.invoke(main, ["validate", str(INVALID / "agreement-one-party.ttl"), "--format", "turtle"])
    g = Graph().parse(data=result.stdout, format="turtle")
    assert list(g.subjects(None, SH.ValidationReport))


def test_indonesian_messages(runner, tmp_path):
    broken = tmp_path / "b.ttl"
    broken.write_text((INVALID / "activity-without-time.ttl").read_text().replace("pd:partnership-base",
                                                                                   "pd:partnership-jakarta-hanoi"))
    result = runner.invoke(main, ["validate", str(broken), "--lang", "id"])
    assert "Beri waktu kegiatan" in result.output


@pytest.mark.parametrize("name, content, reason", [
    ("bad.ttl", b"@prefix pd: <https://w3id.org/paradiplo/id/> .\npd:a pd:b .\n", "syntax error"),
    ("bad.trig", b"@prefix pd: <https://w3id.org/paradiplo/id/> .\npd:g { pd:a pd:b pd:c .\n", "syntax error"),
    ("bad.nt", b"<http://x/a> <http://x/b> \"unterminated .\n", "syntax error"),
    ("bad.nq", b"<http://x/a> <http://x/b> <http://x/c> <http://x/g> <http://x/h> .\n", "syntax error"),
    ("bad.jsonld", b'{"@context": {"x": "http://x/"}, "@id": "x:a", "x:b": [}', "syntax error"),
    ("empty.ttl", b"", "no RDF statements"),
    ("only-prefixes.ttl", b"@prefix pd: <https://w3id.org/paradiplo/id/> .\n# nothing yet\n", "no RDF statements"),
    ("binary.ttl", bytes(range(256)), "binary"),
    ("latin1.ttl", '<http://x/a> <http://x/b> "Caf\xe9" .\n'.encode("latin-1"), "not UTF-8"),
    ("notes.txt", b"hello\n", "unknown RDF format"),
])
def test_unreadable_input_exits_2_with_a_located_message(runner, tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert str(path) in result.output and reason in result.output
    assert "Traceback" not in result.output
    assert path.read_bytes() == content, "input file modified"


def test_huge_literal_is_refused_with_its_line(runner, tmp_path):
    path = tmp_path / "huge.ttl"
    path.write_text('@prefix pd: <https://w3id.org/paradiplo/id/> .\n\n'
                    '<https://w3id.org/paradiplo/id/x> <http://www.w3.org/2000/01/rdf-schema#comment> "'
                    + "a" * 5_000_000 + '" .\n')
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2, result.output[-500:]
    assert f"{path}:3:" in result.output and "literal longer than" in result.output
    assert "Traceback" not in result.output


def test_syntax_error_gives_line_and_column(runner, tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("@prefix pd: <https://w3id.org/paradiplo/id/> .\n\npd:a pd:b pd:c ;\n  pd:d .\n pd:e pd:f pd:g ]\n")
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert f"{path}:4:8:" in result.output  # "pd:d ." - the object is missing


def test_missing_path_exits_2(runner, tmp_path):
    result = runner.invoke(main, ["validate", str(tmp_path / "nope.trig")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_folder_is_searched(runner):
    folder = ROOT / "data" / "cases"
    files = [p for p in folder.rglob("*") if p.suffix in (".ttl", ".trig", ".nt", ".nq", ".jsonld")]
    result = runner.invoke(main, ["validate", str(folder)])
    assert result.exit_code == 0 and f"{len(files)} files checked" in result.output


def test_new_case_skeleton_validates_with_warnings_only(runner, tmp_path):
    result = runner.invoke(main, ["new-case", "bandung-fort-worth", "--partners", "Bandung", "Fort Worth",
                                  "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    path = tmp_path / "bandung-fort-worth.trig"
    report = json.loads(runner.invoke(main, ["validate", str(path), "--format", "json"]).output)
    assert report["conforms"] is True
    assert report["counts"]["violation"] == 0 and report["counts"]["warning"] > 0
    shapes = {r["shape"] for f in report["files"] for r in f["results"]}
    assert "pdsh:Citation-todo" in shapes  # the contributor sees what is left to fill in


def test_new_case_refuses_to_overwrite(runner, tmp_path):
    args = ["new-case", "a-b", "--partners", "A", "B", "--dir", str(tmp_path)]
    assert runner.invoke(main, args).exit_code == 0
    before = (tmp_path / "a-b.trig").read_text()
    result = runner.invoke(main, args)
    assert result.exit_code == 2 and "exists already" in result.output
    assert (tmp_path / "a-b.trig").read_text() == before


@pytest.mark.parametrize("slug, partners, message", [
    ("Bad Name", ["A", "B"], "lower-case"),
    ("a-a", ["Alpha", "alpha"], "different"),
])
def test_new_case_rejects_bad_arguments(runner, tmp_path, slug, partners, message):
    result = runner.invoke(main, ["new-case", slug, "--partners", *partners, "--dir", str(tmp_path)])
    assert result.exit_code == 2 and message in result.output


def test_a_day_month_year_date_gives_one_located_message_and_no_traceback(tmp_path):
    """rdflib cannot convert "24-05-1960"^^xsd:date and used to print its tracebacks; the
    engine compared the text and said it lies in the future. Now: one message, on the
    property written, with the fix, in every command that reads the data."""
    import subprocess
    import sys

    case = tmp_path / "d.ttl"
    case.write_text((INVALID / "agreement-date-day-month-year.ttl").read_text())
    run = subprocess.run([sys.executable, "-m", "paradiplo.cli", "validate", str(case)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "Traceback" not in run.stdout + run.stderr
    assert "24-05-1960 is not a valid xsd:date: write it as YYYY-MM-DD, e.g. 1960-05-24." in run.stdout
    assert "future" not in run.stdout and run.stdout.count("24-05-1960 is not") == 1


def test_a_second_iri_for_a_shared_actor_is_refused(runner, tmp_path):
    """A case that declares its own IRI under the Indonesian name of the Ministry of Home
    Affairs (declared once in data/actors.ttl as pd:kemendagri) is told to link to it."""
    case = tmp_path / "semarang-jung-gu.trig"
    case.write_text((ROOT / "data" / "cases" / "semarang-jung-gu.trig").read_text(encoding="utf-8").replace(
        "# --- actors ---",
        'pd:home-affairs a pdo:Ministry ; rdfs:label "Home affairs"@en , '
        '"Kementerian Dalam Negeri Republik Indonesia"@id ; pdo:level level:national ; pdo:country pd:indonesia ;\n'
        '    pdo:attestedBy [ pdo:source pd:source-004 ; pdo:locator "4.2 Saran" ; pdo:quote "Saran" ] .\n'
        "# --- actors ---", 1), encoding="utf-8")
    result = runner.invoke(main, ["validate", str(case), "--format", "json"])
    assert result.exit_code == 1, result.output
    found = [f for file in json.loads(result.stdout)["files"] for f in file["results"]
             if f["shape"] == "pdsh:SharedActorShape"]
    assert [f["focus"] for f in found] == ["https://w3id.org/paradiplo/id/home-affairs"]
    assert "pd:kemendagri" in found[0]["message"] and "data/actors.ttl" in found[0]["message"]


def test_a_shared_actor_named_but_not_typed_in_a_case_is_a_warning(runner, tmp_path):
    """Surabaya-Kitakyushu names JICA (source 108) and states its type; without that line
    JICA would not count among the case's actors, and the warning says which line to add."""
    case = tmp_path / "surabaya-kitakyushu.trig"
    text = (ROOT / "data" / "cases" / "surabaya-kitakyushu.trig").read_text(encoding="utf-8")
    assert "\npd:jica a pdo:CooperationAgency .\n" in text
    case.write_text(text.replace("\npd:jica a pdo:CooperationAgency .\n", "\n", 1), encoding="utf-8")
    result = runner.invoke(main, ["validate", str(case), "--format", "json"])
    assert result.exit_code == 0, result.output  # a warning: the case still conforms
    found = [f for file in json.loads(result.stdout)["files"] for f in file["results"]
             if f["shape"] == "pdsh:SharedActorTypedShape"]
    assert [f["focus"] for f in found] == ["https://w3id.org/paradiplo/id/jica"]
    assert "pd:jica a pdo:CooperationAgency ." in found[0]["message"]
