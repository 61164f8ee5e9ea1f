"""paradiplo compare checked against the reference: R's QCA package (Dusa), version 3.23.

The data (tests/compare/lipset/, tests/compare/cvf/) are the package's own data sets,
read from its public repository (see the SOURCE.md files). Every expected figure below is
copied from the package's published documentation: the printed results of its examples
in ``inst/staticdocs/`` of QCA 3.23 (truthTable.html, minimize.html, pof.html), the
rendered help pages of ``?truthTable``, ``?minimize`` and ``?pof``. Each test names the
example it reproduces. Figures are compared at the three decimals QCA prints.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from paradiplo.compare import analyse
from paradiplo.compare.calibration import load as load_calibration
from paradiplo.compare.matrix import from_rows, read_csv

HERE = Path(__file__).parent / "compare"
LC = HERE / "lipset" / "LC.csv"
LF = HERE / "lipset" / "LF.csv"
LR = HERE / "lipset" / "LR.csv"
CVF = HERE / "cvf" / "CVF.csv"
CONDS = ["DEV", "URB", "LIT", "IND", "STB"]


def r3(x):
    return None if x is None else round(x + 1e-12, 3)


def terms(solution) -> dict:
    return {t.text: (r3(t.fit["inclS"]), r3(t.fit["PRI"]), r3(t.fit["covS"]), r3(t.fit["covU"]), t.cases)
            for t in solution.terms}


@pytest.fixture(scope="module")
def lc():
    return analyse(data=LC, outcome="SURV")


@pytest.fixture(scope="module")
def lf():
    return analyse(data=LF, calibration=HERE / "lipset" / "LF-calibration.yaml")


def test_lc_truth_table(lc):
    # ?truthTable, example "print(ttLC, show.cases = TRUE)": rows, OUT, n, incl, PRI, cases
    expected = {
        1: ((0, 0, 0, 0, 0), 0, 3, 0.0, 0.0, ["GR", "PT", "ES"]),
        2: ((0, 0, 0, 0, 1), 0, 2, 0.0, 0.0, ["IT", "RO"]),
        5: ((0, 0, 1, 0, 0), 0, 2, 0.0, 0.0, ["HU", "PL"]),
        6: ((0, 0, 1, 0, 1), 0, 1, 0.0, 0.0, ["EE"]),
        22: ((1, 0, 1, 0, 1), 1, 2, 1.0, 1.0, ["FI", "IE"]),
        23: ((1, 0, 1, 1, 0), 0, 1, 0.0, 0.0, ["AU"]),
        24: ((1, 0, 1, 1, 1), 1, 2, 1.0, 1.0, ["FR", "SE"]),
        31: ((1, 1, 1, 1, 0), 0, 1, 0.0, 0.0, ["DE"]),
        32: ((1, 1, 1, 1, 1), 1, 4, 1.0, 1.0, ["BE", "CZ", "NL", "UK"]),
    }
    got = {r.number: (r.config, r.out, r.n, r3(r.incl), r3(r.pri), r.cases) for r in lc.table.rows}
    assert got == expected
    # the complete table prints the other 23 rows as remainders ("?")
    assert len(lc.table.remainders) == 23 and 3 in lc.table.remainders and 30 in lc.table.remainders
    assert lc.table.contradictions == []


def test_lc_conservative_solution(lc):
    # ?minimize, "minimize(ttLC, details = TRUE, show.cases = TRUE)" (Rihoux & De Meur 2009, p.57):
    # M1: DEV*~URB*LIT*STB + DEV*LIT*IND*STB <=> SURV
    #   DEV*~URB*LIT*STB 1.000 1.000 0.500 0.250 FI,IE; FR,SE
    #   DEV*LIT*IND*STB  1.000 1.000 0.750 0.500 FR,SE; BE,CZ,NL,UK
    #   M1               1.000 1.000 1.000
    s = lc.solutions["complex"]
    got = terms(s)
    assert {k: v[:4] for k, v in got.items()} == {"DEV*~URB*LIT*STB": (1.0, 1.0, 0.5, 0.25),
                                                  "DEV*LIT*IND*STB": (1.0, 1.0, 0.75, 0.5)}
    assert sorted(got["DEV*~URB*LIT*STB"][4]) == ["FI", "FR", "IE", "SE"]
    assert sorted(got["DEV*LIT*IND*STB"][4]) == ["BE", "CZ", "FR", "NL", "SE", "UK"]
    assert (r3(s.fit["inclS"]), r3(s.fit["PRI"]), r3(s.fit["covS"])) == (1.0, 1.0, 1.0)
    assert s.remainders_used == []


def test_lc_parsimonious_solution_and_simplifying_assumptions(lc):
    # ?minimize, "pLC <- minimize(ttLC, include = "?", details = TRUE)": M1: DEV*STB <=> SURV,
    #   DEV*STB 1.000 1.000 1.000; and "pLC$SA": rows 18, 20, 26, 28, 30
    s = lc.solutions["parsimonious"]
    assert s.expression == "DEV*STB"
    assert (r3(s.fit["inclS"]), r3(s.fit["PRI"]), r3(s.fit["covS"])) == (1.0, 1.0, 1.0)
    assert s.remainders_used == [18, 20, 26, 28, 30]


def test_lc_negated_outcome():
    # ?minimize, "minimize(ttLCn)": M1: ~DEV*~URB*~IND + DEV*LIT*IND*~STB <=> ~SURV, and
    # "pLCn": ~DEV (covS 0.800, covU 0.300) + ~STB (covS 0.700, covU 0.200) <=> ~SURV
    rows, key = read_csv(LC)
    for row in rows:
        row["NSURV"] = str(1 - int(row["SURV"]))
    cal = load_calibration(HERE / "lipset" / "LF-calibration.yaml")
    cal.sets["NSURV"] = cal.sets["SURV"]
    from paradiplo.compare.minimise import solve
    from paradiplo.compare.truthtable import truth_table

    m = from_rows(rows, cal, key, LC, [*CONDS, "NSURV"])
    tt = truth_table({c: {k: m.value(c, k) for k in [*CONDS, "NSURV"]} for c in m.cases}, CONDS, "NSURV")
    assert set(solve(tt, "complex").expression.split(" + ")) == {"~DEV*~URB*~IND", "DEV*LIT*IND*~STB"}
    p = solve(tt, "parsimonious")
    assert {k: v[:4] for k, v in terms(p).items()} == {"~DEV": (1.0, 1.0, 0.8, 0.3), "~STB": (1.0, 1.0, 0.7, 0.2)}


def test_lf_conservative_solution(lf):
    # ?minimize, Lipset fuzzy sets (Ragin 2009, p.112), "minimize(ttLF, details = TRUE)" with
    # ttLF <- truthTable(LF, "SURV", incl.cut = 0.8): n OUT = 1/0/C: 6/12/0
    #   DEV*URB*LIT*IND*STB    0.904 0.886 0.454 0.393 BE,CZ,NL,UK
    #   DEV*~URB*LIT*~IND*STB  0.804 0.719 0.265 0.204 FI,IE
    #   M1                     0.870 0.843 0.658
    positive = sum(r.n for r in lf.table.positive())
    negative = sum(r.n for r in lf.table.negative())
    assert (positive, negative) == (6, 12)
    s = lf.solutions["complex"]
    assert terms(s) == {"DEV*URB*LIT*IND*STB": (0.904, 0.886, 0.454, 0.393, ["BE", "CZ", "NL", "UK"]),
                        "DEV*~URB*LIT*~IND*STB": (0.804, 0.719, 0.265, 0.204, ["FI", "IE"])}
    assert (r3(s.fit["inclS"]), r3(s.fit["PRI"]), r3(s.fit["covS"])) == (0.870, 0.843, 0.658)


def test_lf_parsimonious_solution(lf):
    # ?minimize, "minimize(ttLF, include = "?", details = TRUE)":
    #   DEV*~IND 0.815 0.721 0.284 0.194 FI,IE;  URB*STB 0.874 0.845 0.520 0.430 BE,CZ,NL,UK
    #   M1       0.850 0.819 0.714
    s = lf.solutions["parsimonious"]
    assert terms(s) == {"DEV*~IND": (0.815, 0.721, 0.284, 0.194, ["FI", "IE"]),
                        "URB*STB": (0.874, 0.845, 0.520, 0.430, ["BE", "CZ", "NL", "UK"])}
    assert (r3(s.fit["inclS"]), r3(s.fit["PRI"]), r3(s.fit["covS"])) == (0.850, 0.819, 0.714)


def test_lf_intermediate_solution(lf):
    # ?minimize, "minimize(ttLF, include = "?", details = TRUE, dir.exp = "DEV, URB, LIT, IND, STB")":
    #   DEV*URB*LIT*STB  0.901 0.879 0.468 0.378 BE,CZ,NL,UK
    #   DEV*LIT*~IND*STB 0.814 0.721 0.282 0.191 FI,IE
    #   M1               0.866 0.839 0.660
    s = lf.solutions["intermediate"]
    assert terms(s) == {"DEV*URB*LIT*STB": (0.901, 0.879, 0.468, 0.378, ["BE", "CZ", "NL", "UK"]),
                        "DEV*LIT*~IND*STB": (0.814, 0.721, 0.282, 0.191, ["FI", "IE"])}
    assert (r3(s.fit["inclS"]), r3(s.fit["PRI"]), r3(s.fit["covS"])) == (0.866, 0.839, 0.660)


def test_calibrating_lr_reproduces_lf_to_two_decimals():
    # LR calibrated with the anchors of LR-calibration.yaml (see lipset/SOURCE.md) gives the
    # package's LF to two decimals, every case and every set
    raw = analyse(data=LR, calibration=HERE / "lipset" / "LR-calibration.yaml")
    with LF.open(encoding="utf-8") as fh:
        lf = {row["case"]: row for row in csv.DictReader(fh)}
    for case in raw.matrix.cases:
        for col in [*CONDS, "SURV"]:
            assert round(raw.matrix.value(case, col), 2) == pytest.approx(float(lf[case][col]), abs=1e-9), (case, col)


def test_necessity_cvf():
    # ?pof, "pof(conds, PROTEST)" on the Cebotari & Vink fuzzy data (CVF): inclN, RoN, covN
    #   DEMOC 0.741 0.758 0.713; ETHFRACT 0.680 0.830 0.755; GEOCON 0.904 0.492 0.624;
    #   POLDIS 0.518 0.878 0.744; NATPRIDE 0.708 0.523 0.539
    # and "pof(1 - conds, PROTEST)": ~DEMOC 0.564 0.736 0.601; ~NATPRIDE 0.597 0.952 0.899
    a = analyse(data=CVF, outcome="PROTEST")
    got = {n["condition"]: (r3(n["inclN"]), r3(n["RoN"]), r3(n["covN"])) for n in a.necessity}
    assert got["DEMOC"] == (0.741, 0.758, 0.713)
    assert got["ETHFRACT"] == (0.680, 0.830, 0.755)
    assert got["GEOCON"] == (0.904, 0.492, 0.624)
    assert got["POLDIS"] == (0.518, 0.878, 0.744)
    assert got["NATPRIDE"] == (0.708, 0.523, 0.539)
    assert got["~DEMOC"] == (0.564, 0.736, 0.601)
    assert got["~NATPRIDE"] == (0.597, 0.952, 0.899)
