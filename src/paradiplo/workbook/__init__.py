"""The case workbook: writing a case without writing RDF.

* :func:`template` -- a new case as a workbook to fill in (``paradiplo new-case --workbook``);
* :func:`export_case` -- an existing case as a workbook (``paradiplo export workbook``);
* :func:`import_case` -- a workbook read back, written as TriG and validated, every
  message pointing at its sheet and row (``paradiplo import case``).

A workbook is an XLSX file (one sheet per kind of thing, drop-down lists, text cells) or
the same as a folder of CSV files. :mod:`~paradiplo.workbook.layout` says how a row holds
a statement and its passage; export and import are inverse: a case graph written as a
workbook reads back into an isomorphic graph.

Examples
--------
>>> from paradiplo.kg import load
>>> sheets = case_sheets(load(), "jakarta-hanoi")
>>> [r["value"] for r in sheets["Agreements"] if r["id"] == "pd:agreement-jakarta-hanoi-mou-2004"
...  and r["property"] == "pdo:signedOn"]
['2004-11-23']
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from rdflib import Dataset

from ..errors import ExportError, InputError
from ..kg import slug_of_case
from ..kg.load import real
from ..namespaces import PD
from ..output import refuse_inputs, safe_write, write_atomic
from .read import locate, read_rows, rows_to_graph
from .write import case_rows, csv_files, drop_down_lists, xlsx_bytes

__all__ = ["case_sheets", "export_case", "import_case", "read_case", "template"]


def case_sheets(ds: Dataset, slug: str) -> dict[str, list[dict]]:
    """The rows of case ``slug`` of the loaded knowledge graph, sheet by sheet."""
    graph = PD[f"case-{slug}"]
    if not len(ds.graph(graph)):
        known = sorted(slug_of_case(g.identifier) for g in ds.graphs()
                       if str(g.identifier).startswith(str(PD["case-"])))
        raise ExportError(f"no case {slug!r}; the cases are: {', '.join(known)}")
    return case_rows(ds, graph)


def _write(sheets: dict, ds: Dataset, output: Path, force: bool) -> list[Path]:
    output = Path(output)
    if output.suffix.lower() == ".xlsx":
        return [safe_write(output, xlsx_bytes(sheets, drop_down_lists(ds)), force, suffix=".xlsx")]
    if output.suffix:
        raise ExportError(f"{output}: write the workbook to a .xlsx file, or to a folder (one CSV file a sheet)")
    return [safe_write(output / name, data, force) for name, data in csv_files(sheets).items()]


def export_case(ds: Dataset, slug: str, output: Path, force: bool = False) -> list[Path]:
    """Write case ``slug`` as a workbook: ``output`` is a ``.xlsx`` file or a folder for CSV files."""
    return _write(case_sheets(ds, slug), ds, output, force)


def template(ds: Dataset, slug: str, partners: list[str], output: Path, force: bool = False) -> list[Path]:
    """Write the skeleton of a new case (as ``paradiplo new-case`` makes it) as a workbook."""
    from ..kg import load, read_into
    from ..newcase import skeleton

    draft = load([])  # the ontology and vocabularies (which sheet an entity goes on), in a store of its own
    with tempfile.TemporaryDirectory() as folder:  # the skeleton as TriG, read as any case file
        tmp = Path(folder) / f"{slug}.trig"
        tmp.write_text(skeleton(slug, partners, str(output)), encoding="utf-8")
        read_into(draft, tmp)
    return _write(case_rows(draft, PD[f"case-{slug}"]), ds, output, force)


def read_case(path: Path) -> tuple[Dataset, str, dict]:
    """The case a workbook states: (graph, slug, where each statement was written)."""
    ds, graph, where = rows_to_graph(read_rows(path), Path(path))
    return ds, slug_of_case(graph), where


def import_case(path: Path, out: Path | None = None, *, force: bool = False, lang: str = "en",
                contribution: bool = False, root: Path | None = None, progress=lambda _: None):
    """Read a workbook, write its case as TriG (default ``data/cases/SLUG.trig``), validate
    it with the bundled data around it, and return (TriG path, report); the report's
    findings name the workbook's sheet and row.

    Raises
    ------
    InputError
        If a cell cannot be read (the message names sheet, row and column), or if ``out``
        exists and ``force`` is not given.
    """
    from ..kg import project_root
    from ..validate import validate_files

    path = Path(path)
    ds, slug, where = read_case(path)
    root = root or project_root()
    out = Path(out) if out else root / "data" / "cases" / f"{slug}.trig"
    if real(out.parent) != real(root / "data" / "cases"):
        refuse_inputs(out)  # a case file goes into data/cases/ or out of the project's inputs
    if out.exists() and not force:
        raise InputError(out, "exists already; the workbook is not written over a case file",
                         hint="give another --out, or --force to replace it")
    text = ds.serialize(format="trig")
    header = f"# Written by paradiplo import case from {path.name}; edit the workbook and import it again.\n"
    write_atomic(out, header + text)
    progress(f"wrote {out}")
    report = validate_files([out], lang=lang, root=root, progress=progress, contribution=contribution)
    report.findings = locate(report.findings, where, path)
    return out, report
