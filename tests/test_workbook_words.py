"""Every finding from a workbook in the workbook's words (issue #21): each file of
``tests/workbook-mistakes/`` makes one mistake a contributor makes in the jakarta-hanoi
workbook (``edit``: the rows, found by their id -- or its beginning -- and property or
citation key, and the cells to set, or ``clear`` to empty the row) and says the finding
that must follow (``expect``: the shape, the sheet, the row, the column, and a fragment of
the message in English and Indonesian). All the mistakes are made in one workbook and
imported once per language, so the test also shows that a workbook's problems come in one
run."""

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from paradiplo.workbook import export_case, import_case
from paradiplo.workbook.layout import COLUMNS

HERE = Path(__file__).parent / "workbook-mistakes"
MISTAKES = sorted(HERE.glob("*.json"))
_INDEX = {name: i for i, name in enumerate(COLUMNS)}  # column name -> 0-based position


def _matches(cells: tuple, want: dict) -> bool:
    """Does a row's cells match ``want`` (the id by its beginning, the other cells exactly)?"""
    return all((cells[_INDEX[k]] or "").startswith(v) if k == "id" else (cells[_INDEX[k]] or "") == v
               for k, v in want.items() if k in _INDEX)


def _rows(ws, want: dict) -> list:
    return [r for r in ws.iter_rows(min_row=2) if _matches(tuple(c.value for c in r), want)]


@pytest.fixture(scope="module")
def book(ds, tmp_path_factory):
    """The jakarta-hanoi workbook with every mistake made; (path, row of each expected finding)."""
    path = tmp_path_factory.mktemp("words") / "jh.xlsx"
    export_case(ds, "jakarta-hanoi", path)
    wb = load_workbook(path)
    for file in MISTAKES:
        for edit in json.loads(file.read_text(encoding="utf-8"))["edit"]:
            rows = _rows(wb[edit["sheet"]], {k: v for k, v in edit.items() if k in _INDEX})
            assert rows, f"{file.name}: no row matches {edit}"
            for r in rows:
                for name, value in ({k: "" for k in COLUMNS} if edit.get("clear") else edit["set"]).items():
                    r[_INDEX[name]].value = value or None
    wb.save(path)
    return path, wb


@pytest.fixture(scope="module")
def findings(book, tmp_path_factory):
    """The import's findings in English and in Indonesian, checked as a contribution (as a pull request is)."""
    path, _ = book
    out = tmp_path_factory.mktemp("imports")
    return {lang: import_case(path, out / f"{lang}.trig", lang=lang, contribution=True)[1].findings
            for lang in ("en", "id")}


@pytest.mark.parametrize("mistake", MISTAKES, ids=[p.stem for p in MISTAKES])
def test_a_workbook_mistake_is_said_in_workbook_words(mistake, book, findings):
    _, wb = book
    for want in json.loads(mistake.read_text(encoding="utf-8"))["expect"]:
        row = _rows(wb[want["sheet"]], want["row"])[0][0].row
        for lang in ("en", "id"):
            said = [f for f in findings[lang] if f.shape == want["shape"] and f.line == row
                    and f.file == f"jh.xlsx, sheet {want['sheet']}"]
            assert said, (lang, [(f.shape, f.file, f.line, f.message) for f in findings[lang]])
            assert any(want[lang] in f.message for f in said), [f.message for f in said]
            if want.get("only"):  # one mistake, one message: nothing else on that row
                assert {f.shape for f in findings[lang] if f.line == row and f.file == said[0].file} \
                    == {want["shape"]}
            assert any(f.detail and f.detail.endswith(f"column {want['column']}") or
                       f.detail and f.detail.endswith(f"columns {want['column']}") for f in said), \
                [f.detail for f in said]


def test_no_finding_from_a_workbook_speaks_rdf(findings):
    """Every finding on a workbook row says what to fill in the workbook, not which triple to
    add: each is on a sheet and row, and its shape has workbook words."""
    from paradiplo.workbook.words import workbook_words

    words = workbook_words()
    for found in findings.values():
        for f in found:
            assert f.file.startswith("jh.xlsx, sheet ") and f.line, f
            assert f.shape in words, f
            assert "pdo:supports" not in f.message and "pdo:attestedBy" not in f.message, f.message


def test_every_workbook_message_has_both_languages_a_column_and_known_placeholders():
    import re

    from paradiplo.workbook.words import workbook_words

    words = workbook_words()
    assert "pdsh:StatementProvenanceShape" in words and "pdsh:VerbatimQuoteShape" in words
    for shape, by_lang in words.items():
        assert set(by_lang) == {"en", "id"}, shape
        for column, template in by_lang.values():
            assert column and set(column.replace(" / ", ", ").split(", ")) <= {
                "id", "property", "value", "language", "datatype", "citation", "source", "locator", "quote",
                "editorial kind", "editorial reason"}, (shape, column)
            assert set(re.findall(r"\{(\w+)\}", template)) <= {"id", "property", "value", "said"}, shape


def test_every_shape_has_workbook_words():
    """Issue #21: from a workbook, every finding speaks the workbook's words. Every shape with
    a message (the SHACL shapes and the native checks declared beside them) has them."""
    from rdflib.namespace import SH

    from paradiplo.validate.locate import short_name
    from paradiplo.validate.shapes import shapes_graph
    from paradiplo.workbook.words import workbook_words

    shapes = {short_name(s) for s in shapes_graph().subjects(SH.message, None)}
    assert len(shapes) > 80
    assert sorted(shapes - set(workbook_words())) == []


def test_the_text_report_heads_each_row_it_speaks_of(findings):
    """Two findings about one entity on two rows (a passage's locator, another's quote) are
    listed under their own rows, not under the entity's first (issue #21: a finding on row 71
    was listed under row 67)."""
    from paradiplo.validate import Report, report_text

    text = report_text(Report(findings["en"], store=None, files=["jh.xlsx"]))
    heads = [line.split()[1] for line in text.splitlines() if line.lstrip().startswith("row ")]
    assert len(heads) == len({(f.file, f.focus, f.line) for f in findings["en"]})
