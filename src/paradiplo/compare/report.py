"""An analysis as text to read, as CSV (the calibrated matrix, as R's QCA package and fs/QCA
read it), or as JSON (everything: matrix with each cell's passages, truth table,
necessity, solutions, limits and the calibration used).

Examples
--------
>>> from paradiplo.kg import project_root
>>> from paradiplo.compare import analyse
>>> a = analyse(data=project_root() / "tests/compare/lipset/LC.csv", outcome="SURV")
>>> print(matrix_csv(a).splitlines()[1])
AU,1,0,1,1,0,0
"""

from __future__ import annotations

import csv
import io
import json

from ..output import to_table


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
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    cols = [*a.conditions, a.outcome]
    w.writerow(["case", *cols])
    for c in m.cases:
        name = _label(a, c)
        w.writerow([name, *(_score(m.value(c, col)) for col in cols)])
    return buf.getvalue()


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


def as_text(a, width: int | None = None) -> str:
    m = a.matrix
    cols = [*a.conditions, a.outcome]
    out = []
    c = a.calibration
    digest = f"  sha256 {c.digest[:12]}" if c.digest else ""
    out.append(f"Calibration: {c.shown_path() or '(values of the data file)'}{digest}")
    for name in cols:
        out.append(f"  {name}: {c.sets[name].describe()}")
    out.append("")
    rows = [{"case": _label(a, i), **{col: (_score(m.value(i, col)) or "unknown") for col in cols}} for i in m.cases]
    title = "Cross-case matrix (membership scores; unknown: the graph cannot decide)"
    out.append(to_table(rows, ["case", *cols], title, width).rstrip())
    if m.origin == "graph":
        out.append("")
        out.append("Passages behind each cell:")
        for i in m.cases:
            out.append(f"  {_label(a, i)}")
            for col in cols:
                cell = m.cells[i][col]
                head = f"    {col} = {_score(cell.value) or 'unknown'}" + (f"  ({cell.note})" if cell.note else "")
                out.append(head)
                for e in cell.evidence:
                    out.append(f"      {passage(e)}")
    out.append("")
    t = a.table
    tt_rows = [{"row": r.number, **{k: v for k, v in zip(a.conditions, r.config, strict=True)}, "OUT": r.out, "n": r.n,
                "incl": _num(r.incl), "PRI": _num(r.pri), "cases": ",".join(r.cases)} for r in t.rows]
    out.append(to_table(tt_rows, ["row", *a.conditions, "OUT", "n", "incl", "PRI", "cases"],
                        f"Truth table for {a.outcome} (incl.cut {t.incl_cut:g}, n.cut {t.n_cut})", width).rstrip())
    out.append("")
    out.append("What these cases can and cannot show:")
    out.extend(f"  - {line}" for line in a.limits())
    if a.necessity:
        out.append("")
        nec = [{"condition": n["condition"], "inclN": _num(n["inclN"]), "RoN": _num(n["RoN"]), "covN": _num(n["covN"])}
               for n in a.necessity]
        out.append(to_table(nec, ["condition", "inclN", "RoN", "covN"], f"Necessity for {a.outcome}", width).rstrip())
    for kind, s in a.solutions.items():
        out.append("")
        out.append(f"{kind} solution:  {s.expression} => {a.outcome}")
        if s.terms:
            trs = [{"term": tm.text, "inclS": _num(tm.fit["inclS"]), "PRI": _num(tm.fit["PRI"]),
                    "covS": _num(tm.fit["covS"]), "covU": _num(tm.fit["covU"]), "cases": ",".join(tm.cases)}
                   for tm in s.terms]
            trs.append({"term": "solution", "inclS": _num(s.fit["inclS"]), "PRI": _num(s.fit["PRI"]),
                        "covS": _num(s.fit["covS"]), "covU": "", "cases": ""})
            out.append(to_table(trs, ["term", "inclS", "PRI", "covS", "covU", "cases"], None, width).rstrip())
        if s.remainders_used:
            used = ", ".join(map(str, s.remainders_used))
            out.append(f"  logical remainders used (simplifying assumptions): rows {used}")
        for note in s.notes:
            out.append(f"  note: {note}")
        out.append("  limits: " + " ".join(a.limits()))
    return "\n".join(out) + "\n"


def render(a, fmt: str) -> str:
    if fmt == "json":
        return as_json(a)
    if fmt == "csv":
        return matrix_csv(a)
    return as_text(a)
