"""The truth table of a calibrated matrix, and the parameters of fit it rests on.

Follows R's QCA ``truthTable()``: a case belongs to the row (corner of the vector space)
where its membership in each condition is above 0.5 (a case at exactly 0.5 belongs to no
row and is reported); the rows are numbered as QCA numbers them (1 + the binary number
of the configuration, the first condition the most significant); each observed row gets
its number of cases ``n``, its sufficiency inclusion (consistency) ``incl`` =
sum(min(X, Y)) / sum(X) and its ``PRI`` = (sum(min(X, Y)) - sum(min(X, Y, ~Y))) /
(sum(X) - sum(min(X, Y, ~Y))), over all cases, X being each case's membership in the row.
``OUT`` is 1 when ``n >= n_cut``, ``incl >= incl_cut`` and ``PRI >= pri_cut``, 0 when
observed otherwise, and the rows never observed are logical remainders.

Examples
--------
>>> data = {"a": {"A": 1, "Y": 1}, "b": {"A": 1, "Y": 0}, "c": {"A": 0, "Y": 0}}
>>> tt = truth_table(data, ["A"], "Y", incl_cut=1)
>>> [(r.number, r.config, r.n, r.incl, r.out) for r in tt.rows]
[(1, (0,), 1, 0.0, 0), (2, (1,), 2, 0.5, 0)]
>>> tt.contradictions
[2]
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _min(*xs):
    return min(xs)


def membership(case: dict, config, conditions) -> float:
    """A case's membership in a configuration (1 = present, 0 = absent, None = any)."""
    m = 1.0
    for cond, bit in zip(conditions, config, strict=True):
        if bit is None:
            continue
        x = case[cond]
        m = min(m, x if bit == 1 else 1.0 - x)
    return m


def sufficiency(xs, ys) -> dict:
    """inclS, PRI and covS of a set X (memberships ``xs``) for Y.

    >>> sufficiency([1, 1, 0], [1, 0, 0])
    {'inclS': 0.5, 'PRI': 0.5, 'covS': 1.0}
    """
    sx = sum(xs)
    sxy = sum(min(x, y) for x, y in zip(xs, ys, strict=True))
    sxyny = sum(min(x, y, 1 - y) for x, y in zip(xs, ys, strict=True))
    sy = sum(ys)
    incl = sxy / sx if sx else None
    pri = (sxy - sxyny) / (sx - sxyny) if sx - sxyny else None
    cov = sxy / sy if sy else None
    return {"inclS": incl, "PRI": pri, "covS": cov}


def necessity(xs, ys) -> dict:
    """inclN (consistency of necessity), RoN (relevance, Schneider and Wagemann) and covN.

    >>> necessity([1, 1, 0], [1, 0, 0])
    {'inclN': 1.0, 'RoN': 0.5, 'covN': 0.5}
    """
    sxy = sum(min(x, y) for x, y in zip(xs, ys, strict=True))
    sy, sx = sum(ys), sum(xs)
    not_x = sum(1 - x for x in xs)
    not_xy = sum(1 - min(x, y) for x, y in zip(xs, ys, strict=True))
    return {"inclN": sxy / sy if sy else None, "RoN": not_x / not_xy if not_xy else None,
            "covN": sxy / sx if sx else None}


@dataclass
class Row:
    number: int
    config: tuple
    n: int
    incl: float | None
    pri: float | None
    out: int | str            # 1, 0 or "?" (remainder)
    cases: list = field(default_factory=list)
    contradictory: bool = False


@dataclass
class TruthTable:
    conditions: list
    outcome: str
    rows: list                 # observed rows, by number
    incl_cut: float
    n_cut: int
    pri_cut: float
    cases: list                # the cases analysed
    excluded: dict             # case -> why it is not in the table
    data: dict                 # case -> {set: membership}

    @property
    def remainders(self) -> list:
        """Row numbers never observed (or below n_cut): the logical remainders."""
        observed = {r.number for r in self.rows if r.out != "?"}
        return [i for i in range(1, 2 ** len(self.conditions) + 1) if i not in observed]

    @property
    def contradictions(self) -> list:
        return [r.number for r in self.rows if r.contradictory]

    def positive(self) -> list:
        return [r for r in self.rows if r.out == 1]

    def negative(self) -> list:
        return [r for r in self.rows if r.out == 0]

    def limits(self) -> list[str]:
        """Plain sentences on what the table cannot show (small N, remainders, unknowns)."""
        k = len(self.conditions)
        total = 2 ** k
        observed = len([r for r in self.rows if r.out != "?"])
        out = [f"{len(self.cases)} case{'s' if len(self.cases) != 1 else ''} analysed; {k} conditions give "
               f"{total} possible configurations, {observed} observed ({observed / total:.0%}), "
               f"{len(self.remainders)} logical remainders"
               + (": limited diversity, most configurations have no case" if observed < total / 2 else "") + "."]
        if self.excluded:
            out.append(f"{len(self.excluded)} case{'s' if len(self.excluded) != 1 else ''} left out: "
                       + "; ".join(f"{c} ({why})" for c, why in self.excluded.items()) + ".")
        if self.contradictions:
            rows = ", ".join(map(str, self.contradictions))
            out.append(f"contradictory rows (cases in and out of the outcome): {rows}.")
        else:
            out.append("no contradictory rows.")
        few = [r.number for r in self.rows if r.n == 1]
        if few:
            out.append(f"rows resting on a single case: {', '.join(map(str, few))}.")
        return out


def row_number(config) -> int:
    """QCA's row number: 1 + the configuration read as a binary number.

    >>> row_number((1, 0, 1, 0, 1))
    22
    """
    n = 0
    for bit in config:
        n = 2 * n + bit
    return n + 1


def config_of(number: int, k: int) -> tuple:
    """The configuration of a row number (the inverse of :func:`row_number`)."""
    n = number - 1
    return tuple((n >> (k - 1 - i)) & 1 for i in range(k))


def truth_table(data: dict, conditions: list, outcome: str, incl_cut: float = 1.0, n_cut: int = 1,
                pri_cut: float = 0.0, labels: dict | None = None) -> TruthTable:
    """The truth table of ``data`` (case -> set -> membership, None for unknown)."""
    labels = labels or {}
    excluded, usable = {}, {}
    for case, values in data.items():
        missing = [s for s in [*conditions, outcome] if values.get(s) is None]
        if missing:
            excluded[labels.get(case, case)] = "unknown: " + ", ".join(missing)
        else:
            usable[case] = values
    groups: dict = {}
    for case, values in usable.items():
        if any(values[c] == 0.5 for c in conditions):
            excluded[labels.get(case, case)] = "membership of exactly 0.5 in a condition: in no row"
            continue
        config = tuple(1 if values[c] > 0.5 else 0 for c in conditions)
        groups.setdefault(config, []).append(case)
    analysed = [c for g in groups.values() for c in g]
    ys = [usable[c][outcome] for c in analysed]
    rows = []
    for config in sorted(groups, key=row_number):
        members = groups[config]
        xs = [membership(usable[c], config, conditions) for c in analysed]
        fit = sufficiency(xs, ys)
        incl, pri = fit["inclS"], fit["PRI"]
        n = len(members)
        if n < n_cut:
            out = "?"
        elif incl is not None and incl >= incl_cut - 1e-12 and (pri or 0) >= pri_cut - 1e-12:
            out = 1
        else:
            out = 0
        inside = [usable[c][outcome] > 0.5 for c in members]
        rows.append(Row(row_number(config), config, n, incl, pri, out, [labels.get(c, c) for c in members],
                        contradictory=any(inside) and not all(inside)))
    return TruthTable(conditions=list(conditions), outcome=outcome, rows=rows, incl_cut=incl_cut, n_cut=n_cut,
                      pri_cut=pri_cut, cases=[labels.get(c, c) for c in analysed], excluded=excluded,
                      data={labels.get(c, c): usable[c] for c in analysed})


def necessity_table(tt: TruthTable) -> list[dict]:
    """Necessity of each condition and of its negation for the outcome (cases of the table)."""
    ys = [tt.data[c][tt.outcome] for c in tt.cases]
    out = []
    for cond in tt.conditions:
        for neg in (False, True):
            xs = [(1 - tt.data[c][cond]) if neg else tt.data[c][cond] for c in tt.cases]
            out.append({"condition": ("~" if neg else "") + cond, **necessity(xs, ys)})
    return out
