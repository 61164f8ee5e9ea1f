"""The page of an analysis, for the served site (``/compare``) and the static site
(``compare.html``): the cross-case matrix where each cell opens the passages behind it
(each item linked to its own page), the truth table, necessity, the solutions with their
limits said plainly, and the calibration used. Plain HTML (``<details>``), no script;
every text escaped.

Examples
--------
>>> from paradiplo.kg import project_root
>>> from paradiplo.compare import analyse
>>> page = analysis_page(analyse(data=project_root() / "tests/compare/lipset/LC.csv", outcome="SURV"))
>>> "DEV*STB" in page and "<details>" not in page   # a data file has no passages to open
True
"""

from __future__ import annotations

from html import escape

from ..compare.report import _label, _num, _score
from ..kg.labels import expand
from .pages import _page, local_link

_CSS = ("<style>details summary{cursor:pointer;font-weight:600} details ul{margin:.3rem 0 .3rem 1rem;padding:0}"
        " .unknown{color:#a60} .limits{background:#fff8e5;padding:.5rem 1rem;border-left:3px solid #e0a800}</style>")


def _evidence_html(e: dict, base: str) -> str:
    iri = expand(e["item"]) if e.get("item") else None
    href = local_link(iri, base) if iri else None
    name = escape(e.get("label") or e.get("item") or "")
    item = f"<a href='{escape(href)}'>{name}</a>" if href else name
    where = escape(", ".join(x for x in (e.get("source"), e.get("locator")) if x))
    said = (f"<span class='quote'>“{escape(e['quote'])}”</span>" if e.get("quote")
            else f"<span class='basis'>editorial: {escape(e['reason'])}</span>" if e.get("reason") else "")
    return f"<li><code>{escape(e.get('signal') or '')}</code> {item} — {where} {said}</li>"


def _cell_html(cell, base: str) -> str:
    shown = _score(cell.value) if cell.value is not None else "unknown"
    cls = " class='unknown'" if cell.value is None else ""
    if not cell.evidence and not cell.note:
        return f"<td{cls}>{escape(shown)}</td>"
    items = "".join(_evidence_html(e, base) for e in cell.evidence)
    note = f"<p class='basis'>{escape(cell.note)}</p>" if cell.note else ""
    return f"<td{cls}><details><summary>{escape(shown)}</summary>{note}<ul>{items}</ul></details></td>"


def _table(head: list, rows: list) -> str:
    th = "".join(f"<th>{escape(str(h))}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in r) + "</tr>" for r in rows)
    return f"<table><tr>{th}</tr>{body}</table>"


def analysis_page(a, base: str = "") -> str:
    """The whole analysis as one HTML page (links below ``base``)."""
    cols = [*a.conditions, a.outcome]
    c = a.calibration
    parts = [_CSS, f"<h1>Comparing cases: {escape(a.outcome)}</h1>",
             "<p>Each cell is a membership score computed from the knowledge graph; open it to read the "
             "passages behind it. <em>unknown</em>: the graph cannot decide.</p>"]
    head = "".join(f"<th>{escape(x)}</th>" for x in ["case", *cols])
    body = "".join("<tr><td>" + escape(_label(a, i)) + "</td>"
                   + "".join(_cell_html(a.matrix.cells[i][col], base) for col in cols) + "</tr>"
                   for i in a.matrix.cases)
    parts.append(f"<h2>Cross-case matrix</h2><table><tr>{head}</tr>{body}</table>")
    limits = "".join(f"<li>{escape(x)}</li>" for x in a.limits())
    parts.append(f"<div class='limits'><strong>What these cases can and cannot show</strong><ul>{limits}</ul></div>")
    t = a.table
    parts.append(f"<h2>Truth table</h2><p class='basis'>incl.cut {t.incl_cut:g}, n.cut {t.n_cut}</p>"
                 + _table(["row", *a.conditions, "OUT", "n", "incl", "PRI", "cases"],
                          [[r.number, *r.config, r.out, r.n, _num(r.incl), _num(r.pri), ", ".join(r.cases)]
                           for r in t.rows]))
    if a.necessity:
        parts.append("<h2>Necessity</h2>" + _table(["condition", "inclN", "RoN", "covN"],
                     [[n["condition"], _num(n["inclN"]), _num(n["RoN"]), _num(n["covN"])] for n in a.necessity]))
    for kind, s in a.solutions.items():
        rows = [[tm.text, _num(tm.fit["inclS"]), _num(tm.fit["PRI"]), _num(tm.fit["covS"]), _num(tm.fit["covU"]),
                 ", ".join(tm.cases)] for tm in s.terms]
        if s.terms:
            rows.append(["solution", _num(s.fit["inclS"]), _num(s.fit["PRI"]), _num(s.fit["covS"]), "", ""])
        notes = "".join(f"<li>{escape(n)}</li>" for n in s.notes)
        used = (f"<li>logical remainders used: rows {escape(', '.join(map(str, s.remainders_used)))}</li>"
                if s.remainders_used else "")
        parts.append(f"<h2>{escape(kind)} solution</h2><p><code>{escape(s.expression)} ⇒ {escape(a.outcome)}</code></p>"
                     + (_table(["term", "inclS", "PRI", "covS", "covU", "cases"], rows) if s.terms else "")
                     + f"<ul class='basis'>{used}{notes}<li>limits: {escape(' '.join(a.limits()))}</li></ul>")
    rules = "".join(f"<li><code>{escape(n)}</code>: {escape(c.sets[n].describe())}</li>" for n in cols)
    parts.append(f"<h2>Calibration used</h2><p class='basis'>{escape(c.shown_path() or '')} "
                 f"{escape(c.digest[:12])}</p><ul>{rules}</ul>")
    return _page(f"compare {a.outcome}", "".join(parts), base)


def default_page(kg, base: str = "") -> str:
    """The page of the default analysis (data/compare/calibration.yaml) of ``kg``."""
    from ..compare import analyse

    return analysis_page(analyse(kg=kg), base)
