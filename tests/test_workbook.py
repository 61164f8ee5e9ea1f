"""The case workbook: every case goes to a workbook and back unchanged, a new case can be
written in one without RDF, and every message points at the sheet and row to fix (the
validation findings in workbook words, mistake by mistake: test_workbook_words.py)."""

import datetime as dt
import re

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from rdflib import XSD, Graph, Literal

from paradiplo.cli import main
from paradiplo.errors import InputError
from paradiplo.kg import project_root
from paradiplo.kg.terms import native_term
from paradiplo.namespaces import PD
from paradiplo.workbook import case_sheets, export_case, import_case, read_case

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
    # the same graph up to blank-node names: equal canonical forms (RDFC-1.0, pyoxigraph), a
    # tenth of the time of rdflib's isomorphic() on the larger cases
    original, returned = _canonical(ds.rdflib.graph(PD[f"case-{slug}"])), _canonical(back.graph(PD[f"case-{slug}"]))
    if original != returned:
        pytest.fail(f"lost: {sorted(original - returned)[:5]}\nadded: {sorted(returned - original)[:5]}")


def _canonical(g) -> set[str]:
    """The statements of ``g`` (plain strings as :func:`_plain`) with canonical blank-node names."""
    d = ox.Dataset(ox.Quad(native_term(s), native_term(p), native_term(o)) for s, p, o in _plain(g))
    d.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return {str(q) for q in d}


def test_the_workbook_keeps_each_statement_with_its_passage(jh_book, tmp_path):
    """The MoU's signing date sits on its row with 002's passage that states it."""
    path = _jh(jh_book, tmp_path)
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


@pytest.fixture(scope="module")
def jh_book(ds, tmp_path_factory):
    """jakarta-hanoi exported once as a workbook (an export takes seconds); tests copy it."""
    path = tmp_path_factory.mktemp("book") / "jh.xlsx"
    export_case(ds, "jakarta-hanoi", path)
    return path.read_bytes()


def _jh(jh_book, tmp_path):
    path = tmp_path / "jh.xlsx"
    path.write_bytes(jh_book)
    return path


def _edit_mou_date(jh_book, tmp_path, value):
    """The jakarta-hanoi workbook with ``value`` in the MoU's signing-date cell; (path, row)."""
    path = _jh(jh_book, tmp_path)
    wb = load_workbook(path)
    ws = wb["Agreements"]
    row = next(r[0].row for r in ws.iter_rows(min_row=2)
               if r[0].value == "pd:agreement-jakarta-hanoi-mou-2004" and r[1].value == "pdo:signedOn")
    ws.cell(row=row, column=3, value=value)
    wb.save(path)
    return path, row


def test_a_date_the_spreadsheet_program_converted_is_read_as_a_date(jh_book, tmp_path):
    path, _ = _edit_mou_date(jh_book, tmp_path, dt.datetime(2004, 11, 23))
    back, _, _ = read_case(path)
    assert Literal("2004-11-23", datatype=XSD.date) in set(back.graph(PD["case-jakarta-hanoi"]).objects())


def test_the_sources_sheet_lists_the_shared_sources_and_import_leaves_them_shared(ds, tmp_path):
    """jakarta-hanoi cites source 002, kept in data/sources.ttl: its record is on the Sources
    sheet (marked data/sources.ttl), reads back into no statement of the case graph, and a
    changed row of it is refused at its row rather than written into the case."""
    import csv

    from paradiplo.workbook.write import csv_files

    sheets = case_sheets(ds, "jakarta-hanoi")
    rows = {(r["property"], r["value"]): (i, r["language"], r["citation"])
            for i, r in enumerate(sheets["Sources"], 2) if r["id"] == "pd:source-002"}
    # data/sources.ttl, pd:source-002 (checked by hand)
    assert rows[("dcterms:title", "BAB VI Penutup")][1:] == ("id", "data/sources.ttl")
    assert rows[("dcterms:language", "id")][1:] == ("", "data/sources.ttl")
    assert rows[("pdo:fileName", "002_5a7b4635765af7ee.txt")][1:] == ("", "data/sources.ttl")
    assert ("a", "pdo:Source") in rows
    folder = tmp_path / "jh"
    folder.mkdir()
    for name, data in csv_files(sheets).items():
        (folder / name).write_bytes(data)
    back, _, _ = read_case(folder)
    assert not list(back.graph(PD["case-jakarta-hanoi"]).triples((PD["source-002"], None, None)))
    table = list(csv.reader((folder / "Sources.csv").read_text(encoding="utf-8-sig").splitlines()))
    row = rows[("dcterms:title", "BAB VI Penutup")][0]
    assert table[row - 1][:3] == ["pd:source-002", "dcterms:title", "BAB VI Penutup"]
    table[row - 1][2] = "BAB VI Penutup (edited)"
    with open(folder / "Sources.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(table)
    with pytest.raises(InputError, match=rf"sheet Sources, row {row}, column value: pd:source-002 is a shared source "
                                         r"kept in data/sources\.ttl"):
        read_case(folder)


@pytest.mark.parametrize("sheet, column, value, says", [
    ("Actors", 1, "semarang government", "sheet Actors, row 2, column id"),
    ("Actors", 4, "in", "column language: 'in' is not a language of paradiplo"),
    ("Actors", 5, "dat", "column datatype: 'dat' is not a datatype"),
])
def test_a_cell_that_cannot_be_read_names_sheet_row_and_column(jh_book, tmp_path, sheet, column, value, says):
    path = _jh(jh_book, tmp_path)
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


def test_import_never_writes_over_the_ontology_even_forced(jh_book, tmp_path):
    path = _jh(jh_book, tmp_path)
    target = project_root() / "ontology" / "paradiplo.ttl"
    before = target.read_bytes()
    result = CliRunner().invoke(main, ["import", "case", str(path), "--out", str(target), "--force"])
    assert result.exit_code == 2 and "own inputs" in result.output and "Traceback" not in result.output
    assert target.read_bytes() == before


# --- hostile and real-world workbooks (issues #20, #21) ---------------------------------

HEADER = "id,property / properti,value / nilai,language / bahasa,datatype / tipe data\n"


def _csv_book(folder, **sheets):
    """A folder of CSV sheets, each given as its rows' text (after the header)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in sheets.items():
        (folder / f"{name}.csv").write_text(HEADER + text, encoding="utf-8", newline="")
    return folder


def _files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_a_case_id_that_climbs_out_of_data_cases_is_refused(tmp_path):
    book = _csv_book(tmp_path / "wb", Case="pd:case-../../../../s/ESCAPED,a,pdo:Case\n")
    before = _files(tmp_path)
    result = CliRunner().invoke(main, ["import", "case", str(book)])
    assert result.exit_code == 2, result.output
    assert "sheet Case, row 2, column id" in result.output and "cannot name a case" in result.output
    assert _files(tmp_path) == before and not (project_root().parent.parent / "s").exists()


def test_names_with_spaces_quotes_braces_or_line_breaks_are_all_reported_at_once(tmp_path):
    """Exit 2 (not 70), every bad name with its sheet, row and column, in one run."""
    book = _csv_book(tmp_path / "wb", Case="pd:case-a-b,a,pdo:Case\n",
                     Actors='pd:a b,a,pdo:City\npd:a>b,a,pdo:City\n"pd:a""b",a,pdo:City\npd:a{b},a,pdo:City\n'
                            '"pd:a\nb",a,pdo:City\npd:ok,pdo:country,<https://x y>\n')
    result = CliRunner().invoke(main, ["import", "case", str(book), "--out", str(tmp_path / "x.trig")])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    for row in (2, 3, 4, 5, 6):
        assert f"sheet Actors, row {row}, column id" in result.output, result.output
    assert "sheet Actors, row 7, column value" in result.output  # the CSV row after a quoted line break is 7
    assert "6 problems" in result.output and not (tmp_path / "x.trig").exists()


def test_force_never_replaces_a_file_that_is_not_a_case_file(jh_book, tmp_path):
    path = _jh(jh_book, tmp_path)
    for name, text in (("README.md", "# my notes\n"), ("notes.trig", "<urn:a> <urn:b> <urn:c> .\n")):
        target = tmp_path / name
        target.write_text(text)
        result = CliRunner().invoke(main, ["import", "case", str(path), "--out", str(target), "--force"])
        assert result.exit_code == 2 and target.read_text() == text, result.output
        assert ("ends in .trig" if name == "README.md" else "is not a case file") in result.output


def test_a_failing_import_writes_no_case_file_only_a_draft(jh_book, tmp_path):
    """A violation: nothing at --out (nor in data/cases/), a draft in out/drafts/ that the next
    import replaces without --force; once fixed, the case file is written."""
    path, _ = _edit_mou_date(jh_book, tmp_path, "23-11-2004")
    target = tmp_path / "jh.trig"
    case_file = project_root() / "data" / "cases" / "jakarta-hanoi.trig"
    before = case_file.read_bytes()
    for _ in range(2):  # the second time: the draft is replaced, no --force needed
        result = CliRunner().invoke(main, ["import", "case", str(path), "--out", str(target)])
        assert result.exit_code == 1 and "no case file written" in result.output, result.output
        assert "out/drafts/jakarta-hanoi.trig" in result.output
        assert not target.exists() and case_file.read_bytes() == before
    draft = project_root() / "out" / "drafts" / "jakarta-hanoi.trig"
    assert '"23-11-2004"^^xsd:date' in draft.read_text()
    (tmp_path / "fixed").mkdir()
    fixed, _ = _edit_mou_date(jh_book, tmp_path / "fixed", "2004-11-23")
    written, report = import_case(fixed, target)
    assert written == target and report.conforms() and target.is_file() and not draft.exists()


def test_two_imports_of_one_case_at_once_each_validate_their_own_draft(ds, tmp_path, monkeypatch):
    """Two imports of jakarta-hanoi at the same moment, one with a date that is wrong: each
    validates the case it wrote (validation is stood in for by a reader that waits until both
    drafts are written, then reads its file), so the good one is written and the bad one is
    left as the draft; no temporary draft stays behind."""
    import threading

    from paradiplo import validate
    from paradiplo.workbook.write import csv_files

    books = {}
    for name, date in (("good", "2004-11-23"), ("bad", "23-11-2004")):
        sheets = case_sheets(ds, "jakarta-hanoi")
        for r in sheets["Agreements"]:
            if r["id"] == "pd:agreement-jakarta-hanoi-mou-2004" and r["property"] == "pdo:signedOn":
                r["value"] = date
        books[name] = tmp_path / name
        books[name].mkdir()
        for file, data in csv_files(sheets).items():
            (books[name] / file).write_bytes(data)
    both_written = threading.Barrier(2, timeout=30)

    class Read:  # the report of a validation that read ``text``
        def __init__(self, text):
            self.findings, self.text = [], text

        def conforms(self):
            return '"23-11-2004"' not in self.text

    def validate_files(paths, **_):
        both_written.wait()
        return Read(paths[0].read_text(encoding="utf-8"))

    monkeypatch.setattr(validate, "validate_files", validate_files)
    results = {}

    def run(name):
        results[name] = import_case(books[name], tmp_path / f"{name}.trig")

    threads = [threading.Thread(target=run, args=(name,)) for name in books]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    (good, good_report), (bad, bad_report) = results["good"], results["bad"]
    drafts = project_root() / "out" / "drafts"
    assert good == tmp_path / "good.trig" and good_report.conforms() and '"2004-11-23"^^xsd:date' in good.read_text()
    assert bad == drafts / "jakarta-hanoi.trig" and not bad_report.conforms() and not (tmp_path / "bad.trig").exists()
    assert '"23-11-2004"^^xsd:date' in bad.read_text()
    assert not list(drafts.glob(".jakarta-hanoi-*"))


def test_reimporting_an_unchanged_workbook_changes_no_byte(ds, tmp_path):
    """Deterministic blank-node labels, each entity with its citations: the same file twice,
    and a citation written right after its entity."""
    path = tmp_path / "sj.xlsx"
    export_case(ds, "semarang-jung-gu", path)
    first, _ = import_case(path, tmp_path / "a.trig")
    second, _ = import_case(path, tmp_path / "b.trig")
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text()
    assert "_:N" not in text  # no random labels
    visit = text.index("\npd:activity-dprd-semarang-monitoring-2018\n")
    assert text.index("\n_:activity-dprd-semarang-monitoring-2018.1\n") > visit
    assert text.index("\n_:activity-dprd-semarang-monitoring-2018.c1\n") < text.index("\n\n", visit)


# formula injection ------------------------------------------------------------------------

RISKY = ['=HYPERLINK("http://evil.example","x")', "+1+2", "-3", "@SUM(1)", "\tx", "\rx", "'quoted", "plain"]


def test_export_writes_no_formula_and_reads_every_cell_back_exactly(tmp_path):
    from paradiplo.workbook.read import read_rows
    from paradiplo.workbook.write import csv_files, xlsx_bytes

    sheets = {"Case": [{"id": "pd:case-a-b", "property": "rdfs:label", "value": v, "language": "en"} for v in RISKY]}
    (tmp_path / "b.xlsx").write_bytes(xlsx_bytes(sheets, {}))
    ws = load_workbook(tmp_path / "b.xlsx")["Case"]
    cells = [ws.cell(row=i, column=3) for i in range(2, 2 + len(RISKY))]
    assert [c.data_type for c in cells] == ["s"] * len(RISKY)  # no 'f': nothing runs
    assert all(c.quotePrefix for c in cells[:6])
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, data in csv_files(sheets).items():
        (folder / name).write_bytes(data)
    text = (folder / "Case.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",'+1+2," in text and ",'-3," in text and ",''quoted," in text
    for book in (tmp_path / "b.xlsx", folder):
        assert [r.cells["value"] for r in read_rows(book)] == [v.strip() for v in RISKY]


def test_query_and_export_csv_write_no_formula():
    import networkx as nx

    from paradiplo.export.tables import csv_tables
    from paradiplo.output import to_csv

    assert to_csv([{"a": "=1+1", "n": -3}], ["a", "n"]) == "a,n\n'=1+1,-3\n"  # a negative number stays a number
    G = nx.Graph()
    G.add_node("pd:x", label="@evil")
    G.add_node("pd:y", label="+y")
    G.add_edge("pd:x", "pd:y")
    nodes, _ = csv_tables(G)
    assert "pd:x,'@evil" in nodes and "pd:y,'+y" in nodes


def test_a_formula_cell_in_an_imported_workbook_is_refused_where_it_is(jh_book, tmp_path):
    path, row = _edit_mou_date(jh_book, tmp_path, "=DATE(2004,11,23)")  # openpyxl writes it as a formula
    with pytest.raises(InputError, match=f"sheet Agreements, row {row}, column C: a formula"):
        read_case(path)


# limits and real rows -----------------------------------------------------------------------

def _rezip(path, target, change):
    """Copy the .xlsx ``path`` to ``target``, each member's bytes through ``change(name, data)``."""
    import zipfile

    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, change(item.filename, src.read(item)))
    return target


def test_a_ten_million_character_cell_is_refused_with_its_place(jh_book, tmp_path):
    """openpyxl cuts what it writes at 32,767 characters, so the cell is put into the file's XML."""
    marked, row = _edit_mou_date(jh_book, tmp_path, "MARKER")
    path = _rezip(marked, tmp_path / "long.xlsx", lambda name, data: data.replace(b"MARKER", b"x" * 10_000_000))
    result = CliRunner().invoke(main, ["import", "case", str(path), "--out", str(tmp_path / "x.trig")])
    assert result.exit_code == 2 and f"sheet Agreements, row {row}, column C: 10,000,000 characters" in result.output
    assert not (tmp_path / "x.trig").exists()


def test_a_workbook_that_unzips_past_the_limit_is_refused_before_it_is_read(tmp_path):
    """A 1 MB zip of 300 MB of spaces in the shared strings (a zip bomb, small)."""
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as fh:
            block = b" " * 1_000_000
            for _ in range(300):
                fh.write(block)
    assert bomb.stat().st_size < 2_000_000
    with pytest.raises(InputError, match="unzips to 300,000,"):
        read_case(bomb)


def test_rows_past_a_stale_dimension_are_read(jh_book, tmp_path):
    """openpyxl's read-only mode stops at the row count the sheet declares; a stale
    declaration (A1:L3) must not drop the rows after it."""
    import zipfile

    path = _jh(jh_book, tmp_path)
    expected = len(read_case(path)[0].graph(PD["case-jakarta-hanoi"]))
    stale = _rezip(path, tmp_path / "stale.xlsx",
                   lambda name, data: re.sub(rb'<dimension ref="[A-Z0-9:]+"', b'<dimension ref="A1:L3"', data)
                   if name.startswith("xl/worksheets/") else data)
    assert b'ref="A1:L3"' in zipfile.ZipFile(stale).read("xl/worksheets/sheet3.xml")
    assert len(read_case(stale)[0].graph(PD["case-jakarta-hanoi"])) == expected


def test_csv_cells_keep_line_breaks_and_an_open_quote_is_located(tmp_path):
    label = "one\ntwo\u2028three\x1cfour\x85five"
    book = _csv_book(tmp_path / "wb", Case=f'pd:case-a-b,a,pdo:Case\npd:case-a-b,rdfs:label,"{label}",en\n')
    ds, slug, _ = read_case(book)
    assert slug == "a-b" and Literal(label, lang="en") in set(ds.graph(PD["case-a-b"]).objects())
    _csv_book(tmp_path / "wb", Actors='pd:x,rdfs:label,"never closed,en\npd:y,a,pdo:City\n')
    with pytest.raises(InputError, match=r"sheet Actors \(Actors.csv\), line 3: a quote .* is never closed"):
        read_case(book)


# spreadsheets as they behave -------------------------------------------------------------------

def test_a_date_turned_into_a_day_number_is_refused_with_the_date_it_is(jh_book, tmp_path):
    """LibreOffice turns 2021-06-28 typed into a cell into 44375 (days since 1899-12-30)."""
    path, row = _edit_mou_date(jh_book, tmp_path, 44375)
    with pytest.raises(InputError) as err:
        read_case(path)
    assert f"sheet Agreements, row {row}, column value: 44375 is a day number" in str(err.value)
    assert "2021-06-28" in str(err.value) and "Text" in str(err.value)


def test_a_boolean_cell_is_read_as_xsd_boolean(jh_book, tmp_path):
    path = _jh(jh_book, tmp_path)
    wb = load_workbook(path)
    ws = wb["Activities"]
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[1].value == "pdo:dateUnknown")
    ws.cell(row=row, column=3, value=True)  # LibreOffice's TRUE
    wb.save(path)
    assert Literal("true", datatype=XSD.boolean) in set(read_case(path)[0].graph(PD["case-jakarta-hanoi"]).objects())


def test_the_csv_template_has_every_sheet_a_guide_and_the_lists(tmp_path):
    from paradiplo.workbook.layout import SHEETS

    result = CliRunner().invoke(main, ["new-case", "a-b", "--partners", "A", "B", "--workbook", "csv",
                                       "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "a-b"
    sheets = {f"{name}.csv" for name, _ in SHEETS}
    assert {p.name for p in folder.glob("*.csv")} == sheets | {"Guide.csv", "Lists.csv"}
    assert all((folder / name).read_bytes().startswith(b"\xef\xbb\xbfid,") for name in sheets)  # UTF-8 with BOM
    sources = (folder / "Sources.csv").read_text(encoding="utf-8-sig")
    for prop in ("pdo:url", "pdo:publishedOn", "pdo:accessedOn", "dcterms:title", "dcterms:language"):
        assert f"pd:source-a-b,{prop}," in sources
    guide = (folder / "Guide.csv").read_text(encoding="utf-8-sig")
    assert "Which rows need a passage" in guide and "pdo:level" in guide and "pdo:country" in guide
    assert "dcterms:title" in (folder / "Lists.csv").read_text(encoding="utf-8-sig")


# a real spreadsheet program -----------------------------------------------------------------

def _soffice():
    """LibreOffice's command (Debian's libreoffice-calc-nogui, installed by .ci/run), or skip."""
    import os
    import shutil

    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        if os.environ.get("PARADIPLO_REQUIRE_LIBREOFFICE"):
            pytest.fail("LibreOffice (soffice) is not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def _convert(source, target_dir, to, profile, infilter=None):
    """Open ``source`` in LibreOffice Calc (headless) and save it as ``to`` into ``target_dir``."""
    import subprocess

    subprocess.run([_soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    *([f"--infilter={infilter}"] if infilter else []),
                    "--convert-to", to, "--outdir", str(target_dir), str(source)],
                   check=True, capture_output=True, timeout=180)
    return target_dir / f"{source.stem}.{to.split(':')[0]}"


def test_a_workbook_saved_by_libreoffice_imports_unchanged(ds, jh_book, tmp_path):
    """jakarta-hanoi's workbook opened and saved by LibreOffice Calc reads back into the same case."""
    saved = _convert(_jh(jh_book, tmp_path), tmp_path / "saved", "xlsx", tmp_path / "profile")
    back, slug, _ = read_case(saved)
    assert slug == "jakarta-hanoi"
    assert _canonical(ds.rdflib.graph(PD["case-jakarta-hanoi"])) == _canonical(back.graph(PD["case-jakarta-hanoi"]))


def test_a_date_libreoffice_recognises_is_read_as_the_date_it_shows(ds, tmp_path):
    """A CSV sheet opened in LibreOffice as UTF-8 (as the Guide says; headless LibreOffice 7.4
    does not take the byte-order mark as UTF-8 by itself): 2004-11-23 becomes a date cell (a
    number with a date format); saved as .xlsx and imported, it is the date it shows again."""
    from paradiplo.workbook.read import read_rows
    from paradiplo.workbook.write import csv_files

    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "Agreements.csv").write_bytes(csv_files(case_sheets(ds, "jakarta-hanoi"))["Agreements.csv"])
    saved = _convert(folder / "Agreements.csv", tmp_path / "saved", "xlsx", tmp_path / "profile",
                     infilter="CSV:44,34,76,1")  # comma, double quote, UTF-8 (76), from line 1
    cell = next(r for r in load_workbook(saved).active.iter_rows(min_row=2)
                if r[0].value == "pd:agreement-jakarta-hanoi-mou-2004" and r[1].value == "pdo:signedOn")[2]
    assert cell.is_date  # LibreOffice made it a date
    signed = [r.cells["value"] for r in read_rows(saved) if r.cells["id"] == "pd:agreement-jakarta-hanoi-mou-2004"
              and r.cells["property"] == "pdo:signedOn"]
    assert signed == ["2004-11-23"]


def test_a_control_character_the_xlsx_cannot_hold_is_a_located_export_error(tmp_path):
    """openpyxl refuses U+0001 in a cell (IllegalCharacterError: exit 70 before); the CSV form keeps it."""
    from paradiplo.errors import ExportError
    from paradiplo.workbook.read import read_rows
    from paradiplo.workbook.write import csv_files, xlsx_bytes

    sheets = {"Case": [{"id": "pd:case-a-b", "property": "rdfs:label", "value": "bad\x01label", "language": "en"}]}
    with pytest.raises(ExportError, match=r"pd:case-a-b rdfs:label: the value holds the control character U\+0001"):
        xlsx_bytes(sheets, {})
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, data in csv_files(sheets).items():
        (folder / name).write_bytes(data)
    assert [r.cells["value"] for r in read_rows(folder)] == ["bad\x01label"]


def test_a_year_the_spreadsheet_made_a_date_is_read_as_the_year_with_a_note(jh_book, tmp_path):
    """A year typed as 2017 and turned by the program into the date 2017-01-01 is the year 2017
    again (datatype year), and the import says so."""
    path = _jh(jh_book, tmp_path)
    wb = load_workbook(path)
    ws = wb["Activities"]
    row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == "pd:activity-jakarta-hanoi-kota-tua-programme"
               and r[1].value == "pdo:startDate")
    assert ws.cell(row=row, column=5).value == "year" and ws.cell(row=row, column=3).value == "2017"
    ws.cell(row=row, column=3).value = dt.datetime(2017, 1, 1)
    wb.save(path)
    notes = []
    back, _, _ = read_case(path, notes.append)
    graph = back.graph(PD["case-jakarta-hanoi"])
    assert Literal("2017", datatype=XSD.gYear) in set(graph.objects(PD["activity-jakarta-hanoi-kota-tua-programme"]))
    assert notes == [f"sheet Activities, row {row}, column value: a date cell (the spreadsheet program made it one), "
                     "read as 2017; type dates as text to keep what you type"]


def test_the_row_limit_counts_filled_rows_not_formatted_empty_ones(jh_book, tmp_path, monkeypatch):
    """The exported workbook keeps 200 formatted empty rows under each sheet (drop-downs, text
    format); with a limit of 30 rows a sheet, they do not count, but Agreements' 40-odd rows do."""
    from paradiplo.workbook import read

    path = _jh(jh_book, tmp_path)
    ws = load_workbook(path, read_only=True)["Case"]
    ws.reset_dimensions()
    assert sum(1 for _ in ws.iter_rows()) > 200  # the empty formatted rows are in the file
    monkeypatch.setattr(read, "MAX_ROWS", 30)
    with pytest.raises(InputError) as err:
        read_case(path)
    assert "sheet Agreements: more than 30 rows" in str(err.value) and "sheet Case" not in str(err.value)
