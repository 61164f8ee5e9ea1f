"""paradiplo compare on the bundled knowledge graph: facts of NAMED cases (checked by hand
against data/cases/*.trig and data/compare/calibration.yaml), never totals, so that new
cases do not change them; and the command line's behaviour on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from paradiplo.cli import main
from paradiplo.compare import analyse
from paradiplo.compare.calibration import parse
from paradiplo.errors import InputError

SJ = "https://w3id.org/paradiplo/id/case-semarang-jung-gu"
ST = "https://w3id.org/paradiplo/id/case-seoul-tokyo"
JT = "https://w3id.org/paradiplo/id/case-jakarta-tokyo"
ALL = ["COMMIT", "CENTRE", "BUDGET", "NONSTATE", "RECIP", "CRISIS"]


@pytest.fixture(scope="module")
def analysis(ds):
    return analyse(kg=ds, conditions=ALL)


def test_semarang_jung_gu_cells_and_their_passages(analysis):
    cells = analysis.matrix.cells[SJ]
    # Ringrose's 'commitment of both parties' judged not met (source 004, 4.1 para. 2)
    assert cells["COMMIT"].value == 0
    assert any(e["item"] == "pd:assessment-semarang-jung-gu-commitment" and e["locator"] == "4.1 Kesimpulan, para. 2"
               and "komitmen kedua pihak" in e["quote"] for e in cells["COMMIT"].evidence)
    # budget: the staff exchange stopped "karena terpentok anggaran" (4.1 para. 3)
    assert cells["BUDGET"].value == 1
    assert any(e["item"] == "pd:obstacle-semarang-jung-gu-budget" and "terpentok anggaran" in (e["quote"] or "")
               for e in cells["BUDGET"].evidence)
    # reciprocity not met, and the one-sided benefit obstacle beside it
    assert cells["RECIP"].value == 0
    assert {e["item"] for e in cells["RECIP"].evidence} >= {"pd:assessment-semarang-jung-gu-reciprocity",
                                                             "pd:obstacle-semarang-jung-gu-one-sided"}
    # community participation not met
    assert cells["NONSTATE"].value == 0
    # outcome: the latest judgement is 'not running well' (2016-2021) -> 0.33 in the calibration
    assert cells["ACTIVE"].value == pytest.approx(0.33)
    assert cells["ACTIVE"].evidence[0]["signal"] == "status:not-running-well"
    # nothing about the centre: unknown, never a silent 0
    assert cells["CENTRE"].value is None


def test_silence_is_unknown_unless_the_calibration_says_why(analysis):
    # Seoul-Tokyo's sources say nothing about the local governments' commitment
    assert analysis.matrix.cells[ST]["COMMIT"].value is None
    # Semarang-Jung-gu's source names no crisis: the calibration sets 0 and its reason is in the cell
    crisis = analysis.matrix.cells[SJ]["CRISIS"]
    assert crisis.value == 0 and "does not" in crisis.note and crisis.evidence == []


def test_jakarta_tokyo_outcome_joins_two_judgements_by_min(analysis):
    # 'active, productive and sustained' (1) and 'running well' (0.67) for 2018-2022: min taken
    cell = analysis.matrix.cells[JT]["ACTIVE"]
    assert cell.value == pytest.approx(0.67) and "min" in cell.note


def test_cases_with_unknown_values_are_left_out_and_said(analysis, ds):
    assert "seoul-tokyo" in analysis.table.excluded
    assert any("left out" in line for line in analysis.limits())
    # the default conditions (COMMIT, NONSTATE, BUDGET, CRISIS): Semarang-Jung-gu is 0, 0, 1, 0 -> row 3
    default = analyse(kg=ds)
    row = next(r for r in default.table.rows if "semarang-jung-gu" in r.cases)
    assert (row.number, row.config, row.out) == (3, (0, 0, 1, 0), 0)


def test_cli_table_names_calibration_and_limits():
    result = CliRunner().invoke(main, ["compare", "--cases", "semarang-jung-gu,jakarta-tokyo"])
    assert result.exit_code == 0, result.output
    assert "calibration.yaml" in result.output
    assert "logical remainders" in result.output
    assert "terpentok anggaran" in result.output


def test_cli_csv_is_what_r_reads():
    result = CliRunner().invoke(main, ["compare", "--format", "csv", "--cases", "seoul-tokyo"])
    assert result.exit_code == 0, result.output
    header, row = result.output.splitlines()[:2]
    assert header.startswith("case,COMMIT,")
    assert row.startswith("seoul-tokyo,,")   # unknown: an empty cell (NA to R)


def test_cli_json_and_rdf(tmp_path):
    out = tmp_path / "a.trig"
    lc = str(Path(__file__).parent / "compare" / "lipset" / "LC.csv")
    result = CliRunner().invoke(main, ["compare", "--data", lc, "--outcome", "SURV", "--format", "json",
                                       "--rdf", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["solutions"]["parsimonious"]["expression"] == "DEV*STB"
    from rdflib import Dataset
    ds = Dataset()
    ds.parse(out, format="trig")
    assert any("DEV*STB" in str(q[2]) for q in ds.quads((None, None, None, None)))


@pytest.mark.parametrize("args, needle", [
    (["--cases", "no-such-case"], "no case no-such-case"),
    (["--conditions", "FOO"], "FOO is not one of the sets"),
    (["--data", "nonexistent.csv"], "cannot be read"),
])
def test_cli_bad_input_exits_2(args, needle):
    result = CliRunner().invoke(main, ["compare", *args])
    assert result.exit_code == 2, result.output
    assert needle in result.output
    assert "Traceback" not in result.output


def test_bad_calibration_names_the_problem(tmp_path):
    bad = tmp_path / "c.yaml"
    bad.write_text("outcome: Y\nsets:\n  Y: {method: ordinal, map: {a: 2}}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", "--calibration", str(bad)])
    assert result.exit_code == 2 and "sets.Y.map.a: 2 is outside [0, 1]" in result.output
    with pytest.raises(InputError, match="when_silent is 0 but no reason"):
        parse({"outcome": "Y", "sets": {"Y": {"method": "calibrated"},
                                        "A": {"method": "crisp", "rules": [{"signal": "x", "value": 1}],
                                              "when_silent": 0}}}, Path("c.yaml"))


def test_page_cells_open_their_passages(ds):
    from paradiplo.serve.compare import default_page
    from paradiplo.site import MARK, relink

    page = relink(default_page(ds, MARK), 0)
    # Semarang-Jung-gu's BUDGET cell opens the passage and links the obstacle's own page
    assert "<details><summary>1</summary>" in page
    assert "href='id/obstacle-semarang-jung-gu-budget.html'" in page
    assert "terpentok anggaran" in page
    assert "What these cases can and cannot show" in page
    assert "<script" not in page.split("</nav>", 1)[1]


def test_served_compare_page(ds):
    import asyncio

    from paradiplo.serve.app import create_app

    app = create_app(ds)
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": "/compare", "raw_path": b"/compare", "query_string": b"",
             "headers": [], "scheme": "http", "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1),
             "root_path": "", "http_version": "1.1"}
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 200
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body").decode("utf-8")
    assert "/id/assessment-semarang-jung-gu-commitment" in body


def test_condition_queries_have_headers_and_stay_out_of_the_general_list():
    from paradiplo import query as q
    from paradiplo.compare.calibration import default_path, load

    folder = Path(__file__).resolve().parents[1] / "queries" / "conditions"
    named = {s.query for s in load(default_path()).sets.values() if s.query}
    for path in sorted(folder.glob("*.rq")):
        nq = q.load_query(path)
        assert nq.title and nq.description and nq.example, path.name
        assert nq.form == "SELECT"
    assert named <= {p.stem for p in folder.glob("*.rq")}, "the calibration names a query that is not there"
    assert not named & set(q.library()), "condition queries are listed by `query list` (queries/*.rq only)"


@pytest.mark.parametrize("sets, needle", [
    ({"Y": {"method": "calibrated"}, "A": {"method": "crisp", "query": "../../etc/passwd",
                                           "rules": [{"signal": "x", "value": 1}]}}, "is not a query name"),
    ({"Y": {"method": "calibrated"}, "A B": {"method": "calibrated"}}, "a set name is a letter"),
])
def test_calibration_names_are_data_not_paths(sets, needle):
    with pytest.raises(InputError, match=needle):
        parse({"outcome": "Y", "sets": sets}, Path("c.yaml"))


BROKERS = Path(__file__).resolve().parents[1] / "data" / "compare" / "brokers.yaml"
PH = "https://w3id.org/paradiplo/id/case-padang-hildesheim"
JH = "https://w3id.org/paradiplo/id/case-jakarta-hanoi"


@pytest.fixture(scope="module")
def brokers(ds):
    return analyse(calibration=BROKERS, kg=ds)


def test_brokers_calibration_reads_who_took_part(brokers):
    """data/compare/brokers.yaml: the German embassy's representative at the 2021 virtual
    meeting (source 158, para. 4, "perwakilan Kedutaan Besar (Kedubes) Jerman untuk
    Indonesia") makes MISSION 1 for Padang-Hildesheim; Semarang-Jung-gu's source 004 names
    no embassy, so MISSION is 0 by the calibration's stated reason, not unknown; Jakarta-Hanoi
    joins a province (DKI Jakarta) and a city (Hanoi), so it is no sister-province relation."""
    ph, sj, jh = (brokers.matrix.cells[c] for c in (PH, SJ, JH))
    assert ph["MISSION"].value == 1
    assert any((e["label"] or "").startswith("Embassy of Germany in Indonesia takes part in") and e["source"]
               .startswith("Source 158") for e in ph["MISSION"].evidence)
    assert sj["MISSION"].value == 0 and "taken as absent" in sj["MISSION"].note
    assert jh["PROVINCE"].value == 0
    assert jh["CENTRE"].value == 1  # Kemlu as initiator of the cooperation (source 002)
