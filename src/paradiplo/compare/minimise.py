"""Boolean minimisation of a truth table: complex, parsimonious and intermediate solutions.

The minimisation itself is sympy's ``SOPform`` (Quine–McCluskey with don't-cares, then a
minimal cover of the prime implicants): a well-kept, widely used library rather than a
home-made minimiser, and one whose don't-care terms are exactly QCA's logical remainders.

- **complex (conservative)**: the positive rows only, no remainder used;
- **parsimonious**: the positive rows, every remainder a don't-care;
- **intermediate** (Ragin and Sonnett): the positive rows with, as don't-cares, only the
  *easy counterfactuals* among the parsimonious solution's simplifying assumptions: the
  remainders that differ from a positive row only in conditions set to the value the
  directional expectations give (conditions without an expectation may take either value).

Each term and the solution get their parameters of fit (inclS, PRI, covS; covU for the
terms) over the cases of the truth table. When several minimal covers exist, sympy gives
one of them (R's QCA lists them all as M1, M2 ...): this is said beside the solution.

Examples
--------
>>> from paradiplo.compare.truthtable import truth_table
>>> data = {"a": {"A": 1, "B": 1, "Y": 1}, "b": {"A": 1, "B": 0, "Y": 1}, "c": {"A": 0, "B": 0, "Y": 0}}
>>> tt = truth_table(data, ["A", "B"], "Y")
>>> solve(tt, "complex").expression
'A'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .truthtable import TruthTable, config_of, membership, sufficiency

KINDS = ("complex", "parsimonious", "intermediate")


@dataclass
class Term:
    literals: tuple            # one per condition: 1, 0 or None
    text: str
    fit: dict = field(default_factory=dict)
    cases: list = field(default_factory=list)


@dataclass
class Solution:
    kind: str
    terms: list
    expression: str
    fit: dict
    remainders_used: list      # row numbers of the remainders (simplifying assumptions) used
    notes: list = field(default_factory=list)


def term_text(literals, conditions) -> str:
    parts = [("~" if v == 0 else "") + c for c, v in zip(conditions, literals, strict=True) if v is not None]
    return "*".join(parts) if parts else "1"


def _terms(expr, symbols) -> list[tuple]:
    """sympy's sum of products as tuples of literals (1, 0, None per condition)."""
    from sympy import And, Not, Or
    from sympy.logic.boolalg import BooleanFalse, BooleanTrue

    index = {s: i for i, s in enumerate(symbols)}
    if isinstance(expr, BooleanFalse):
        return []
    if isinstance(expr, BooleanTrue):
        return [tuple([None] * len(symbols))]
    products = expr.args if isinstance(expr, Or) else (expr,)
    out = []
    for p in products:
        lits = [None] * len(symbols)
        for lit in (p.args if isinstance(p, And) else (p,)):
            if isinstance(lit, Not):
                lits[index[lit.args[0]]] = 0
            else:
                lits[index[lit]] = 1
        out.append(tuple(lits))
    return out


def minimal_sop(k: int, ones: list, dontcares: list) -> list[tuple]:
    """A minimal sum of products (tuples of 1/0/None) covering ``ones`` (configurations)."""
    from sympy import symbols as mk
    from sympy.logic import SOPform

    if not ones:
        return []
    syms = mk(f"x0:{k}") if k > 1 else [mk("x0")]
    expr = SOPform(list(syms), [list(c) for c in ones], [list(c) for c in dontcares])
    return _terms(expr, list(syms))


def covers(term, config) -> bool:
    return all(t is None or t == c for t, c in zip(term, config, strict=True))


def _easy(remainder, positives, expectations, conditions) -> bool:
    for p in positives:
        ok = True
        for cond, r, v in zip(conditions, remainder, p, strict=True):
            if r == v:
                continue
            if cond in expectations and expectations[cond] != r:
                ok = False
                break
        if ok:
            return True
    return False


def _fit(tt: TruthTable, term_list: list) -> tuple[list, dict]:
    cases = tt.cases
    ys = [tt.data[c][tt.outcome] for c in cases]
    per_term = [[membership(tt.data[c], t, tt.conditions) for c in cases] for t in term_list]
    solution = [max(ms) for ms in zip(*per_term, strict=True)] if per_term else [0.0] * len(cases)
    sol_fit = sufficiency(solution, ys)
    out = []
    positive_cases = {c for r in tt.positive() for c in r.cases}
    for i, t in enumerate(term_list):
        fit = sufficiency(per_term[i], ys)
        rest = per_term[:i] + per_term[i + 1:]
        others = [max(ms) for ms in zip(*rest, strict=True)] if rest else [0.0] * len(cases)
        cov_others = sufficiency(others, ys)["covS"] or 0.0
        fit["covU"] = (sol_fit["covS"] or 0.0) - cov_others
        covered = [c for c, m in zip(cases, per_term[i], strict=True) if m > 0.5 and c in positive_cases]
        out.append(Term(t, term_text(t, tt.conditions), fit, covered))
    return out, sol_fit


def solve(tt: TruthTable, kind: str = "complex", expectations: dict | None = None) -> Solution:
    """The ``kind`` solution of a truth table (see the module docstring)."""
    k = len(tt.conditions)
    ones = [r.config for r in tt.positive()]
    remainders = [config_of(n, k) for n in tt.remainders]
    notes = []
    if kind == "complex":
        dc = []
    elif kind == "parsimonious":
        dc = remainders
    elif kind == "intermediate":
        expectations = expectations or {}
        pars = minimal_sop(k, ones, remainders)
        assumptions = [r for r in remainders if any(covers(t, r) for t in pars)]
        dc = [r for r in assumptions if _easy(r, ones, expectations, tt.conditions)]
        said = ", ".join(f"{'' if v else '~'}{c}" for c, v in expectations.items())
        notes.append("directional expectations: " + (said or "none (every simplifying assumption counts as easy)"))
    else:
        raise ValueError(f"unknown solution kind {kind!r}")
    terms = minimal_sop(k, ones, dc)
    used = sorted({n for n in tt.remainders if any(covers(t, config_of(n, k)) for t in terms)})
    fitted, sol_fit = _fit(tt, terms)
    expression = " + ".join(t.text for t in fitted) if fitted else "(no positive row: nothing to minimise)"
    if len(ones):
        notes.append("one minimal solution shown: if several minimal covers exist, sympy returns one of them")
    return Solution(kind, fitted, expression, sol_fit, used, notes)
