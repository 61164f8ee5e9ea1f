"""Calibration as data: how each condition and outcome of a comparison is set.

A calibration file (YAML, e.g. ``data/compare/calibration.yaml``) names the outcome, the
conditions analysed by default, the truth-table cut-offs, the directional expectations,
and for every set one method:

``crisp``
    From the graph: ``rules`` (in order) map the *signals* that the set's query returns
    (``supporting-factor``, ``element-not-met``, ``obstacle`` ...) to 0 or 1; the first rule
    whose signal the case shows decides. From a data file: ``threshold`` (1 at or above it,
    or below it when ``direction: decreasing``).
``ordinal``
    ``map`` from a signal (e.g. a status IRI as ``status:active``) to a membership score;
    ``pick: latest`` keeps the judgements of the latest date, ``combine`` (min, max, mean)
    joins several judgements of that date.
``fuzzy``
    The direct method (Ragin 2008): anchors ``exclusion``, ``crossover``, ``inclusion``
    of a raw value, a logistic curve with log-odds ``log_odds`` (default 3, Ragin's and
    fs/QCA's; R's QCA ``calibrate()`` uses ``idm = 0.95``, log-odds 2.944, which ``idm: 0.95``
    gives) at the anchors.
    Decreasing sets give ``exclusion`` above ``inclusion``.
``calibrated``
    The value is already a membership score in [0, 1] (data files only).

``when_silent`` says what a case gets when the graph says nothing about it: ``unknown``
(the default, never a silent 0), or a value with the ``reason`` written beside the cell.

Examples
--------
>>> round(fuzzy(720, exclusion=400, crossover=550, inclusion=900), 2)
0.81
>>> round(fuzzy(10, exclusion=15, crossover=9.5, inclusion=5), 2)   # decreasing
0.43
>>> spec = parse({"outcome": "Y", "sets": {"Y": {"method": "calibrated"}, "A": {"method": "fuzzy", "idm": 0.95,
...     "anchors": {"exclusion": 400, "crossover": 550, "inclusion": 900}}}}).sets["A"]
>>> round(spec.value_of_raw(900), 3)   # R's default: 0.95 at the inclusion anchor
0.95
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

METHODS = ("crisp", "ordinal", "fuzzy", "calibrated")
#: set names are column names that R's QCA and fs/QCA accept as they are
SET_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,31}")
#: a query is a file of queries/conditions/ named by its stem, never a path
QUERY_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
COMBINE = ("min", "max", "mean")


def fuzzy(x: float, exclusion: float, crossover: float, inclusion: float, log_odds: float = 3.0) -> float:
    """Membership by the direct method: a logistic curve through the three anchors.

    The log-odds of membership are ``log_odds`` at ``inclusion``, 0 at ``crossover`` and
    ``-log_odds`` at ``exclusion``, scaled separately on each side of the crossover.

    >>> fuzzy(550, 400, 550, 900)
    0.5
    """
    if not (exclusion < crossover < inclusion or exclusion > crossover > inclusion):
        raise ValueError("the crossover must lie between the exclusion and inclusion anchors")
    increasing = inclusion > exclusion
    d = (x - crossover) if increasing else (crossover - x)
    above = d >= 0
    span = abs(inclusion - crossover) if above else abs(crossover - exclusion)
    z = d * log_odds / span
    return 1.0 / (1.0 + math.exp(-z))


@dataclass
class SetSpec:
    """How one condition or the outcome is calibrated."""

    name: str
    method: str
    label: dict = field(default_factory=dict)
    query: str | None = None
    rules: list = field(default_factory=list)       # crisp from the graph: [(signal, value)]
    threshold: float | None = None                   # crisp from data
    direction: str = "increasing"
    mapping: dict = field(default_factory=dict)     # ordinal
    pick: str = "latest"
    combine: str = "min"
    anchors: dict = field(default_factory=dict)     # fuzzy
    log_odds: float = 3.0
    when_silent: object = "unknown"
    reason: str = ""

    def describe(self) -> str:
        """One line saying how the set is calibrated (written beside every result)."""
        if self.method == "crisp" and self.rules:
            text = "crisp: " + "; ".join(f"{s} -> {v}" for s, v in self.rules)
        elif self.method == "crisp":
            op = ">=" if self.direction == "increasing" else "<"
            text = f"crisp: 1 if value {op} {self.threshold:g}"
        elif self.method == "ordinal":
            text = (f"ordinal ({self.pick}, {self.combine}): "
                    + "; ".join(f"{k} -> {v:g}" for k, v in self.mapping.items()))
        elif self.method == "fuzzy":
            a = self.anchors
            text = (f"fuzzy (direct, log-odds {self.log_odds:g}): exclusion {a['exclusion']:g}, "
                    f"crossover {a['crossover']:g}, inclusion {a['inclusion']:g}")
        else:
            text = "calibrated membership scores as given"
        if self.when_silent != "unknown":
            text += f"; when the graph is silent: {self.when_silent:g} ({self.reason})"
        return text

    def value_of_raw(self, raw: float) -> float:
        """A raw number (from a data file) as a membership score."""
        if self.method == "fuzzy":
            return fuzzy(raw, self.anchors["exclusion"], self.anchors["crossover"], self.anchors["inclusion"],
                         self.log_odds)
        if self.method == "crisp":
            hit = raw >= self.threshold if self.direction == "increasing" else raw < self.threshold
            return 1.0 if hit else 0.0
        return raw


@dataclass
class Calibration:
    """A whole calibration file."""

    path: Path | None
    outcome: str
    conditions: list
    sets: dict
    incl_cut: float = 1.0
    n_cut: int = 1
    pri_cut: float = 0.0
    expectations: dict = field(default_factory=dict)
    title: str = ""
    version: str = ""
    digest: str = ""

    def shown_path(self) -> str | None:
        """The file, relative to the project when it lies inside it."""
        if not self.path or str(self.path).startswith("<"):
            return None
        from ..kg import project_root

        try:
            return str(Path(self.path).resolve().relative_to(project_root().resolve()))
        except ValueError:
            return str(self.path)

    def as_dict(self) -> dict:
        """What is written beside every result: the file, its digest and each set's rule."""
        return {"file": self.shown_path(), "sha256": self.digest, "title": self.title,
                "version": self.version, "outcome": self.outcome, "conditions": list(self.conditions),
                "incl_cut": self.incl_cut, "n_cut": self.n_cut, "pri_cut": self.pri_cut,
                "directional_expectations": dict(self.expectations),
                "sets": {name: s.describe() for name, s in self.sets.items()}}


def _err(path, message, hint=None):
    return InputError(path, message, hint=hint)


def _number(path, where, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _err(path, f"{where}: {value!r} is not a number")
    return float(value)


def _set(path: Path, name: str, raw: dict) -> SetSpec:
    if not SET_NAME.fullmatch(name):
        raise _err(path, f"sets.{name}: a set name is a letter then letters, digits or _ (at most 32), "
                         "so that R's QCA and fs/QCA read it as a column name")
    if not isinstance(raw, dict):
        raise _err(path, f"sets.{name}: expected a mapping with a 'method'")
    if raw.get("query") is not None and not QUERY_NAME.fullmatch(str(raw["query"])):
        raise _err(path, f"sets.{name}.query: {raw['query']!r} is not a query name (lower-case letters, digits "
                         "and -, the stem of queries/conditions/NAME.rq)")
    method = raw.get("method")
    if method not in METHODS:
        raise _err(path, f"sets.{name}.method: {method!r} is not one of {', '.join(METHODS)}")
    spec = SetSpec(name=name, method=method, label=raw.get("label") or {}, query=raw.get("query"),
                   reason=str(raw.get("reason", "")))
    silent = raw.get("when_silent", "unknown")
    if silent != "unknown":
        spec.when_silent = _number(path, f"sets.{name}.when_silent", silent)
        if not spec.reason:
            raise _err(path, f"sets.{name}: when_silent is {silent!r} but no reason is given",
                       hint="say why silence means this value (reason: ...), or use when_silent: unknown")
    if method == "crisp":
        for i, rule in enumerate(raw.get("rules") or []):
            if not isinstance(rule, dict) or "signal" not in rule or rule.get("value") not in (0, 1):
                raise _err(path, f"sets.{name}.rules[{i}]: write {{signal: NAME, value: 0 or 1}}")
            spec.rules.append((str(rule["signal"]), int(rule["value"])))
        if "threshold" in raw:
            spec.threshold = _number(path, f"sets.{name}.threshold", raw["threshold"])
        spec.direction = raw.get("direction", "increasing")
        if not spec.rules and spec.threshold is None:
            raise _err(path, f"sets.{name}: a crisp set needs rules (from the graph) or a threshold (from data)")
    elif method == "ordinal":
        mapping = raw.get("map")
        if not isinstance(mapping, dict) or not mapping:
            raise _err(path, f"sets.{name}.map: an ordinal set maps each value to a score in [0, 1]")
        for k, v in mapping.items():
            v = _number(path, f"sets.{name}.map.{k}", v)
            if not 0 <= v <= 1:
                raise _err(path, f"sets.{name}.map.{k}: {v:g} is outside [0, 1]")
            spec.mapping[str(k)] = v
        spec.pick = raw.get("pick", "latest")
        spec.combine = raw.get("combine", "min")
        if spec.pick not in ("latest", "all") or spec.combine not in COMBINE:
            raise _err(path, f"sets.{name}: pick is latest or all, combine is one of {', '.join(COMBINE)}")
    elif method == "fuzzy":
        anchors = raw.get("anchors") or {}
        try:
            spec.anchors = {k: _number(path, f"sets.{name}.anchors.{k}", anchors[k])
                            for k in ("exclusion", "crossover", "inclusion")}
        except KeyError as missing:
            raise _err(path, f"sets.{name}.anchors: {missing} is missing",
                       hint="give exclusion, crossover and inclusion") from None
        a = spec.anchors
        if not (a["exclusion"] < a["crossover"] < a["inclusion"] or a["exclusion"] > a["crossover"] > a["inclusion"]):
            raise _err(path, f"sets.{name}.anchors: the crossover must lie between exclusion and inclusion")
        if "idm" in raw:  # R's calibrate(idm = ...): the membership at the inclusion anchor
            idm = _number(path, f"sets.{name}.idm", raw["idm"])
            if not 0.5 < idm < 1:
                raise _err(path, f"sets.{name}.idm: {idm:g} is not between 0.5 and 1")
            spec.log_odds = math.log(idm / (1 - idm))
        else:
            spec.log_odds = _number(path, f"sets.{name}.log_odds", raw.get("log_odds", 3.0))
    return spec


def parse(data: dict, path: Path | None = None, digest: str = "") -> Calibration:
    """A calibration from its parsed YAML mapping (see the module docstring).

    >>> c = parse({"outcome": "Y", "sets": {"Y": {"method": "calibrated"}, "A": {"method": "calibrated"}}})
    >>> c.conditions
    ['A']
    """
    path = path or Path("<calibration>")
    if not isinstance(data, dict) or "sets" not in data or not isinstance(data["sets"], dict):
        raise _err(path, "a calibration is a mapping with 'outcome' and 'sets'")
    sets = {str(name): _set(path, str(name), raw) for name, raw in data["sets"].items()}
    outcome = str(data.get("outcome", ""))
    if outcome not in sets:
        raise _err(path, f"outcome {outcome!r} is not one of the sets ({', '.join(sets)})")
    conditions = [str(c) for c in (data.get("conditions") or [n for n in sets if n != outcome])]
    for c in conditions:
        if c not in sets:
            raise _err(path, f"condition {c!r} is not one of the sets ({', '.join(sets)})")
    expectations = {}
    for k, v in (data.get("directional_expectations") or {}).items():
        if k not in sets or v not in (0, 1, "-"):
            raise _err(path, f"directional_expectations.{k}: write a set name and 1, 0 or '-'")
        if v != "-":
            expectations[str(k)] = int(v)
    incl = _number(path, "incl_cut", data.get("incl_cut", 1.0))
    n_cut = int(_number(path, "n_cut", data.get("n_cut", 1)))
    pri = _number(path, "pri_cut", data.get("pri_cut", 0.0))
    return Calibration(path=path, outcome=outcome, conditions=conditions, sets=sets, incl_cut=incl, n_cut=n_cut,
                       pri_cut=pri, expectations=expectations, title=str(data.get("title", "")),
                       version=str(data.get("version", "")), digest=digest)


def load(path: Path) -> Calibration:
    """Read a calibration file (YAML)."""
    import yaml

    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise _err(path, f"cannot be read: {err.strerror or err}") from None
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _err(path, "is not UTF-8 text") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(path, f"YAML syntax error: {getattr(err, 'problem', err)}",
                         line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None) from None
    return parse(data, path, hashlib.sha256(raw).hexdigest())


def default_path(root: Path | None = None) -> Path:
    """``data/compare/calibration.yaml`` of the project."""
    from ..kg import project_root

    return (root or project_root()) / "data" / "compare" / "calibration.yaml"
