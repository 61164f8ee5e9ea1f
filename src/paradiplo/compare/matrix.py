"""The cross-case matrix: cases as rows, conditions and the outcome as columns.

From the knowledge graph, each column is computed by its named query
(``queries/conditions/NAME.rq``), which returns per case the *signals* the graph holds
(a supporting factor, an element judged not met, an obstacle, a status ...) with the item
that states it and its passage (source, locator, quote) or editorial reason. The
calibration turns the signals into a membership score; a case whose graph says nothing is
``None`` (unknown), unless the calibration says otherwise and why.

From a data file (``--data FILE.csv``, cases as rows as R's QCA reads them), each column
is a raw or calibrated number.

Examples
--------
>>> from paradiplo.compare.calibration import parse
>>> cal = parse({"outcome": "Y", "sets": {"Y": {"method": "calibrated"},
...              "A": {"method": "fuzzy", "anchors": {"exclusion": 0, "crossover": 5, "inclusion": 10}}}})
>>> m = from_rows([{"case": "x", "A": "5", "Y": "1"}], cal, "case")
>>> m.cells["x"]["A"].value, m.cells["x"]["Y"].value
(0.5, 1.0)
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode

from ..errors import InputError
from ..kg.labels import slug_of_case
from .calibration import Calibration, SetSpec


@dataclass
class Cell:
    """One case's membership in one set, and what it rests on."""

    value: float | None
    raw: object = None
    evidence: list = field(default_factory=list)   # dicts: item, label, signal, source, locator, quote, reason, date
    note: str = ""

    def as_dict(self) -> dict:
        return {"value": self.value, "raw": self.raw, "note": self.note, "evidence": self.evidence}


@dataclass
class Matrix:
    """Cases x sets, with each cell's evidence."""

    cases: list
    labels: dict
    columns: list
    cells: dict            # case -> column -> Cell
    origin: str = "graph"

    def value(self, case, column):
        return self.cells[case][column].value

    def unknown(self, columns) -> dict:
        """case -> the columns it has no value for (only cases with any)."""
        out = {}
        for c in self.cases:
            missing = [col for col in columns if self.cells[c][col].value is None]
            if missing:
                out[c] = missing
        return out


# --------------------------------------------------------------------------- from the graph


def condition_query_path(name: str, root: Path | None = None) -> Path:
    from ..kg import project_root

    return (root or project_root()) / "queries" / "conditions" / f"{name}.rq"


def _text(term) -> str | None:
    if term is None:
        return None
    from ..query import short

    return short(term)


def _evidence(rows) -> dict:
    """case -> list of evidence dicts (one per item and passage)."""
    out: dict = {}
    for r in rows:
        case = str(r["case"])
        out.setdefault(case, []).append({
            "signal": _text(r.get("signal")),
            "item": None if isinstance(r.get("item"), BNode) else _text(r.get("item")),
            "label": _text(r.get("itemLabel")),
            "date": _text(r.get("date")), "source": _text(r.get("source")), "locator": _text(r.get("locator")),
            "quote": _text(r.get("quote")), "reason": _text(r.get("reason"))})
    return out


def _cell(spec: SetSpec, evidence: list) -> Cell:
    signals = sorted({e["signal"] for e in evidence if e["signal"]})
    if not evidence:
        if spec.when_silent == "unknown":
            return Cell(None, note="the graph says nothing about this case")
        return Cell(float(spec.when_silent), note=f"the graph is silent; the calibration sets {spec.when_silent:g}: "
                                                 f"{spec.reason}")
    if spec.method == "crisp":
        for signal, value in spec.rules:
            if signal in signals:
                used = [e for e in evidence if e["signal"] == signal]
                others = {v for s, v in spec.rules if s in signals and v != value}
                note = (f"conflicting evidence: the rule for '{signal}' comes first and decides" if others else "")
                return Cell(float(value), raw=signals, evidence=used + [e for e in evidence if e not in used],
                            note=note)
        return Cell(None, raw=signals, evidence=evidence, note="no rule of the calibration matches these signals")
    if spec.method == "ordinal":
        known = [e for e in evidence if e["signal"] in spec.mapping]
        if not known:
            return Cell(None, raw=signals, evidence=evidence, note="no value of the calibration's map matches")
        if spec.pick == "latest":
            dated = [e for e in known if e["date"]]
            if dated:
                last = max(e["date"] for e in dated)
                known = [e for e in dated if e["date"] == last]
        scores = sorted({spec.mapping[e["signal"]] for e in known})
        value = {"min": min, "max": max, "mean": lambda s: sum(s) / len(s)}[spec.combine](scores)
        listed = ", ".join(f"{s:g}" for s in scores)
        note = f"several judgements ({listed}); {spec.combine} taken" if len(scores) > 1 else ""
        return Cell(round(value, 4), raw=sorted({e["signal"] for e in known}),
                    evidence=known + [e for e in evidence if e not in known], note=note)
    return Cell(None, raw=signals, evidence=evidence, note=f"method {spec.method} needs numbers, not graph signals")


def from_graph(kg, calibration: Calibration, columns: list, cases: list | None = None) -> Matrix:
    """The matrix of the bundled (or any loaded) knowledge graph."""
    from .. import query as q
    from ..errors import QueryError

    listing = q.run(kg, _CASES, timeout=None)
    labels = {str(r["case"]): str(r["label"]) for r in listing.rows}
    ids = sorted(labels)
    if cases:
        wanted = {c if c.startswith("http") else _case_iri(c) for c in cases}
        unknown = sorted(wanted - set(ids))
        if unknown:
            raise QueryError(f"no case {', '.join(short_case(u) for u in unknown)} in the graph "
                             f"(cases: {', '.join(short_case(i) for i in ids)})")
        ids = [i for i in ids if i in wanted]
    cells: dict = {i: {} for i in ids}
    for col in columns:
        spec = calibration.sets[col]
        if not spec.query:
            raise InputError(calibration.path, f"sets.{col}: no query named; a set read from the graph needs "
                                               "'query: NAME' (queries/conditions/NAME.rq)")
        path = condition_query_path(spec.query)
        if not path.is_file():
            raise InputError(calibration.path, f"sets.{col}.query: no file {path}")
        ev = _evidence(q.run(kg, path.read_text(encoding="utf-8"), timeout=None).rows)
        for i in ids:
            cells[i][col] = _cell(spec, ev.get(i, []))
    return Matrix(cases=ids, labels={i: labels[i] for i in ids}, columns=list(columns), cells=cells)


_CASES = """PREFIX pdo: <https://w3id.org/paradiplo/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?case ?label WHERE { ?case a pdo:Case ; rdfs:label ?label . FILTER (lang(?label) = "en") }"""

_PD = "https://w3id.org/paradiplo/id/case-"


def _case_iri(slug: str) -> str:
    return _PD + slug


def short_case(case: str) -> str:
    """The case's short name (the slug of pd:case-SLUG: :func:`paradiplo.kg.labels.slug_of_case`)."""
    return slug_of_case(case)


# --------------------------------------------------------------------------- from a data file


def read_csv(path: Path) -> tuple[list[dict], str]:
    """Rows of a CSV matrix (cases as rows; the first column, named or not, holds the case names)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise InputError(path, f"cannot be read: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise InputError(path, "is not UTF-8 text") from None
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows = list(reader)
    if len(rows) < 2:
        raise InputError(path, "needs a header row and at least one case")
    header = [h.strip() for h in rows[0]]
    key = header[0] or "case"
    header[0] = key
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(path, f"has {len(row)} cells, the header {len(header)}", line=n)
        out.append(dict(zip(header, (c.strip() for c in row), strict=True)))
    return out, key


def from_rows(rows: list[dict], calibration: Calibration, key: str, path: Path | None = None,
              columns: list | None = None) -> Matrix:
    """A matrix from data rows; each value calibrated by its set (a missing or NA cell is unknown)."""
    path = path or Path("<data>")
    columns = columns or [*calibration.conditions, calibration.outcome]
    header = set(rows[0]) if rows else set()
    for col in columns:
        if col not in header:
            raise InputError(path, f"has no column {col!r} (columns: {', '.join(sorted(header - {key}))})")
    cells, ids = {}, []
    for n, row in enumerate(rows, start=2):
        case = row[key]
        ids.append(case)
        cells[case] = {}
        for col in columns:
            spec = calibration.sets.get(col) or SetSpec(col, "calibrated")
            text = row[col]
            if text in ("", "NA", "-", "?"):
                cells[case][col] = Cell(None, raw=text, note="missing in the data file")
                continue
            try:
                raw = float(text)
            except ValueError:
                raise InputError(path, f"column {col}: {text!r} is not a number", line=n) from None
            value = spec.value_of_raw(raw)
            if not 0 <= value <= 1:
                raise InputError(path, f"column {col}: {raw:g} is not a membership score in [0, 1]", line=n,
                                 hint=f"give sets.{col} a calibration (fuzzy anchors or a crisp threshold)")
            cells[case][col] = Cell(value, raw=raw)
    return Matrix(cases=ids, labels={c: c for c in ids}, columns=list(columns), cells=cells, origin=str(path))
