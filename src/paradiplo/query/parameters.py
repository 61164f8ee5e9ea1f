"""Parameters of a query: typed RDF terms from the text a user gives.

Parameters are bound as typed RDF terms (the engine's initial bindings), never pasted
into the query text, so a value cannot change what a query does.

>>> to_term(Parameter("city", "iri"), "pd:seoul")
rdflib.term.URIRef('https://w3id.org/paradiplo/id/seoul')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ..errors import QueryError
from ..namespaces import PREFIXES

PARAM_TYPES = ("iri", "string", "integer", "decimal", "date", "year", "boolean")


@dataclass
class Parameter:
    name: str
    type: str
    default: str | None = None
    description: str = ""


_IRI_FORBIDDEN = re.compile(r'[\s<>"{}|^`\\]')


def to_term(param: Parameter, raw: str):
    """Turn a parameter value given as text into a typed RDF term, or raise QueryError."""
    raw = raw.strip()
    kind = param.type
    try:
        if kind == "iri":
            return _iri(raw)
        if kind == "string":
            return Literal(raw)
        if kind == "integer":
            return Literal(int(raw), datatype=XSD.integer)
        if kind == "decimal":
            return Literal(float(raw), datatype=XSD.decimal)
        if kind == "date":
            return Literal(date.fromisoformat(raw), datatype=XSD.date)
        if kind == "year":
            if not re.fullmatch(r"-?\d{4}", raw):
                raise ValueError(raw)
            return Literal(raw, datatype=XSD.gYear)
        if kind == "boolean":
            if raw.lower() not in ("true", "false"):
                raise ValueError(raw)
            return Literal(raw.lower() == "true", datatype=XSD.boolean)
    except ValueError:
        pass
    raise QueryError(f"parameter {param.name} must be {_describe(kind)}, not {raw!r}")


def _describe(kind: str) -> str:
    return {"iri": "an IRI such as pd:jakarta or <https://w3id.org/paradiplo/id/jakarta>",
            "integer": "a whole number", "decimal": "a number", "date": "a date YYYY-MM-DD",
            "year": "a year YYYY", "boolean": "true or false", "string": "text"}[kind]


def _iri(raw: str) -> URIRef:
    if raw.startswith("<") and raw.endswith(">"):
        raw = raw[1:-1]
    elif ":" in raw and not re.match(r"^[a-z][a-z0-9+.-]*://", raw, re.I):
        prefix, local = raw.split(":", 1)
        if prefix not in PREFIXES:
            raise ValueError(raw)
        raw = PREFIXES[prefix] + local
    if not re.match(r"^[a-z][a-z0-9+.-]*:", raw, re.I) or _IRI_FORBIDDEN.search(raw):
        raise ValueError(raw)
    return URIRef(raw)


def bind_parameters(query, given: dict[str, str]) -> dict[str, object]:
    """Typed bindings for every parameter of ``query`` (a :class:`~paradiplo.query.NamedQuery`):
    given values, else defaults; unknown names fail."""
    declared = {p.name: p for p in query.parameters}
    unknown = set(given) - set(declared)
    if unknown:
        names = ", ".join(sorted(declared)) or "none"
        raise QueryError(f"{query.name} has no parameter {', '.join(sorted(unknown))} (its parameters: {names})")
    bindings = {}
    for name, p in declared.items():
        raw = given.get(name, p.default)
        if raw is None:
            raise QueryError(f"{query.name} needs --param {name}=VALUE ({_describe(p.type)})")
        bindings[name] = to_term(p, raw)
    return bindings


def bind_untyped(given: dict[str, str]) -> dict:
    """Parameters of a query without a header: IRIs if they look like one, else strings."""
    out = {}
    for k, v in given.items():
        kind = "iri" if (v.startswith("<") or re.match(r"^[\w-]+:[^\s]*$", v)) else "string"
        out[k] = to_term(Parameter(k, kind), v)
    return out
