"""One comparative analysis (:func:`analyse`): the matrix, calibrated, with its truth table,
the necessity of each condition and the solutions (see the package's docstring).

>>> from paradiplo.kg import project_root
>>> a = analyse(data=project_root() / "tests/compare/lipset/LC.csv", outcome="SURV")
>>> [r.number for r in a.table.rows][:1] and a.outcome
'SURV'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from . import calibration as cal
from .matrix import Matrix, from_graph, from_rows, read_csv, short_case
from .minimise import KINDS, Solution, solve
from .truthtable import TruthTable, necessity_table, truth_table


@dataclass
class Analysis:
    calibration: cal.Calibration
    matrix: Matrix
    conditions: list
    outcome: str
    table: TruthTable
    necessity: list
    solutions: dict = field(default_factory=dict)

    def limits(self) -> list[str]:
        """What this analysis cannot show, said plainly (beside every solution)."""
        return self.table.limits()


def _calibration_for_data(rows: list[dict], key: str, outcome: str | None) -> cal.Calibration:
    names = [c for c in rows[0] if c != key] if rows else []
    outcome = outcome or (names[-1] if names else "")
    sets = {n: {"method": "calibrated"} for n in names}
    return cal.parse({"outcome": outcome, "sets": sets, "title": "data file: values used as membership scores"})


def analyse(calibration: Path | None = None, cases: list | None = None, outcome: str | None = None,
            data: Path | None = None, conditions: list | None = None, kg=None) -> Analysis:
    """Matrix, truth table, necessity and solutions, as the calibration file says.

    ``data`` (a CSV matrix, cases as rows) replaces the knowledge graph; without a
    calibration file its values are taken as membership scores in [0, 1].
    """
    rows = key = None
    if data is not None:
        rows, key = read_csv(Path(data))
    if calibration is not None:
        c = cal.load(Path(calibration))
    elif data is not None:
        c = _calibration_for_data(rows, key, outcome)
    else:
        c = cal.load(cal.default_path())
    if outcome:
        if outcome not in c.sets:
            raise UsageError(f"--outcome {outcome}: not one of the sets of the calibration ({', '.join(c.sets)})")
        if outcome != c.outcome:
            c.conditions = [x for x in c.conditions if x != outcome]
        c.outcome = outcome
    conds = list(conditions) if conditions else list(c.conditions)
    for x in conds:
        if x not in c.sets:
            raise UsageError(f"--conditions: {x} is not one of the sets of the calibration ({', '.join(c.sets)})")
    if not conds:
        raise UsageError("no conditions to analyse")
    columns = [*conds, c.outcome]
    if data is not None:
        if cases:
            rows = [r for r in rows if r[key] in set(cases)]
            if not rows:
                raise UsageError(f"--cases: none of {', '.join(cases)} is in {data}")
        m = from_rows(rows, c, key, Path(data), columns)
    else:
        if kg is None:
            from ..kg import load

            kg = load()
        m = from_graph(kg, c, columns, cases)
    labels = {i: (short_case(i) if m.origin == "graph" else i) for i in m.cases}
    values = {i: {col: m.value(i, col) for col in columns} for i in m.cases}
    tt = truth_table(values, conds, c.outcome, c.incl_cut, c.n_cut, c.pri_cut, labels)
    nec = necessity_table(tt) if tt.cases else []
    expectations = {k: v for k, v in c.expectations.items() if k in conds}
    sols: dict[str, Solution] = {kind: solve(tt, kind, expectations) for kind in KINDS} if tt.cases else {}
    return Analysis(c, m, conds, c.outcome, tt, nec, sols)
