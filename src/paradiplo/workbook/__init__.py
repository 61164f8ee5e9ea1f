"""The case workbook: writing a case without writing RDF.

* :func:`template` -- a new case as a workbook to fill in (``paradiplo new-case --workbook``);
* :func:`export_case` -- an existing case as a workbook (``paradiplo export workbook``);
* :func:`import_case` -- a workbook read back, validated, and written as TriG only if it
  conforms (else as a draft in ``out/drafts/``), every message pointing at its sheet and
  row (``paradiplo import case``).

A workbook is an XLSX file (one sheet per kind of thing, drop-down lists, text cells) or
the same as a folder of CSV files. :mod:`~paradiplo.workbook.layout` says how a row holds
a statement and its passage; export and import are inverse: a case graph written as a
workbook reads back into an isomorphic graph. The functions live in
:mod:`~paradiplo.workbook.cases`.

Examples
--------
>>> from paradiplo.kg import load
>>> sheets = case_sheets(load(), "jakarta-hanoi")
>>> [r["value"] for r in sheets["Agreements"] if r["id"] == "pd:agreement-jakarta-hanoi-mou-2004"
...  and r["property"] == "pdo:signedOn"]
['2004-11-23']
"""

from .cases import case_sheets, export_case, import_case, read_case, template

__all__ = ["case_sheets", "export_case", "import_case", "read_case", "template"]
