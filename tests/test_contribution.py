"""The gate a contributed case passes: it catches what a reviewer would catch, with one
located message a mistake, and it lets a correct new case through.

``contribution/synthetic-alfa-beta.trig`` is a well-formed SYNTHETIC case with its own
source text (``contribution/texts/``). Each file in ``contribution/mistakes/`` breaks it in
one realistic way (what a contributor did, tried as a user would) and says which
violations must follow: exactly those, each with a message that says what to do.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from paradiplo.cli import main
from paradiplo.kg import project_root
from paradiplo.validate import validate_files

from .conftest import BUNDLED_CASES, bundled_files

HERE = Path(__file__).parent / "contribution"
CASE = HERE / "synthetic-alfa-beta.trig"
TEXT = HERE / "texts" / "900_synthetic_alfa_beta.txt"
MISTAKES = sorted((HERE / "mistakes").glob("*.json"))
PD = "https://w3id.org/paradiplo/id/"


def _draft(tmp_path: Path, mistake: dict | None = None) -> Path:
    """The synthetic case (with the mistake made) in a folder of its own, its text beside it."""
    text = CASE.read_text(encoding="utf-8")
    for old, new in (mistake or {}).get("replace", []):
        assert old in text, f"the mistake's text is not in the case: {old}"
        text = text.replace(old, new)
    if mistake and mistake.get("append"):
        text = text.rstrip().removesuffix("}") + "\n" + mistake["append"] + "\n}\n"
    (tmp_path / "texts").mkdir(exist_ok=True)
    shutil.copy(TEXT, tmp_path / "texts" / TEXT.name)
    path = tmp_path / CASE.name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_synthetic_case_is_accepted(tmp_path):
    report = validate_files([_draft(tmp_path)], contribution=True)
    assert report.conforms(), [f.message for f in report.findings if f.severity == "Violation"]


def test_the_growth_case_is_accepted(tmp_path):
    """The second synthetic case (scripts/check-growth.py adds both to a copy of the
    project) passes the contribution gate beside the bundled cases it reuses entities of
    (DKI Jakarta, Jakarta, Indonesia, the Indonesian foreign ministry)."""
    (tmp_path / "texts").mkdir()
    shutil.copy(HERE / "texts" / "901_synthetic_jakarta_gamma.txt", tmp_path / "texts")
    case = shutil.copy(HERE / "synthetic-jakarta-gamma.trig", tmp_path)
    report = validate_files([Path(case)], contribution=True)
    assert report.conforms(), [f.message for f in report.findings if f.severity == "Violation"]
    assert {f.shape for f in report.findings} == {"pdsh:CityIdentifierShape"}  # Gamma has no Wikidata item


def test_every_mistake_of_the_issue_has_an_example():
    assert len(MISTAKES) >= 15


@pytest.mark.parametrize("path", MISTAKES, ids=lambda p: p.stem)
def test_a_mistake_gets_its_messages_and_no_other(path, tmp_path):
    mistake = json.loads(path.read_text(encoding="utf-8"))
    draft = _draft(tmp_path, mistake)
    # in the context of the four bundled cases: how many files declare Semarang (say) grows
    # with every correct new case, and with it the number of messages about reusing its IRI
    report = validate_files([draft], context=bundled_files(), contribution=mistake["contribution"])
    got = [f for f in report.findings if f.severity == "Violation"]
    assert sorted(f.shape for f in got) == sorted(e["shape"] for e in mistake["expect"]), \
        "\n".join(f"{f.shape} {f.path} {f.value}: {f.message}" for f in got)
    for e in mistake["expect"]:
        matching = [f for f in got if f.shape == e["shape"] and (e.get("path") in (None, f.path))
                    and (e.get("focus") is None or f.focus == PD + e["focus"][3:]) and e["message_has"] in f.message]
        assert matching, f"no {e['shape']} finding saying {e['message_has']!r}: {[f.message for f in got]}"
        assert all(f.file and f.file.endswith(CASE.name) and f.line for f in matching)  # located
    assert not report.conforms()
    indonesian = validate_files([draft], context=bundled_files(), contribution=mistake["contribution"], lang="id")
    assert sorted(f.shape for f in indonesian.findings if f.severity == "Violation") == \
        sorted(e["shape"] for e in mistake["expect"])
    english = {f.message for f in got}
    assert all(f.message and f.message not in english for f in indonesian.findings if f.severity == "Violation")


def test_a_relative_iri_is_a_located_error(tmp_path):
    draft = _draft(tmp_path, {"replace": [["pdo:actor pd:ani-lestari ;", "pdo:actor <ani-lestari> ;"]]})
    result = CliRunner().invoke(main, ["validate", str(draft)])
    assert result.exit_code == 2
    assert re.search(r"synthetic-alfa-beta\.trig:\d+:\d+: syntax error: a relative IRI", result.output)
    assert "Traceback" not in result.output


def test_the_cli_exits_1_with_the_message(tmp_path):
    draft = _draft(tmp_path, json.loads((HERE / "mistakes" / "date-day-month-year.json").read_text()))
    result = CliRunner().invoke(main, ["validate", str(draft)])
    assert result.exit_code == 1 and "12-03-2015 is not a valid xsd:date" in result.output
    assert "Traceback" not in result.output


def test_a_draft_of_a_bundled_case_replaces_it_instead_of_merging(tmp_path):
    """A missing citation in a draft of semarang-jung-gu must not be hidden by the bundled
    version of the same named graph."""
    bundled = project_root() / "data" / "cases" / "semarang-jung-gu.trig"
    text = bundled.read_text(encoding="utf-8")
    cut = "pdo:supports pdo:studies ; "
    assert cut in text
    draft = tmp_path / "semarang-jung-gu.trig"
    draft.write_text(text.replace(cut, "", 1), encoding="utf-8")
    report = validate_files([draft])
    assert [(f.shape, f.path) for f in report.findings if f.severity == "Violation"] == \
        [("pdsh:StatementProvenanceShape", "pdo:studies")]


def test_json_and_turtle_reports_carry_shacl_conforms(tmp_path):
    draft = _draft(tmp_path)
    report = validate_files([draft])
    assert report.conforms() and report.findings  # warnings only: the project's policy passes ...
    assert report.to_json()["shacl_conforms"] is False  # ... but SHACL's sh:conforms is false
    assert "sh:conforms false" in report.turtle()
    bad = validate_files([_draft(tmp_path, json.loads((HERE / "mistakes" / "quote-paraphrased.json").read_text()))])
    assert "pdsh:VerbatimQuoteShape" in bad.turtle()  # paradiplo's own checks are results of the report too


@pytest.mark.skipif(not os.environ.get("PARADIPLO_SLOW_TESTS", "1") == "1", reason="slow")
def test_a_correct_new_case_keeps_the_checks_and_the_build_green(tmp_path):
    """Copy the project, add the synthetic case and its text, and run there the per-case
    tests, the acceptance check and the build: nothing pinned to the bundled cases fails."""
    root = project_root()
    copy = tmp_path / "project"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".venv", ".git", "out", "__pycache__", "*.egg-info",
                                                              ".pytest_cache", "benchmarks"))
    if (root.parent / "shared").exists():  # the GEXF schemas and the world list, beside the checkout as in CI
        (tmp_path / "shared").symlink_to(root.parent / "shared")
    for other in (copy / "data" / "cases").glob("*.trig"):  # the four bundled cases and the new one:
        if other.stem not in BUNDLED_CASES:                  # the suite itself runs on all of them
            other.unlink()
    shutil.copy(CASE, copy / "data" / "cases" / CASE.name)
    shutil.copy(TEXT, copy / "data" / "texts" / TEXT.name)
    env = {**os.environ, "PARADIPLO_ROOT": str(copy), "PARADIPLO_SLOW_TESTS": "0"}
    paradiplo = [str(Path(sys.executable).parent / "paradiplo")]
    accept = subprocess.run([*paradiplo, "validate", "--contribution", str(copy / "data" / "cases" / CASE.name)],
                            env=env, capture_output=True, text=True, timeout=300)
    assert accept.returncode == 0, accept.stdout[-3000:] + accept.stderr[-3000:]
    # the tests parametrised over data/cases/* (run here for the new case), and those that
    # once pinned totals of the bundled cases (the whole suite on such a copy, which takes
    # minutes, was run by hand when this test was written, and was green)
    per_case = ["tests", "-k", "(synthetic-alfa-beta or city_network or folder_is_searched or stats_ or partnerships"
                " or construct_gives or command_is_in_readme) and not virtuoso"]  # another store: not about cases
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", *per_case],
                           cwd=copy, env=env, capture_output=True, text=True, timeout=900)
    assert tests.returncode == 0, tests.stdout[-4000:]
    assert "[synthetic-alfa-beta]" in tests.stdout  # the per-case tests ran on the new case
    build = subprocess.run([*paradiplo, "build", "--no-world", "--out", str(tmp_path / "out")],
                           cwd=copy, env=env, capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert "synthetic-alfa-beta" in (tmp_path / "out" / "summary.json").read_text(encoding="utf-8")


def test_officials_without_a_country_are_one_warning(tmp_path):
    """The synthetic case names six officials whose country its text does not give: one
    warning names them all (with their lines), instead of six that bury the others."""
    draft = _draft(tmp_path)
    for lang, line_word in (("en", "line"), ("id", "baris")):
        found = [f for f in validate_files([draft], lang=lang).findings if f.shape == "pdsh:ActorCountryShape"]
        assert len(found) == 1 and found[0].severity == "Warning", [f.message for f in found]
        for name in ("Ani Lestari", "Candra Wijaya", "Dewi Kartika", "Eko Prasetyo", "Fajar Nugroho", "Gita Permata"):
            assert name in found[0].message
        assert f"Ani Lestari ({line_word} " in found[0].message and found[0].file.endswith(CASE.name)


def test_a_second_government_for_a_place_of_another_case_is_said(tmp_path):
    """A case that gives a place of another case a government of its own (most likely the
    same government under a second IRI, which would split one actor in two in the network)
    gets a warning naming the government the other case gives it."""
    draft = _draft(tmp_path, {"replace": [["pdo:governs pd:alfa ;", "pdo:governs pd:alfa , pd:semarang ;"]]})
    report = validate_files([draft], context=bundled_files())
    said = [f for f in report.findings if f.shape == "pdsh:OneGovernmentPerPlaceShape"]
    assert said and all(f.severity == "Warning" and f.focus == PD + "alfa-city-government" for f in said)
    assert any("pd:semarang-city-government" in f.message and "semarang-jung-gu.trig" in f.message for f in said)
    assert report.conforms()  # the curators' call, not a refusal
