"""What a query may do, read from its tokens: its form (SELECT, ASK, CONSTRUCT, DESCRIBE),
whether it names its own dataset (FROM), and the refusals (updates, LOAD, SERVICE, a
parameter a SELECT does not project).

The checks look at the query's tokens, not its text: strings, IRIs, comments, escapes,
variables and prefixed names are set aside first, so a keyword inside them is no keyword,
and a keyword spelt without spaces or with ``\\u`` escapes is still found.
"""

from __future__ import annotations

import re

from ..errors import QueryError

_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword outside IRIs, strings and
    comments (a ``#`` inside ``<...#>`` is no comment).

    >>> query_form("PREFIX pdo: <https://w3id.org/paradiplo/ontology#> SELECT ?c WHERE { ?c a pdo:Case }")
    'SELECT'
    """
    m = _FORM.search(_tokens_removed(text))
    if not m:
        raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")
    return m.group(1).upper()


def declares_dataset(text: str) -> bool:
    """Whether the query names its own dataset (FROM or FROM NAMED).

    >>> declares_dataset("SELECT * FROM pd:case-jakarta-hanoi WHERE { ?s ?p ?o }")
    True
    >>> declares_dataset("SELECT ?from WHERE { ?from rdfs:label 'FROM' }")
    False
    """
    return bool(re.search(r"(?<![\w-])FROM(?![\w-])", _tokens_removed(text), re.I))


def check_query(text: str, bindings: dict) -> None:
    r"""Refuse updates, federated queries (``SERVICE``: nothing reaches the network), and
    parameters a SELECT query does not project (see module doc).

    SERVICE is looked for among the query's tokens, not in its text: strings, IRIs,
    comments, escapes, variables and prefixed names are set aside first, both in the text
    as written and with its ``\u`` escapes expanded, and the word is refused wherever it is
    left, in any case, with or without spaces around it. Behind this check, a query runs in
    a child process that cannot open a network socket at all (:func:`_no_network`).

    >>> check_query("SELECT ?service WHERE { ?service a pdo:Ministry }", {})
    >>> check_query("SELECT * { ?s ?p ?o . sErViCe#x\n<http://127.0.0.1/> { ?s ?p ?o } }", {})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    paradiplo.errors.QueryError: SERVICE (federated queries) is refused: ...
    """
    views = [_tokens_removed(text), _tokens_removed(_unescape(text))]
    if any(re.search(r"^\s*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b", v, re.I | re.M) for v in views):
        raise QueryError("only queries are run (SELECT, ASK, CONSTRUCT, DESCRIBE), not updates")
    if any(re.search("service", v, re.I) for v in views):
        raise QueryError("SERVICE (federated queries) is refused: paradiplo queries only its own knowledge graph "
                         "and never reaches the network")
    body = _strip_comments(text)
    if bindings and query_form(text) == "SELECT":
        head = body[re.search(r"\bSELECT\b", body, re.I).end():]
        head = re.split(r"\bWHERE\b|\{", head, maxsplit=1, flags=re.I)[0]
        if "*" not in head:
            missing = [n for n in bindings if not re.search(rf"\?{n}\b(?!\s*\))", head)]
            if missing:
                raise QueryError(f"parameter ?{missing[0]} must be in the SELECT clause to be bound")


_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
#: The tokens that may hide a keyword, as a SPARQL lexer meets them from the left: long
#: and short strings (with their escapes), IRIs (with ``\u`` escapes), comments, an
#: escape outside a string (as in the prefixed name ``ex:a\'``), variables, and the local
#: part of prefixed names and blank nodes (what follows a colon). A prefix stays: Oxigraph
#: reads ``SERVICEex:x`` as SERVICE then ``ex:x``.
_HIDING = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''" r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n\r]|\\.)*'" r'|"(?:[^"\\\n\r]|\\.)*"'
    r'|<(?:[^<>"{}|^`\\\x00-\x20]|' + _UCHAR + r")*>"
    r"|#[^\n\r]*|\\.|[?$][\w\u00B7\u0300-\u036F\u203F\u2040]+"
    r"|:(?:[\w.\-:%\u00B7]|\\.)*", re.S)


def _tokens_removed(text: str) -> str:
    r"""``text`` with every token that can hide a keyword replaced by a space.

    >>> _tokens_removed('SELECT ?service { ?s ex:service "service" } # service').split()
    ['SELECT', '{', 'ex', '}']
    """
    return _HIDING.sub(" ", text)


def _unescape(text: str) -> str:
    r"""``text`` with its ``\uXXXX`` and ``\UXXXXXXXX`` escapes expanded, which SPARQL 1.1
    allows before parsing.

    >>> _unescape(r"\u0053ERVICE")
    'SERVICE'
    """
    def char(m):
        code = int(m.group(0)[2:], 16)
        return chr(code) if code <= 0x10FFFF else " "
    return re.sub(_UCHAR, char, text)


def _strip_comments(text: str) -> str:
    # Drops # comments outside IRIs and strings well enough for the checks above.
    return "\n".join(re.sub(r"(^|\s)#.*$", "", line) for line in text.splitlines())
