"""The case workbook: every case goes to a workbook and back unchanged, a new case can be
written in one without RDF, and every message points at the sheet and row to fix."""

import datetime as dt
import re

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from rdflib import XSD, Graph, Literal
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from paradiplo.cli import main
from paradiplo.errors import InputError
from paradiplo.kg import project_root
from paradiplo.namespaces import PD
from paradiplo.workbook import export_case, import_case, read_case

CASES = sorted(p.stem for p in (project_root() / "data" / "cases").glob("*.trig"))


def _plain(g) -> Graph:
    """The graph with xsd:string literals written plain (the store and the parser differ only there)."""
    out = Graph()
    for s, p, o in g:
        out.add((s, p, Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o))
    return out


@pytest.mark.parametrize("form", ["xlsx", "csv"])
@pytest.mark.parametrize("slug", CASES)
def test_a_case_goes_to_a_workbook_and_back_unchanged(ds, slug, form, tmp_path):
    target = tmp_path / (f"{slug}.xlsx" if form == "xlsx" else slug)
    export_case(ds, slug, target)
    back, back_slug, _ = read_case(target)
    assert back_slug == slug
    original, returned = _plain(ds.graph(PD[f"case-{slug}"])), _plain(back.graph(PD[f"case-{slug}"]))
    if not isomorphic(original, returned):
        _, only_before, only_after = graph_diff(to_isomorphic(original), to_isomorphic(returned))
        pytest.fail(f"lost: {sorted(only_before)[:5]}\nadded: {sorted(only_after)[:5]}")


def test_the_workbook_keeps_each_statement_with_its_passage(ds, tmp_path):
    """The MoU's signing date sits on its row with 002's passage that states it."""
    path = tmp_path / "jh.xlsx"
    export_case(ds, "jakarta-hanoi", path)
    ws = load_workbook(path)["Agreements"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, r, strict=False)) for r in ws.iter_rows(min_row=2, values_only=True)]
    signed = [r for r in rows if r["id"] == "pd:agreement-jakarta-hanoi-mou-2004"
              and r["property / properti"] == "pdo:signedOn"]
    assert [(r["value / nilai"], r["datatype / tipe data"], r["source / sumber"]) for r in signed] == \
        [("2004-11-23", "date", "pd:source-002")]
    assert "23 November 2004" in signed[0]["quote / kutipan langsung"]
    assert ws["C2"].number_format == "@"  # text cells: a date is not turned into a spreadsheet date
    assert any(dv.formula1.startswith("Lists!") for dv in ws.data_validations.dataValidation)


def test_a_new_case_from_the_workbook_template(tmp_path):
    """new-case --workbook, then import case: the skeleton is a valid draft with warnings
    only, and each warning names its sheet and row."""
    runner = CliRunner()
    result = runner.invoke(main, ["new-case", "bandung-fort-worth", "--partners", "Bandung", "Fort Worth",
                                  "--workbook", "xlsx", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    fresh = tmp_path / "not-yet" / "there"  # a folder that does not exist yet is made
    result = runner.invoke(main, ["new-case", "a-b", "--partners", "A", "B", "--workbook", "csv", "--dir", str(fresh)])
    assert result.exit_code == 0 and (fresh / "a-b" / "Case.csv").is_file(), result.output
    assert result.exit_code == 0, result.output
    book = tmp_path / "bandung-fort-worth.xlsx"
    assert {"Guide", "Case", "Actors", "Agreements", "Lists"} <= set(load_workbook(book).sheetnames)
    result = runner.invoke(main, ["import", "case", str(book), "--out", str(tmp_path / "bfw.trig")])
    assert result.exit_code == 0, result.output
    assert "bandung-fort-worth.xlsx, sheet Actors" in result.output and re.search(r"row \d+", result.output)
    assert "0 violations" in result.output and "pdsh:Citation-todo" in result.output
    result = runner.invoke(main, ["import", "case", str(book), "--out", str(tmp_path / "bfw.trig")])
    assert result.exit_code == 2 and "exists already" in result.output  # never written over


def _edit_mou_date(ds, tmp_path, value):
    """Export jakarta-hanoi, write ``value`` into the MoU's signing-date cell; (path, row)."""
    path = tmp_path / "jh.xlsx"
    export_case(ds, "jakarta-hanoi", path)
    wb = load_workbook(path)
    ws = wb["Agreements"]
    row = next(r[0].row for r in ws.iter_rows(min_row=2)
               if r[0].value == "pd:agreement-jakarta-hanoi-mou-2004" and r[1].value == "pdo:signedOn")
    ws.cell(row=row, column=3, value=value)
    wb.save(path)
    return path, row


def test_a_mistake_in_the_workbook_is_reported_at_its_row(ds, tmp_path):
    path, row = _edit_mou_date(ds, tmp_path, "23-11-2004")
    out, report = import_case(path, tmp_path / "jh.trig")
    bad = [f for f in report.findings if f.severity == "Violation"]
    assert [(f.shape, f.file, f.line) for f in bad] == [("pdsh:WellFormedLiteral", "jh.xlsx, sheet Agreements", row)]
    assert "2004-11-23" in bad[0].message


def test_a_date_the_spreadsheet_program_converted_is_read_as_a_date(ds, tmp_path):
    path, _ = _edit_mou_date(ds, tmp_path, dt.datetime(2004, 11, 23))
    back, _, _ = read_case(path)
    assert Literal("2004-11-23", datatype=XSD.date) in set(back.graph(PD["case-jakarta-hanoi"]).objects())


@pytest.mark.parametrize("sheet, column, value, says", [
    ("Actors", 1, "semarang government", "sheet Actors, row 2, column id"),
    ("Actors", 4, "in", "column language: 'in' is not a language of paradiplo"),
    ("Actors", 5, "dat", "column datatype: 'dat' is not a datatype"),
])
def test_a_cell_that_cannot_be_read_names_sheet_row_and_column(ds, tmp_path, sheet, column, value, says):
    path = tmp_path / "jh.xlsx"
    export_case(ds, "jakarta-hanoi", path)
    wb = load_workbook(path)
    wb[sheet].cell(row=2, column=column, value=value)
    if column in (4, 5):
        wb[sheet].cell(row=2, column=3, value="some text")
    wb.save(path)
    with pytest.raises(InputError, match=re.escape(says)):
        read_case(path)
    result = CliRunner().invoke(main, ["import", "case", str(path), "--out", str(tmp_path / "x.trig")])
    assert result.exit_code == 2 and says in result.output and "Traceback" not in result.output


def test_export_workbook_needs_a_case(tmp_path):
    result = CliRunner().invoke(main, ["export", "workbook", "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2 and "--case" in result.output


def test_import_never_writes_over_the_ontology_even_forced(ds, tmp_path):
    path = tmp_path / "jh.xlsx"
    export_case(ds, "jakarta-hanoi", path)
    target = project_root() / "ontology" / "paradiplo.ttl"
    before = target.read_bytes()
    result = CliRunner().invoke(main, ["import", "case", str(path), "--out", str(target), "--force"])
    assert result.exit_code == 2 and "own inputs" in result.output and "Traceback" not in result.output
    assert target.read_bytes() == before
