"""Typed values whose text is not valid for their datatype, found in the store.

``"24-05-1960"^^xsd:date`` parses as RDF (any text may carry any datatype), but it is no
date: rdflib cannot convert it, and the SHACL engine compares it as text (so it "lies in
the future"). This check finds such values with one native query and words one message
per value, on the property the contributor wrote, with the fix (``pdsh:WellFormedLiteral``
in the shapes file holds the message templates).

Examples
--------
>>> problem("24-05-1960", "http://www.w3.org/2001/XMLSchema#date")
('YYYY-MM-DD', '1960-05-24')
>>> problem("1960-05-24", "http://www.w3.org/2001/XMLSchema#date") is None
True
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pyoxigraph as ox
from rdflib.namespace import XSD

from ..kg import KnowledgeGraph, entail, select

#: datatype -> (the form to write, a full-match pattern, an extra check of the value)
_FORMS = {
    XSD.date: ("YYYY-MM-DD", r"-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?", lambda t: date.fromisoformat(t[:10])),
    XSD.gYear: ("YYYY", r"-?\d{4,}(Z|[+-]\d{2}:\d{2})?", None),
    XSD.gYearMonth: ("YYYY-MM", r"-?\d{4,}-(0[1-9]|1[0-2])(Z|[+-]\d{2}:\d{2})?", None),
    XSD.dateTime: ("YYYY-MM-DDThh:mm:ss", r"-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?",
                   lambda t: datetime.fromisoformat(t[:19])),
    XSD.integer: ("a whole number, e.g. 12", r"[+-]?\d+", None),
    XSD.decimal: ("a number, e.g. 3.5", r"[+-]?(\d+(\.\d*)?|\.\d+)", None),
    XSD.boolean: ("true or false", r"true|false|1|0", None),
}

_DATATYPES = ", ".join(f"<{d}>" for d in _FORMS)
_QUERY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER (isLiteral(?o) && DATATYPE(?o) IN (" + _DATATYPES + ")) }"


def problem(text: str, datatype: str) -> tuple[str, str] | None:
    """``None`` if ``text`` is valid for ``datatype``; else the form to write and a
    suggestion (a day-month-year date turned round), or ``""``."""
    form, pattern, check = _FORMS[datatype if not isinstance(datatype, str) else next(
        d for d in _FORMS if str(d) == datatype)]
    if re.fullmatch(pattern, text):
        try:
            if check:
                check(text.lstrip("-"))
            return None
        except ValueError:
            pass
    m = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text.strip())
    if m and str(datatype) == str(XSD.date):
        day, month, year = (int(x) for x in m.groups())
        try:
            return form, date(year, month, day).isoformat()
        except ValueError:
            pass
    return form, ""


def ill_typed(kg: KnowledgeGraph) -> list[tuple]:
    """Every (subject, property, literal, form, suggestion) whose literal is not valid for
    its datatype, in the named graphs of ``kg`` (pyoxigraph terms)."""
    entail(kg)  # the default graph is the merge of the named graphs
    found = []
    for s in select(kg, _QUERY, inference=False):
        o = s["o"]
        bad = problem(o.value, o.datatype.value)
        if bad:
            found.append((s["s"], s["p"], o, *bad))
    return found


def datatype_name(literal: ox.Literal) -> str:
    return "xsd:" + literal.datatype.value.rsplit("#", 1)[-1]
