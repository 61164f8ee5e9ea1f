"""An analysis as CSV (the calibrated matrix, as R's QCA package and fs/QCA read it), or as
JSON (everything: matrix with each cell's passages, truth table,
necessity, solutions, limits and the calibration used). As text to read:
:func:`paradiplo.render.analysis_text`.

Examples
--------
>>> from paradiplo.kg import project_root
>>> from paradiplo.compare import analyse
>>> a = analyse(data=project_root() / "tests/compare/lipset/LC.csv", outcome="SURV")
>>> print(matrix_csv(a).splitlines()[1])
AU,1,0,1,1,0,0
"""

from __future__ import annotations

import json

from ..output import csv_text


def _num(x, digits=3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def _score(x) -> str:
    if x is None:
        return ""
    return f"{x:.4f}".rstrip("0").rstrip(".") if x not in (0, 1) else str(int(x))


def matrix_csv(a) -> str:
    """The calibrated matrix: a ``case`` column, then one column per condition and the
    outcome; an unknown value is an empty cell (NA to R's ``read.csv``, missing to fs/QCA)."""
    m = a.matrix
    cols = [*a.conditions, a.outcome]
    return csv_text([["case", *cols], *([_label(a, c), *(_score(m.value(c, col)) for col in cols)] for c in m.cases)])


def _label(a, case) -> str:
    from .matrix import short_case

    return short_case(case) if a.matrix.origin == "graph" else case


def passage(e: dict) -> str:
    """One piece of evidence as a line: item, source, locator and quote (or editorial reason)."""
    where = ", ".join(x for x in (e.get("source"), e.get("locator")) if x)
    said = f'"{e["quote"]}"' if e.get("quote") else (f"editorial: {e['reason']}" if e.get("reason") else "")
    return f"[{e.get('signal')}] {e.get('label') or e.get('item')} | {where} | {said}".strip()


def as_json(a) -> str:
    m = a.matrix
    cols = [*a.conditions, a.outcome]
    doc = {
        "calibration": a.calibration.as_dict(),
        "conditions": a.conditions, "outcome": a.outcome,
        "matrix": [{"case": _label(a, c), "iri": c if m.origin == "graph" else None, "label": m.labels[c],
                    "cells": {col: m.cells[c][col].as_dict() for col in cols}} for c in m.cases],
        "truth_table": {
            "incl_cut": a.table.incl_cut, "n_cut": a.table.n_cut, "pri_cut": a.table.pri_cut,
            "rows": [{"row": r.number, **dict(zip(a.conditions, r.config, strict=True)), "OUT": r.out, "n": r.n,
                      "incl": r.incl, "PRI": r.pri, "cases": r.cases, "contradictory": r.contradictory}
                     for r in a.table.rows],
            "remainders": a.table.remainders, "excluded": a.table.excluded},
        "necessity": a.necessity,
        "solutions": {k: {"expression": s.expression, "fit": s.fit, "remainders_used": s.remainders_used,
                          "notes": s.notes,
                          "terms": [{"term": t.text, **t.fit, "cases": t.cases} for t in s.terms]}
                      for k, s in a.solutions.items()},
        "limits": a.limits(),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
